/**
 * The applicant's pages: server-rendered, working without JavaScript. Forms post to these routes,
 * which call the same use cases as the API and answer Post/Redirect/Get on success; a form with
 * errors is shown again with an error summary linked to each field. The app-wide middleware
 * applies the same CSRF Origin check, security headers and no-store as for the API.
 */
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { unsafeCharacter, unsafeCharacterMessage } from '../../domain/text.ts';
import type { Language } from '../../domain/types.ts';
import {
  AlreadyActiveError,
  InvalidCredentialsError,
  InvalidPasswordError,
  NotAppealableError,
  NotFoundError,
  TooManyAttemptsError,
  ValidationError,
} from '../../errors.ts';
import type { Deps } from '../../ports.ts';
import { activateAccount } from '../../use-cases/activate-account.ts';
import { getDocument } from '../../use-cases/get-document.ts';
import { getProfile } from '../../use-cases/get-profile.ts';
import { listDocuments } from '../../use-cases/list-documents.ts';
import { logIn } from '../../use-cases/log-in.ts';
import { logOut } from '../../use-cases/log-out.ts';
import { recordLegalAid } from '../../use-cases/record-legal-aid.ts';
import { type AfterAnswer, requestResetCode } from '../../use-cases/request-reset-code.ts';
import { resetPasswordWithCode } from '../../use-cases/reset-password-with-code.ts';
import { resetPasswordWithKey } from '../../use-cases/reset-password-with-key.ts';
import { setContact } from '../../use-cases/set-contact.ts';
import { setLanguage } from '../../use-cases/set-language.ts';
import { sendLetterContent } from '../api/applicant-routes.ts';
import type { AppEnv } from '../context.ts';
import { UnsupportedMediaTypeError } from '../http-errors.ts';
import { catalogueFor, isLanguage, negotiateLanguage } from '../i18n/index.ts';
import type { Catalogue } from '../i18n/index.ts';
import { ParisDate } from '../schemas.ts';
import { LANGUAGE_COOKIE, clearSessionCookie, currentApplicant, sessionToken, setLanguageCookie, setSessionCookie } from '../session.ts';
import { AccountPage } from './account-page.tsx';
import { ActivatePage } from './activate-page.tsx';
import { DocumentPage } from './document-page.tsx';
import { DocumentsPage } from './documents-page.tsx';
import { ForgotPasswordPage } from './forgot-password-page.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';
import { LoginPage } from './login-page.tsx';
import { MessagePage } from './message-page.tsx';

type Profile = Awaited<ReturnType<typeof getProfile>>;
type Form = Readonly<Record<string, string>>;
type Status = 200 | 400 | 401 | 404 | 409 | 429;

const LOGIN_REQUIRED = '/?notice=login-required';

/** The language before logging in: the `lang` cookie, else the browser's, else French. */
export function visitorLanguage(c: Context): Language {
  const chosen = getCookie(c, LANGUAGE_COOKIE);
  if (isLanguage(chosen)) return chosen;
  return negotiateLanguage(c.req.header('accept-language')) ?? 'fr';
}

/** Where the page is, for the language switch to come back to. */
function currentPath(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

export function pageContext(c: Context, language: Language, profile?: Profile): PageContext {
  return {
    t: catalogueFor(language),
    language,
    path: currentPath(c),
    ...(profile === undefined ? {} : { applicant: { unreadCount: profile.unreadCount } }),
  };
}

export function renderPage(c: Context, page: Child, status: ContentfulStatusCode = 200): Response {
  return c.html(`<!doctype html>${String(page)}`, status);
}

/** Only a local path: never `//host` or a scheme (no open redirect through the language switch). */
function safeBack(value: string | undefined): string {
  if (value === undefined || !/^\/(?![/\\])[^\s]*$/.test(value)) return '/';
  return value;
}

/** The posted form's text fields; anything but a form is 415. */
async function readForm(c: Context): Promise<Form> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') {
    throw new UnsupportedMediaTypeError('a form (application/x-www-form-urlencoded)');
  }
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  const unsafe = new Map<string, string>();
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string') continue;
    const codePoint = unsafeCharacter(value);
    if (codePoint !== null) unsafe.set(key, unsafeCharacterMessage(codePoint));
    form[key] = value;
  }
  // docs/api.md text hygiene: refused, never echoed into a page.
  if (unsafe.size > 0) throw new ValidationError(Object.fromEntries(unsafe));
  return form;
}

