/**
 * The helper's pages and the applicant's "Helpers" forms (docs/api.md "Helpers"), server-rendered and
 * JS-free like the applicant's pages (routes.tsx), as Hono sub-apps: forms post here, call the same use cases as the
 * API and answer Post/Redirect/Get. A helper's pages read metadata only; they have no route to a
 * letter's content.
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { parisDate } from '../../domain/calendar.ts';
import { isAgdref } from '../../domain/identity.ts';
import { NotFoundError, UnknownGrantCodeError, ValidationError } from '../../errors.ts';
import type { Deps } from '../../ports.ts';
import { activateHelper, getHelperProfile, logInHelper, logOutHelper } from '../../use-cases/helper-accounts.ts';
import { getDigestPreference, setDigestPreference } from '../../use-cases/helper-digest.ts';
import { grantHelperAccess, revokeHelperAccess } from '../../use-cases/helper-grants.ts';
import { helperApplicantDocuments, listHelperApplicants } from '../../use-cases/helper-views.ts';
import type { AppEnv } from '../context.ts';
import { accountHelperTexts, helperTextsFor } from '#helper-texts';
import { clearHelperSessionCookie, currentHelper, helperSessionToken, setHelperSessionCookie } from '../session.ts';
import { accountHelpersSection } from './account-helpers.tsx';
import { AccountPage } from './account-page.tsx';
import { HelperApplicantPage, HelperApplicantsPage, HelperLoginPage, type HelperPageContext } from './helper-pages.tsx';
import { MessagePage } from './message-page.tsx';
import { credentialErrors, hasErrors, mismatch, readForm, requiredFields } from './form-checks.ts';
import { pageContext, renderPage, visitorLanguage } from './frame.ts';
import { type PagesEnv, requireViewer } from './viewer.ts';

const HELPER_LOGIN_REQUIRED = '/helper?notice=login-required';
const DIGEST_NOTICES = { on: 'digestOn', off: 'digestOff' } as const;
const NOTICES = { activated: 'activated', 'logged-out': 'loggedOut', 'login-required': 'loginRequired' } as const;

function helperContext(c: Context): HelperPageContext {
  const language = visitorLanguage(c);
  return { page: pageContext(c, language), h: helperTextsFor(language) };
}

/** Lets a request through only with a live helper session (`c.var.helperId`); otherwise redirects to the helper's login page. */
export function requireHelper(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const helperId = await currentHelper(deps, c);
    if (helperId === null) return c.redirect(HELPER_LOGIN_REQUIRED, 303);
    c.set('helperId', helperId);
    await next();
    return undefined;
  };
}

