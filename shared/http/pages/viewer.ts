/**
 * Who is looking at an applicant's page: `requireViewer` is the one check a logged-in page makes
 * (no valid session: the redirect to log in, 303), mounted on each such route of the pages' sub-apps.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Deps } from '../../ports.ts';
import { getProfile, type Profile } from '../../use-cases/get-profile.ts';
import type { AppEnv } from '../context.ts';
import { currentApplicant } from '../session.ts';

export const LOGIN_REQUIRED = '/?notice=login-required';

/** The logged-in applicant: the AGDREF number from the session; the profile read once, when a page first asks for it. */
export interface Viewer {
  readonly agdref: string;
  profile(): Promise<Profile>;
}

/** The pages' sub-apps: the app's variables, and `viewer` on the routes behind `requireViewer`. */
export interface PagesEnv {
  Variables: AppEnv['Variables'] & { viewer: Viewer };
}

/** The logged-in applicant's profile, or null (no session, or an expired/revoked one). */
export async function viewerOf(deps: Deps, c: Context): Promise<Profile | null> {
  const agdref = await currentApplicant(deps, c);
  return agdref === null ? null : getProfile(deps, { agdref });
}

/** Lets a request through only with a live applicant session (`c.var.viewer`); otherwise redirects to the login page. */
export function requireViewer(deps: Deps): MiddlewareHandler<PagesEnv> {
  return async (c, next) => {
    const agdref = await currentApplicant(deps, c);
    if (agdref === null) return c.redirect(LOGIN_REQUIRED, 303);
    let profile: Promise<Profile> | undefined;
    c.set('viewer', { agdref, profile: () => (profile ??= getProfile(deps, { agdref })) });
    await next();
    return undefined;
  };
}
