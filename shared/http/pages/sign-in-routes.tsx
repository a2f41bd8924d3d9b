/**
 * Getting in and out: log in, activate the space, the forgotten password (with the connection key
 * or a code by SMS/e-mail), log out. Pages for visitors: in the visitor's language.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { asciiDigits, isAgdref } from '../../domain/identity.ts';
import type { Deps } from '../../ports.ts';
import { activateAccount } from '../../use-cases/activate-account.ts';
import { logIn, openSession } from '../../use-cases/log-in.ts';
import { logOut } from '../../use-cases/log-out.ts';
import { requestResetCode } from '../../use-cases/request-reset-code.ts';
import { resetPasswordWithCode } from '../../use-cases/reset-password-with-code.ts';
import { resetPasswordWithKey } from '../../use-cases/reset-password-with-key.ts';
import type { Catalogue } from '../i18n/index.ts';
import { ResetCode } from '../schemas.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../session.ts';
import { ActivatePage } from './activate-page.tsx';
import { credentialErrors, hasErrors, identifierFrom, mismatch, readForm, requiredFields, tooLongErrors, withRequired } from './form-checks.ts';
import { ForgotPasswordPage } from './forgot-password-page.tsx';
import type { ForgotStep } from './forgot-password-page.tsx';
import { pageContext, renderPage, visitorLanguage } from './frame.ts';
import { LoginPage } from './login-page.tsx';
import { type PagesEnv, viewerOf } from './viewer.ts';

const LOGIN_NOTICES: Readonly<Record<string, keyof Catalogue>> = {
  'password-changed': 'noticePasswordChanged',
  'logged-out': 'noticeLoggedOut',
  'login-required': 'noticeLoginRequired',
};

export function signInPages(deps: Deps, secureCookies: boolean): Hono<PagesEnv> {
  const pages = new Hono<PagesEnv>();

  // ------------------------------------------------------------ log in
  pages.get('/', async (c) => {
    if ((await viewerOf(deps, c)) !== null) return c.redirect('/documents', 303);
    const page = pageContext(c, visitorLanguage(c));
    const key = LOGIN_NOTICES[c.req.query('notice') ?? ''];
    const notice = key === undefined ? undefined : page.t[key];
    return renderPage(c, <LoginPage page={page} errors={{}} notice={typeof notice === 'string' ? notice : undefined} />);
  });

  pages.post('/', async (c) => {
    const form = await readForm(c);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const identifier = identifierFrom(form);
    const errors = {
      ...tooLongErrors(t, form, { identifier: ['identifier', t.identifierLabel], password: ['password', t.passwordLabel] }),
    };
    if (!hasErrors(errors)) Object.assign(errors, requiredFields(t, form, { identifier: 'identifier', password: 'password' }));
    if (hasErrors(errors)) return renderPage(c, <LoginPage page={page} errors={errors} identifier={identifier} />, 400);
    try {
      const { token } = await logIn(deps, { identifier, password: form.password ?? '' });
      setSessionCookie(c, token, secureCookies);
      return c.redirect('/documents', 303);
    } catch (error) {
      const failed = credentialErrors(c, t, error, { identifier: 'identifier', password: 'password', wrong: t.errLoginFailed });
      return renderPage(c, <LoginPage page={page} errors={failed.errors} identifier={identifier} />, failed.status);
    }
  });

  // ------------------------------------------------------------ activation
  pages.get('/activate', (c) => renderPage(c, <ActivatePage page={pageContext(c, visitorLanguage(c))} errors={{}} />));

  /**
   * What was typed is kept after any error (the AGDREF number and the connection key, never the
   * password); the key is read with Crockford's rules by the use case, so `O`, `I`, `L` and lower
   * case are accepted. Once activated, the applicant is logged in and lands on the letters.
   */
  pages.post('/activate', async (c) => {
    const form = await readForm(c);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const agdref = identifierFrom(form, 'agdref');
    const connectionKey = (form.connectionKey ?? '').trim();
    const kept = { agdref, connectionKey };
    const errors: Record<string, string[]> = tooLongErrors(t, form, {
      agdref: ['agdref', t.agdrefLabel],
      connectionKey: ['connectionKey', t.connectionKeyLabel],
      password: ['password', t.newPasswordLabel],
      confirmPassword: ['confirmPassword', t.confirmPasswordLabel],
    });
    withRequired(t, form, errors, { agdref: 'agdref', connectionKey: 'connectionKey', password: 'password' });
    // The AGDREF shape the API's ActivateBody checks too (read with normalizeIdentifier above).
    if (errors.agdref === undefined && !isAgdref(agdref)) errors.agdref = [t.errAgdref];
    if (errors.password === undefined && errors.confirmPassword === undefined) Object.assign(errors, mismatch(t, form, 'confirmPassword'));
    if (hasErrors(errors)) return renderPage(c, <ActivatePage page={page} errors={errors} values={kept} />, 400);
    try {
      await activateAccount(deps, { agdref, connectionKey, password: form.password ?? '' });
    } catch (error) {
      const failed = credentialErrors(c, t, error, { identifier: 'agdref', password: 'password', wrong: t.errActivationFailed });
      return renderPage(c, <ActivatePage page={page} errors={failed.errors} values={kept} />, failed.status);
    }
    const { token } = await openSession(deps, agdref);
    setSessionCookie(c, token, secureCookies);
    return c.redirect('/documents?notice=activated', 303);
  });

  // ------------------------------------------------------------ forgotten password
  /**
   * The identifier is typed once: step 1 asks it with the situation (I still have my key / send
   * me a code by SMS / by e-mail); step 2 carries it in a hidden field and asks only for the key
   * or the code, and the new password.
   */
  pages.get('/password/forgot', (c) => renderPage(c, <ForgotPasswordPage page={pageContext(c, visitorLanguage(c))} errors={{}} step={{ kind: 'choose' }} />));

  pages.post('/password/forgot', async (c) => {
    const form = await readForm(c);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const identifier = identifierFrom(form);
    const method = form.method === 'key' || form.method === 'sms' || form.method === 'email' ? form.method : undefined;
    const errors: Record<string, string[]> = tooLongErrors(t, form, { identifier: ['identifier', t.identifierLabel] });
    if (!hasErrors(errors)) Object.assign(errors, requiredFields(t, form, { identifier: 'identifier' }));
    if (method === undefined) errors['method-key'] = [t.errChannel];
    if (hasErrors(errors) || method === undefined) {
      return renderPage(c, <ForgotPasswordPage page={page} errors={errors} step={{ kind: 'choose', identifier, method }} />, 400);
    }
    if (method === 'key') return renderPage(c, <ForgotPasswordPage page={page} errors={{}} step={{ kind: 'key', identifier }} />);
    try {
      await requestResetCode(deps, { identifier, channel: method });
    } catch (error) {
      const failed = credentialErrors(c, t, error, { identifier: 'identifier', password: 'identifier', wrong: t.errCodeResetFailed });
      return renderPage(c, <ForgotPasswordPage page={page} errors={failed.errors} step={{ kind: 'choose', identifier, method }} />, failed.status);
    }
    return renderPage(c, <ForgotPasswordPage page={page} errors={{}} step={{ kind: 'code', identifier }} notice={t.codeSentNotice} />);
  });

  /** Step 2 of either path: the identifier from step 1, the key or the code, the new password. */
  async function resetStep(c: Context, kind: 'key' | 'code'): Promise<Response> {
    const form = await readForm(c);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const identifier = identifierFrom(form);
    const step: ForgotStep = { kind, identifier };
    const secretName = kind === 'key' ? 'connectionKey' : 'code';
    const errors: Record<string, string[]> = tooLongErrors(t, form, {
      identifier: ['identifier', t.identifierLabel],
      [secretName]: [secretName, kind === 'key' ? t.connectionKeyLabel : t.codeLabel],
      newPassword: ['newPassword', t.newPasswordLabel],
      confirmPassword: ['confirmPassword', t.confirmPasswordLabel],
    });
    withRequired(t, form, errors, { identifier: 'identifier', [secretName]: secretName, newPassword: 'newPassword' });
    // A phone may put spaces between the digits: dropped, then the API's code shape (ResetWithCodeBody's `code`).
    const code = asciiDigits(form.code ?? '').replace(/\s/g, '');
    if (kind === 'code' && errors.code === undefined && !ResetCode().safeParse(code).success) errors.code = [t.errCode];
    if (errors.newPassword === undefined && errors.confirmPassword === undefined) Object.assign(errors, mismatch(t, form, 'confirmPassword'));
    if (hasErrors(errors)) return renderPage(c, <ForgotPasswordPage page={page} errors={errors} step={step} />, 400);
    try {
      const newPassword = form.newPassword ?? '';
      if (kind === 'key') await resetPasswordWithKey(deps, { identifier, connectionKey: form.connectionKey ?? '', newPassword });
      else await resetPasswordWithCode(deps, { identifier, code, newPassword });
      return c.redirect('/?notice=password-changed', 303);
    } catch (error) {
      const failed = credentialErrors(c, t, error, {
        identifier: secretName,
        password: 'newPassword',
        wrong: kind === 'key' ? t.errActivationFailed : t.errCodeResetFailed,
      });
      return renderPage(c, <ForgotPasswordPage page={page} errors={failed.errors} step={step} />, failed.status);
    }
  }

  pages.post('/password/forgot/key', (c) => resetStep(c, 'key'));
  pages.post('/password/forgot/code', (c) => resetStep(c, 'code'));

  // ------------------------------------------------------------ log out
  pages.post('/logout', async (c) => {
    const token = sessionToken(c);
    if (token !== undefined) await logOut(deps, { token });
    clearSessionCookie(c, secureCookies);
    return c.redirect('/?notice=logged-out', 303);
  });

  return pages;
}