function requiredFields(t: Catalogue, form: Form, fields: Readonly<Record<string, string>>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [name, id] of Object.entries(fields)) if ((form[name] ?? '').trim() === '') errors[id] = [t.required];
  return errors;
}

function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * The errors an authentication form shows for the failures the use cases report; anything else
 * is rethrown to the app's error handler.
 */
function credentialErrors(
  c: Context,
  t: Catalogue,
  error: unknown,
  ids: { readonly identifier: string; readonly password: string; readonly wrong: string },
): { errors: FieldErrors; status: Status } {
  if (error instanceof TooManyAttemptsError) {
    c.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    return { errors: { [ids.identifier]: [t.errTooManyAttempts(minutes(error.retryAfterSeconds))] }, status: 429 };
  }
  if (error instanceof InvalidPasswordError) {
    const rules = error.unmetRules.map((rule) =>
      Object.hasOwn(t.passwordRules, rule) ? t.passwordRules[rule as keyof Catalogue['passwordRules']] : rule,
    );
    return { errors: { [ids.password]: [t.errPasswordPolicy, ...rules.map((rule) => `• ${rule}`)] }, status: 400 };
  }
  if (error instanceof InvalidCredentialsError) return { errors: { [ids.identifier]: [ids.wrong] }, status: 401 };
  if (error instanceof AlreadyActiveError) return { errors: { [ids.identifier]: [t.errAlreadyActive] }, status: 409 };
  if (error instanceof ValidationError) return { errors: { [ids.identifier]: [t.errIdentifier] }, status: 400 };
  throw error;
}

/** AGDREF and office file numbers are digits: spaces, dots and dashes typed between them are dropped. */
function identifierFrom(form: Form, name = 'identifier'): string {
  const typed = (form[name] ?? '').trim();
  return /^[0-9][0-9 .-]*$/.test(typed) ? typed.replace(/[ .-]/g, '') : typed;
}

function mismatch(t: Catalogue, form: Form, id: string): Record<string, string[]> {
  return (form.confirmPassword ?? '') === (form.newPassword ?? form.password ?? '') ? {} : { [id]: [t.errPasswordMismatch] };
}