/** The helper's own pages: log in, activate, log out, and the views of the applicants who granted access. */
function helperPages(deps: Deps, secureCookies: boolean): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  const helper = requireHelper(deps);

  // ------------------------------------------------------------ the helper's log-in and activation
  pages.get('/helper', async (c) => {
    if ((await currentHelper(deps, c)) !== null) return c.redirect('/helper/applicants', 303);
    const ctx = helperContext(c);
    const notice = NOTICES[(c.req.query('notice') ?? '') as keyof typeof NOTICES];
    return renderPage(c, <HelperLoginPage ctx={ctx} errors={{}} notice={notice === undefined ? undefined : ctx.h[notice]} />);
  });

  pages.post('/helper', async (c) => {
    const form = await readForm(c);
    const ctx = helperContext(c);
    const email = (form.email ?? '').trim();
    const required = requiredFields(ctx.page.t, form, { email: 'email', password: 'password' });
    if (hasErrors(required)) return renderPage(c, <HelperLoginPage ctx={ctx} errors={required} email={email} />, 400);
    try {
      const { token } = await logInHelper(deps, { email, password: form.password ?? '' });
      setHelperSessionCookie(c, token, secureCookies);
      return c.redirect('/helper/applicants', 303);
    } catch (error) {
      const failed = credentialErrors(c, ctx.page.t, error, { identifier: 'email', password: 'password', wrong: ctx.h.loginFailed });
      return renderPage(c, <HelperLoginPage ctx={ctx} errors={failed.errors} email={email} />, failed.status);
    }
  });

  pages.post('/helper/activate', async (c) => {
    const form = await readForm(c);
    const ctx = helperContext(c);
    const { t } = ctx.page;
    const errors: Record<string, string[]> = requiredFields(t, form, {
      email: 'activate-email',
      connectionKey: 'activate-connectionKey',
      password: 'activate-password',
    });
    if (errors['activate-password'] === undefined) Object.assign(errors, mismatch(t, form, 'activate-confirmPassword'));
    if (hasErrors(errors)) return renderPage(c, <HelperLoginPage ctx={ctx} errors={errors} />, 400);
    try {
      await activateHelper(deps, { email: (form.email ?? '').trim(), connectionKey: form.connectionKey ?? '', password: form.password ?? '' });
      return c.redirect('/helper?notice=activated', 303);
    } catch (error) {
      const failed = credentialErrors(c, t, error, { identifier: 'activate-email', password: 'activate-password', wrong: ctx.h.activationFailed });
      return renderPage(c, <HelperLoginPage ctx={ctx} errors={failed.errors} />, failed.status);
    }
  });

  pages.post('/helper/logout', async (c) => {
    const token = helperSessionToken(c);
    if (token !== undefined) await logOutHelper(deps, { token });
    clearHelperSessionCookie(c, secureCookies);
    return c.redirect('/helper?notice=logged-out', 303);
  });

  // ------------------------------------------------------------ the helper's views (metadata only)
  pages.get('/helper/applicants', helper, async (c) => {
    const helperId = c.var.helperId;
    const [profile, applicants, digest] = await Promise.all([
      getHelperProfile(deps, { helperId }),
      listHelperApplicants(deps, { helperId }),
      getDigestPreference(deps, { helperId }),
    ]);
    const ctx = helperContext(c);
    const notice = DIGEST_NOTICES[(c.req.query('digest') ?? '') as keyof typeof DIGEST_NOTICES];
    return renderPage(
      c,
      <HelperApplicantsPage ctx={ctx} profile={profile} applicants={applicants} digest={digest} notice={notice === undefined ? undefined : ctx.h[notice]} />,
    );
  });

  // The daily e-mail digest, on or off, in the page's language (French, else English).
  pages.post('/helper/digest', helper, async (c) => {
    const form = await readForm(c);
    const enabled = form.enabled === 'true';
    await setDigestPreference(deps, { helperId: c.var.helperId, enabled, language: visitorLanguage(c) === 'fr' ? 'fr' : 'en' });
    return c.redirect(`/helper/applicants?digest=${enabled ? 'on' : 'off'}#digest-title`, 303);
  });

  pages.get('/helper/applicants/:agdref', helper, async (c) => {
    const helperId = c.var.helperId;
    const ctx = helperContext(c);
    const agdref = c.req.param('agdref');
    try {
      if (!isAgdref(agdref)) throw new NotFoundError('applicant');
      const { documents } = await helperApplicantDocuments(deps, { helperId, agdref });
      return renderPage(c, <HelperApplicantPage ctx={ctx} agdref={agdref} documents={documents} today={parisDate(deps.clock.now())} />);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const { t } = ctx.page;
      return renderPage(c, <MessagePage page={ctx.page} title={t.notFoundTitle} text={t.notFoundText} link={{ href: '/helper/applicants', text: ctx.h.back }} />, 404);
    }
  });

  return pages;
}

/** The applicant's "Helpers" forms on `/account`: give and remove access (logged in). */
function accountHelperForms(deps: Deps): Hono<PagesEnv> {
  const pages = new Hono<PagesEnv>();
  const viewer = requireViewer(deps);

  // ------------------------------------------------------------ the applicant gives and removes access
  pages.post('/account/helpers', viewer, async (c) => {
    const { agdref } = c.var.viewer;
    const form = await readForm(c);
    const code = (form.grantCode ?? '').trim();
    try {
      await grantHelperAccess(deps, { agdref, grantCode: code });
      return c.redirect('/account?helpers=granted#helpers-title', 303);
    } catch (error) {
      if (!(error instanceof UnknownGrantCodeError) && !(error instanceof ValidationError)) throw error;
      const profile = await c.var.viewer.profile();
      const page = pageContext(c, profile.language, profile);
      const errors = { grantCode: [code === '' ? page.t.required : accountHelperTexts(profile.language).unknownCode] };
      return renderPage(
        c,
        <AccountPage page={page} profile={profile} errors={errors}>
          {await accountHelpersSection(deps, profile, { errors, code })}
        </AccountPage>,
        error instanceof UnknownGrantCodeError ? 404 : 400,
      );
    }
  });

  pages.post('/account/helpers/:helperId/remove', viewer, async (c) => {
    const { agdref } = c.var.viewer;
    await readForm(c);
    try {
      await revokeHelperAccess(deps, { agdref, helperId: c.req.param('helperId') });
    } catch (error) {
      // Already removed (a second click): the page shows the list as it is.
      if (!(error instanceof NotFoundError)) throw error;
    }
    return c.redirect('/account?helpers=removed#helpers-title', 303);
  });

  return pages;
}

export function registerHelperPages(app: Hono<AppEnv>, deps: Deps, secureCookies: boolean): void {
  app.route('/', helperPages(deps, secureCookies));
  app.route('/', accountHelperForms(deps));
}
