/**
 * docs/api.md "Helpers": the office creates helpers; helpers activate, log in (cookie `helper_session`)
 * and see the metadata of the applicants who granted them access; applicants grant, list and
 * revoke. Helper routes never reach a letter's content: there is no such route here, and the
 * applicant routes refuse a helper session (session.ts).
 */
import type { Hono } from 'hono';
import type { Deps } from '../../ports.ts';
import { activateHelper, getHelperProfile, logInHelper, logOutHelper } from '../../use-cases/helper-accounts.ts';
import { grantHelperAccess, listMyHelpers, revokeHelperAccess } from '../../use-cases/helper-grants.ts';
import { getDigestPreference, setDigestPreference } from '../../use-cases/helper-digest.ts';
import { helperApplicantDocuments, listHelperApplicants } from '../../use-cases/helper-views.ts';
import type { AppEnv } from '../context.ts';
import {
  DigestPreference,
  DigestPreferenceBody,
  GrantBody,
  GrantCreated,
  HelperActivateBody,
  HelperApplicants,
  HelperDocumentList,
  HelperIdParam,
  HelperProfile,
  HelperSessionBody,
  MyHelpers,
} from '../helper-schemas.ts';
import { AgdrefParam, SessionCreated } from '../schemas.ts';
import { clearHelperSessionCookie, helperSessionToken, requireHelperSession, setHelperSessionCookie } from '../session.ts';
import { failure } from './helper-office-routes.ts';
import { apiRoute, mountRoutes } from './route-table.ts';
import type { ApiRoute } from './route-table.ts';

const UNAUTHENTICATED = failure('`unauthenticated`');
const FORBIDDEN_OTHER_SESSION = failure('`forbidden`: a session of another kind (applicant ↔ helper)');

/** The paths a helper session is required on (the rest of `/api/v1/helper/*` is activation and log-in). */
/** (Hono's `/x/*` matches `/x` too: listing both would authenticate twice.) */
export const HELPER_SESSION_PATHS = ['/api/v1/helper/me', '/api/v1/helper/digest', '/api/v1/helper/applicants/*'] as const;