export function registerPages(app: Hono<AppEnv>, deps: Deps, secureCookies: boolean, afterAnswer?: AfterAnswer): void {
  /** The logged-in applicant's profile, or null (no session, or an expired/revoked one). */
  async function viewer(c: Context): Promise<Profile | null> {
    const agdref = await currentApplicant(deps, c);
    return agdref === null ? null : getProfile(deps, { agdref });
  }

  // ------------------------------------------------------------ log in
  const LOGIN_NOTICES: Readonly<Record<string, keyof Catalogue>> = {
    activated: 'noticeActivated',
    'password-changed': 'noticePasswordChanged',
    'logged-out': 'noticeLoggedOut',
    'login-required': 'noticeLoginRequired',
  };

  app.get('/', async (c) => {
    if ((await viewer(c)) !== null) return c.redirect('/documents', 303);
    const page = pageContext(c, visitorLanguage(c));
    const key = LOGIN_NOTICES[c.req.query('notice') ?? ''];
    const notice = key === undefined ? undefined : page.t[key];
    return renderPage(c, <LoginPage page={page} errors={{}} notice={typeof notice === 'string' ? notice : undefined} />);
  });

  app.post('/', async (c) => {
    const form = await readForm(c);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const identifier = identifierFrom(form);
    const required = requiredFields(t, form, { identifier: 'identifier', password: 'password' });
    if (hasErrors(required)) return renderPage(c, <LoginPage page={page} errors={required} identifier={identifier} />, 400);
    try {
      const { token } = await logIn(deps, { identifier, password: form.password ?? '' });
      setSessionCookie(c, token, secureCookies);
      return c.redirect('/documents', 303);
    } catch (error) {
      const { errors, status } = credentialErrors(c, t, error, {
        identifier: 'identifier',
        password: 'password',
        wrong: t.errLoginFailed,
      });
      return renderPage(c, <LoginPage page={page} errors={errors} identifier={identifier} />, status);
    }
  });

  // ------------------------------------------------------------ activation
  app.get('/activate', (c) => renderPage(c, <ActivatePage page={pageContext(c, visitorLanguage(c))} errors={{}} />));

  app.post('/activate', async (c) => {
    const form = await readForm(c);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const agdref = identifierFrom(form, 'agdref');
    const errors: Record<string, string[]> = {
      ...requiredFields(t, form, { agdref: 'agdref', connectionKey: 'connectionKey', password: 'password' }),
    };
    if (errors.agdref === undefined && !/^[0-9]{10}$/.test(agdref)) errors.agdref = [t.errAgdref];
    if (errors.password === undefined) Object.assign(errors, mismatch(t, form, 'confirmPassword'));
    if (hasErrors(errors)) return renderPage(c, <ActivatePage page={page} errors={errors} agdref={agdref} />, 400);
    try {
      await activateAccount(deps, { agdref, connectionKey: form.connectionKey ?? '', password: form.password ?? '' });
      return c.redirect('/?notice=activated', 303);
    } catch (error) {
      const failed = credentialErrors(c, t, error, { identifier: 'agdref', password: 'password', wrong: t.errActivationFailed });
      return renderPage(c, <ActivatePage page={page} errors={failed.errors} agdref={agdref} />, failed.status);
    }
  });

  // ------------------------------------------------------------ forgotten password (three paths)
  app.get('/password/forgot', (c) => {
    const sent = c.req.query('sent');
    return renderPage(
      c,
      <ForgotPasswordPage page={pageContext(c, visitorLanguage(c))} errors={{}} codeSent={sent === 'sms' || sent === 'email'} />,
    );
  });

  app.post('/password/forgot/key', async (c) => {
    const form = await readForm(c);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const identifier = identifierFrom(form);
    const values = { 'key-identifier': identifier };
    const errors: Record<string, string[]> = requiredFields(t, form, {
      identifier: 'key-identifier',
      connectionKey: 'key-connectionKey',
      newPassword: 'key-newPassword',
    });
    if (errors['key-newPassword'] === undefined) Object.assign(errors, mismatch(t, form, 'key-confirmPassword'));
    if (hasErrors(errors)) return renderPage(c, <ForgotPasswordPage page={page} errors={errors} values={values} />, 400);
    try {
      await resetPasswordWithKey(deps, { identifier, connectionKey: form.connectionKey ?? '', newPassword: form.newPassword ?? '' });
      return c.redirect('/?notice=password-changed', 303);
    } catch (error) {
      const failed = credentialErrors(c, t, error, {
        identifier: 'key-identifier',
        password: 'key-newPassword',
        wrong: t.errActivationFailed,
      });
      return renderPage(c, <ForgotPasswordPage page={page} errors={failed.errors} values={values} />, failed.status);
    }
  });

  app.post('/password/forgot/code', async (c) => {
    const form = await readForm(c);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const identifier = identifierFrom(form);
    const channel = form.channel === 'sms' || form.channel === 'email' ? form.channel : undefined;
    const errors: Record<string, string[]> = requiredFields(t, form, { identifier: 'code-identifier' });
    if (channel === undefined) errors['channel-sms'] = [t.errChannel];
    const values = { 'code-identifier': identifier };
    if (hasErrors(errors) || channel === undefined) {
      return renderPage(c, <ForgotPasswordPage page={page} errors={errors} values={values} />, 400);
    }
    try {
      await requestResetCode(deps, { identifier, channel }, afterAnswer);
      return c.redirect(`/password/forgot?sent=${channel}#enter-code`, 303);
    } catch (error) {
      const failed = credentialErrors(c, t, error, { identifier: 'code-identifier', password: 'code-identifier', wrong: t.errCodeResetFailed });
      return renderPage(c, <ForgotPasswordPage page={page} errors={failed.errors} values={values} channel={channel} />, failed.status);
    }
  });

  app.post('/password/forgot/code/reset', async (c) => {
    const form = await readForm(c);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const identifier = identifierFrom(form);
    const code = (form.code ?? '').replace(/\s/g, '');
    const values = { 'reset-identifier': identifier };
    const errors: Record<string, string[]> = requiredFields(t, form, {
      identifier: 'reset-identifier',
      code: 'reset-code',
      newPassword: 'reset-newPassword',
    });
    if (errors['reset-code'] === undefined && !/^[0-9]{6}$/.test(code)) errors['reset-code'] = [t.errCode];
    if (errors['reset-newPassword'] === undefined) Object.assign(errors, mismatch(t, form, 'reset-confirmPassword'));
    if (hasErrors(errors)) return renderPage(c, <ForgotPasswordPage page={page} errors={errors} values={values} codeSent />, 400);
    try {
      await resetPasswordWithCode(deps, { identifier, code, newPassword: form.newPassword ?? '' });
      return c.redirect('/?notice=password-changed', 303);
    } catch (error) {
      const failed = credentialErrors(c, t, error, {
        identifier: 'reset-identifier',
        password: 'reset-newPassword',
        wrong: t.errCodeResetFailed,
      });
      return renderPage(c, <ForgotPasswordPage page={page} errors={failed.errors} values={values} codeSent />, failed.status);
    }
  });

  // ------------------------------------------------------------ letters (logged in)
  app.get('/documents', async (c) => {
    const profile = await viewer(c);
    if (profile === null) return c.redirect(LOGIN_REQUIRED, 303);
    const documents = await listDocuments(deps, { agdref: profile.agdref });
    return renderPage(
      c,
      <DocumentsPage
        page={pageContext(c, profile.language, profile)}
        documents={documents}
        unreadCount={profile.unreadCount}
        hasContact={profile.phone !== null || profile.email !== null}
      />,
    );
  });

  async function documentPage(
    c: Context,
    profile: Profile,
    id: string,
    extra: { errors?: FieldErrors; values?: Readonly<Record<string, string>>; status?: Status } = {},
  ): Promise<Response> {
    const page = pageContext(c, profile.language, profile);
    try {
      const document = await getDocument(deps, { agdref: profile.agdref, documentId: id });
      const notice = c.req.query('saved') === 'legal-aid' ? page.t.legalAidSaved : undefined;
      return renderPage(
        c,
        <DocumentPage page={page} document={document} errors={extra.errors ?? {}} values={extra.values ?? {}} notice={notice} />,
        extra.status ?? 200,
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const { t } = page;
      return renderPage(
        c,
        <MessagePage page={page} title={t.notFoundTitle} text={t.notFoundText} link={{ href: '/documents', text: t.backToDocuments }} />,
        404,
      );
    }
  }

  app.get('/documents/:id', async (c) => {
    const profile = await viewer(c);
    if (profile === null) return c.redirect(LOGIN_REQUIRED, 303);
    return documentPage(c, profile, c.req.param('id'));
  });

  app.get('/documents/:id/pdf', async (c) => {
    const agdref = await currentApplicant(deps, c);
    if (agdref === null) return c.redirect(LOGIN_REQUIRED, 303);
    return sendLetterContent(c, deps, agdref, c.req.param('id'));
  });

  app.post('/documents/:id/legal-aid', async (c) => {
    const profile = await viewer(c);
    if (profile === null) return c.redirect(LOGIN_REQUIRED, 303);
    const id = c.req.param('id');
    const form = await readForm(c);
    const t = catalogueFor(profile.language);
    const requestedOn = (form.requestedOn ?? '').trim();
    const decisionNotifiedOn = (form.decisionNotifiedOn ?? '').trim();
    const errors: Record<string, string[]> = {};
    if (requestedOn === '') errors.requestedOn = [t.required];
    else if (!ParisDate.safeParse(requestedOn).success) errors.requestedOn = [t.errDate];
    if (decisionNotifiedOn !== '' && !ParisDate.safeParse(decisionNotifiedOn).success) errors.decisionNotifiedOn = [t.errDate];
    const values = { requestedOn, decisionNotifiedOn };
    if (hasErrors(errors)) return documentPage(c, profile, id, { errors, values, status: 400 });
    try {
      await recordLegalAid(deps, {
        agdref: profile.agdref,
        documentId: id,
        requestedOn,
        ...(decisionNotifiedOn === '' ? {} : { decisionNotifiedOn }),
      });
      return c.redirect(`/documents/${encodeURIComponent(id)}?saved=legal-aid#appeal-title`, 303);
    } catch (error) {
      if (error instanceof NotAppealableError) {
        return documentPage(c, profile, id, { errors: { requestedOn: [t.errNotAppealable] }, values, status: 409 });
      }
      if (error instanceof ValidationError) {
        const fieldErrors: Record<string, string[]> = {};
        for (const field of Object.keys(error.fields)) {
          fieldErrors[field === 'decisionNotifiedOn' ? 'decisionNotifiedOn' : 'requestedOn'] = [t.errDate];
        }
        return documentPage(c, profile, id, { errors: fieldErrors, values, status: 400 });
      }
      throw error;
    }
  });

  // ------------------------------------------------------------ account
  const ACCOUNT_NOTICES: Readonly<Record<string, 'contactSaved' | 'languageSaved'>> = {
    contact: 'contactSaved',
    language: 'languageSaved',
  };

  app.get('/account', async (c) => {
    const profile = await viewer(c);
    if (profile === null) return c.redirect(LOGIN_REQUIRED, 303);
    const page = pageContext(c, profile.language, profile);
    const key = ACCOUNT_NOTICES[c.req.query('saved') ?? ''];
    return renderPage(c, <AccountPage page={page} profile={profile} errors={{}} notice={key === undefined ? undefined : page.t[key]} />);
  });

  app.post('/account/contact', async (c) => {
    const profile = await viewer(c);
    if (profile === null) return c.redirect(LOGIN_REQUIRED, 303);
    const form = await readForm(c);
    const page = pageContext(c, profile.language, profile);
    const { t } = page;
    const phone = (form.phone ?? '').trim();
    const email = (form.email ?? '').trim();
    try {
      await setContact(deps, { agdref: profile.agdref, phone: phone === '' ? null : phone, email: email === '' ? null : email });
      return c.redirect('/account?saved=contact', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors: Record<string, string[]> = {};
      if (error.code === 'invalid_phone' || 'phone' in error.fields) errors.phone = [t.errPhone];
      if (error.code === 'invalid_email' || 'email' in error.fields) errors.email = [t.errEmail];
      if (!hasErrors(errors)) errors.phone = [t.errGeneric];
      return renderPage(c, <AccountPage page={page} profile={profile} errors={errors} values={{ phone, email }} />, 400);
    }
  });

  // ------------------------------------------------------------ language switch and log out
  app.post('/language', async (c) => {
    const form = await readForm(c);
    const language = form.lang;
    const back = safeBack(form.back);
    if (!isLanguage(language)) return c.redirect(back, 303);
    const agdref = await currentApplicant(deps, c);
    if (agdref !== null) await setLanguage(deps, { agdref, language });
    setLanguageCookie(c, language, secureCookies);
    return c.redirect(back, 303);
  });

  app.post('/logout', async (c) => {
    const token = sessionToken(c);
    if (token !== undefined) await logOut(deps, { token });
    clearSessionCookie(c, secureCookies);
    return c.redirect('/?notice=logged-out', 303);
  });
}
