/**
 * The applicant's pages: server-rendered, working without JavaScript. Forms post to these routes,
 * which call the same use cases as the API and answer Post/Redirect/Get on success; a form with
 * errors is shown again with an error summary linked to each field. The app-wide middleware
 * applies the same CSRF Origin check, security headers and no-store as for the API.
 *
 * One Hono sub-app per concept, mounted here: getting in and out (sign-in-routes.tsx), the letters
 * (letters-routes.tsx), the account (account-routes.tsx), the language (language-routes.tsx). The
 * logged-in routes sit behind one `requireViewer` (viewer.ts); forms are checked with the API's
 * schemas (form-checks.ts).
 */
import type { Hono } from 'hono';
import type { Deps } from '../../ports.ts';
import type { AppEnv } from '../context.ts';
import { accountPages } from './account-routes.tsx';
import { languagePages } from './language-routes.tsx';
import { letterPages } from './letters-routes.tsx';
import { signInPages } from './sign-in-routes.tsx';

export function registerPages(app: Hono<AppEnv>, deps: Deps, secureCookies: boolean): void {
  app.route('/', signInPages(deps, secureCookies));
  app.route('/', letterPages(deps));
  app.route('/', accountPages(deps, secureCookies));
  app.route('/', languagePages(deps, secureCookies));
}