export function helperRoutes(deps: Deps, secureCookies: boolean): ApiRoute[] {
  return [
    apiRoute({
      method: 'post',
      path: '/api/v1/helper/activate',
      tag: 'helper',
      summary: 'Activate a helper account with the e-mail and the connection key; set the password (same policy and lockout as applicants)',
      body: HelperActivateBody,
      responses: {
        204: { description: 'Activated; the connection key is spent' },
        400: failure('`invalid_password` (each unmet rule named) or a malformed body'),
        401: failure('`invalid_credentials`'),
        409: failure('`already_active`'),
        429: failure('`too_many_attempts` (Retry-After)'),
      },
      handle: async (c, { body }) => {
        await activateHelper(deps, body);
        return c.body(null, 204);
      },
    }),

    apiRoute({
      method: 'post',
      path: '/api/v1/helper/session',
      tag: 'helper',
      summary: 'Helper log-in by e-mail; sets the `helper_session` cookie (HttpOnly; Secure; SameSite=Strict; Path=/)',
      body: HelperSessionBody,
      responses: {
        200: { description: 'Logged in', json: SessionCreated },
        401: failure('`invalid_credentials` (the same whether the account exists or not)'),
        429: failure('`too_many_attempts` (Retry-After)'),
      },
      handle: async (c, { body }) => {
        const { token, expiresAt } = await logInHelper(deps, body);
        setHelperSessionCookie(c, token, secureCookies);
        return c.json({ expiresAt }, 200);
      },
    }),

    apiRoute({
      method: 'delete',
      path: '/api/v1/helper/session',
      tag: 'helper',
      summary: 'Helper log-out: the session is revoked server-side and the cookie cleared',
      responses: { 204: { description: 'Logged out' } },
      handle: async (c) => {
        const token = helperSessionToken(c);
        if (token !== undefined) await logOutHelper(deps, { token });
        clearHelperSessionCookie(c, secureCookies);
        return c.body(null, 204);
      },
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/helper/me',
      tag: 'helper',
      security: 'helperSessionCookie',
      summary: 'The helper’s profile and the grant code to show an applicant (8 characters, valid 24 h)',
      responses: { 200: { description: 'The profile', json: HelperProfile }, 401: UNAUTHENTICATED, 403: FORBIDDEN_OTHER_SESSION },
      handle: async (c) => c.json(await getHelperProfile(deps, { helperId: c.get('helperId') }), 200),
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/helper/digest',
      tag: 'helper',
      security: 'helperSessionCookie',
      summary: 'The helper’s daily e-mail digest preference (off by default)',
      responses: { 200: { description: 'The preference', json: DigestPreference }, 401: UNAUTHENTICATED, 403: FORBIDDEN_OTHER_SESSION },
      handle: async (c) => c.json(await getDigestPreference(deps, { helperId: c.get('helperId') }), 200),
    }),

    apiRoute({
      method: 'put',
      path: '/api/v1/helper/digest',
      tag: 'helper',
      security: 'helperSessionCookie',
      summary: 'Turn the daily e-mail digest on or off (counts only, sent to the log-in e-mail address once a Paris day from 08:00)',
      body: DigestPreferenceBody,
      responses: {
        200: { description: 'The preference as stored', json: DigestPreference },
        400: failure('A malformed body'),
        401: UNAUTHENTICATED,
        403: FORBIDDEN_OTHER_SESSION,
      },
      handle: async (c, { body }) => {
        const helperId = c.get('helperId');
        const language = body.language ?? (await getDigestPreference(deps, { helperId })).language;
        return c.json(await setDigestPreference(deps, { helperId, enabled: body.enabled, language }), 200);
      },
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/helper/applicants',
      tag: 'helper',
      security: 'helperSessionCookie',
      summary: 'The applicants who granted access, soonest deadline first, with unread counts (each look is in their access log)',
      responses: { 200: { description: 'The applicants', json: HelperApplicants }, 401: UNAUTHENTICATED, 403: FORBIDDEN_OTHER_SESSION },
      handle: async (c) => c.json({ applicants: await listHelperApplicants(deps, { helperId: c.get('helperId') }) }, 200),
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/helper/applicants/{agdref}/documents',
      tag: 'helper',
      security: 'helperSessionCookie',
      summary: 'One applicant’s letters as metadata and deadlines — no title, no content; never counts as an opening (R4)',
      params: AgdrefParam,
      responses: {
        200: { description: 'The letters', json: HelperDocumentList },
        401: UNAUTHENTICATED,
        403: FORBIDDEN_OTHER_SESSION,
        404: failure('`not_found`: no grant, an expired or revoked one, or an unknown AGDREF (the same answer)'),
      },
      handle: async (c, { params }) => {
        const { documents } = await helperApplicantDocuments(deps, { helperId: c.get('helperId'), agdref: params.agdref });
        return c.json({ documents }, 200);
      },
    }),

    apiRoute({
      method: 'post',
      path: '/api/v1/me/helpers',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'Give a helper access with the code the helper shows (6 months; typing a code again renews)',
      body: GrantBody,
      responses: {
        201: { description: 'Granted', json: GrantCreated },
        400: failure('A malformed code'),
        401: UNAUTHENTICATED,
        403: FORBIDDEN_OTHER_SESSION,
        404: failure('`unknown_grant_code`'),
      },
      handle: async (c, { body }) => {
        const grant = await grantHelperAccess(deps, { agdref: c.get('agdref'), grantCode: body.grantCode });
        return c.json(
          { helperId: grant.helperId, name: grant.helperName, organisation: grant.organisation, grantedAt: grant.grantedAt, expiresAt: grant.expiresAt },
          201,
        );
      },
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/me/helpers',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'The helpers with access, each with what they looked at and when',
      responses: { 200: { description: 'The helpers', json: MyHelpers }, 401: UNAUTHENTICATED, 403: FORBIDDEN_OTHER_SESSION },
      handle: async (c) => c.json({ helpers: await listMyHelpers(deps, { agdref: c.get('agdref') }) }, 200),
    }),

    apiRoute({
      method: 'delete',
      path: '/api/v1/me/helpers/{helperId}',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'Remove a helper’s access; it ends at once',
      params: HelperIdParam,
      responses: { 204: { description: 'Removed' }, 401: UNAUTHENTICATED, 403: FORBIDDEN_OTHER_SESSION, 404: failure('`not_found`') },
      handle: async (c, { params }) => {
        await revokeHelperAccess(deps, { agdref: c.get('agdref'), helperId: params.helperId });
        return c.body(null, 204);
      },
    }),
  ];
}

/**
 * Helper session middleware on the helper's private paths, then the routes (the applicant-facing side;
 * the office's `POST /api/v1/agent/helpers` is in helper-office-routes.ts). Must come after the
 * applicant and office registrations: their middleware guards `/api/v1/me/*` and `/api/v1/agent/*`.
 */
export function registerHelperRoutes(app: Hono<AppEnv>, deps: Deps, secureCookies: boolean): readonly ApiRoute[] {
  const routes = helperRoutes(deps, secureCookies);
  const session = requireHelperSession(deps);
  for (const path of HELPER_SESSION_PATHS) app.use(path, session);
  mountRoutes(app, routes);
  return routes;
}
