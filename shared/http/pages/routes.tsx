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
import { asciiDigits, normalizeIdentifier } from '../../domain/identity.ts';
import {
  AlreadyActiveError,
  InvalidCredentialsError,
  InvalidPasswordError,
  LegalAidDateError,
  NotAppealableError,
  NotFoundError,
  TooManyAttemptsError,
  ValidationError,
} from '../../errors.ts';
import type { Deps } from '../../ports.ts';
import { activateAccount } from '../../use-cases/activate-account.ts';
import { changePassword } from '../../use-cases/change-password.ts';
import { getDocument } from '../../use-cases/get-document.ts';
import { getProfile } from '../../use-cases/get-profile.ts';
import { listDocuments } from '../../use-cases/list-documents.ts';
import { LOCKOUT_DURATION_MS } from '../../use-cases/lockout.ts';
import { logIn, openSession } from '../../use-cases/log-in.ts';
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
import { accountHelpersNotice, accountHelpersSection } from './account-helpers.tsx';
import { ActivatePage } from './activate-page.tsx';
import { DocumentPage } from './document-page.tsx';
import { DocumentsPage } from './documents-page.tsx';
import { ForgotPasswordPage } from './forgot-password-page.tsx';
import type { ForgotStep } from './forgot-password-page.tsx';
import { LanguagePage } from './language-page.tsx';
import { showDate } from './format.ts';
import type { FieldErrors, PageContext } from './layout.tsx';
import { LoginPage } from './login-page.tsx';
import { ConfirmRemoveContactPage, MessagePage } from './message-page.tsx';

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
export async function readForm(c: Context): Promise<Form> {
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

export function requiredFields(t: Catalogue, form: Form, fields: Readonly<Record<string, string>>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [name, id] of Object.entries(fields)) if ((form[name] ?? '').trim() === '') errors[id] = [t.required];
  return errors;
}

/** `errors` with "required" added for each empty field that has no other error yet. */
function withRequired(t: Catalogue, form: Form, errors: Record<string, string[]>, fields: Readonly<Record<string, string>>): Record<string, string[]> {
  for (const [id, messages] of Object.entries(requiredFields(t, form, fields))) errors[id] ??= messages;
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** After a wrong secret: how many attempts are left before the lockout, or that it has begun (the same for unknown identifiers). */
function attemptsLeftMessage(t: Catalogue, error: InvalidCredentialsError): string[] {
  if (error.attemptsLeft === undefined) return [];
  return [error.attemptsLeft === 0 ? t.errTooManyAttempts(minutes(LOCKOUT_DURATION_MS / 1000)) : t.attemptsLeft(error.attemptsLeft)];
}

/**
 * The errors an authentication form shows for the failures the use cases report; anything else
 * is rethrown to the app's error handler.
 */
export function credentialErrors(
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
  if (error instanceof InvalidCredentialsError) return { errors: { [ids.identifier]: [ids.wrong, ...attemptsLeftMessage(t, error)] }, status: 401 };
  if (error instanceof AlreadyActiveError) return { errors: { [ids.identifier]: [t.errAlreadyActive] }, status: 409 };
  if (error instanceof ValidationError) return { errors: { [ids.identifier]: [t.errIdentifier] }, status: 400 };
  throw error;
}

/**
 * AGDREF and office file numbers are digits, in whatever script the phone types them (docs/api.md
 * "Text and identifiers"): spaces, dots and dashes typed between them are dropped.
 */
function identifierFrom(form: Form, name = 'identifier'): string {
  return normalizeIdentifier(form[name] ?? '');
}

/** The longest value each posted field may hold (characters); beyond it the field is named as too long, never a generic error. */
const FIELD_LIMITS: Readonly<Record<string, number>> = {
  identifier: 64,
  agdref: 64,
  connectionKey: 64,
  password: 256,
  currentPassword: 256,
  newPassword: 256,
  confirmPassword: 256,
  code: 32,
  phone: 32,
  email: 254,
  requestedOn: 32,
  decisionNotifiedOn: 32,
};

/** "Field X is too long" for each posted field over its limit; `fields` maps a field's name to its input id and label. */
function tooLongErrors(t: Catalogue, form: Form, fields: Readonly<Record<string, readonly [id: string, label: string]>>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [name, [id, label]] of Object.entries(fields)) {
    const max = FIELD_LIMITS[name] ?? 256;
    if ([...(form[name] ?? '')].length > max) errors[id] = [t.errTooLong(label, max)];
  }
  return errors;
}

/**
 * A date as typed: the picker's `YYYY-MM-DD`, or `DD/MM/YYYY` (also with `.` or `-`) where a
 * browser shows a plain text box; digits of any script. Null when it is not a calendar date.
 */
function dateFrom(typed: string): string | null {
  const text = asciiDigits(typed).trim();
  const dayFirst = /^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$/.exec(text);
  const iso = dayFirst === null ? text : `${dayFirst[3]}-${dayFirst[2]?.padStart(2, '0')}-${dayFirst[1]?.padStart(2, '0')}`;
  return ParisDate.safeParse(iso).success ? iso : null;
}

/** R9's refusals, each in its own words: in the future, before the notification, a decision before its request. */
function legalAidDateErrors(t: Catalogue, error: LegalAidDateError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [field, { problem, date }] of Object.entries(error.problems)) {
    const id = field === 'decisionNotifiedOn' ? 'decisionNotifiedOn' : 'requestedOn';
    const shown = date === undefined ? '' : showDate(date);
    errors[id] = [
      problem === 'future'
        ? t.errDateFuture
        : problem === 'beforeNotification'
          ? t.errDateBeforeNotification(shown)
          : problem === 'beforeRequest'
            ? t.errDecisionBeforeRequest
            : problem === 'alreadyRecorded'
              ? t.errDateAlreadyRecorded
              : t.errDate,
    ];
  }
  return errors;
}

export function mismatch(t: Catalogue, form: Form, id: string): Record<string, string[]> {
  return (form.confirmPassword ?? '') === (form.newPassword ?? form.password ?? '') ? {} : { [id]: [t.errPasswordMismatch] };
}

/** The logged-in applicant's profile, or null (no session, or an expired/revoked one). */
async function viewerOf(deps: Deps, c: Context): Promise<Profile | null> {
  const agdref = await currentApplicant(deps, c);
  return agdref === null ? null : getProfile(deps, { agdref });
}

/**
 * The frame of a page that is not tied to a route (not found, an error): the logged-in header and
 * the account's language when the request carries a live session, the visitor's otherwise.
 */
export async function framePageContext(c: Context, deps: Deps): Promise<PageContext> {
  const profile = await viewerOf(deps, c).catch(() => null);
  return profile === null ? pageContext(c, visitorLanguage(c)) : pageContext(c, profile.language, profile);
}

export function registerPages(app: Hono<AppEnv>, deps: Deps, secureCookies: boolean, afterAnswer?: AfterAnswer): void {
  const viewer = (c: Context): Promise<Profile | null> => viewerOf(deps, c);

  /** A logged-in applicant's form: the profile, the fields and the page frame; without a session, the redirect to log in. */
  async function postedByApplicant(c: Context): Promise<{ profile: Profile; form: Form; page: PageContext } | Response> {
    const profile = await viewer(c);
    if (profile === null) return c.redirect(LOGIN_REQUIRED, 303);
    return { profile, form: await readForm(c), page: pageContext(c, profile.language, profile) };
  }

  // ------------------------------------------------------------ log in
  const LOGIN_NOTICES: Readonly<Record<string, keyof Catalogue>> = {
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
  app.get('/activate', (c) => renderPage(c, <ActivatePage page={pageContext(c, visitorLanguage(c))} errors={{}} />));

  /**
   * What was typed is kept after any error (the AGDREF number and the connection key, never the
   * password); the key is read with Crockford's rules by the use case, so `O`, `I`, `L` and lower
   * case are accepted. Once activated, the applicant is logged in and lands on the letters.
   */
  app.post('/activate', async (c) => {
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
    if (errors.agdref === undefined && !/^[0-9]{10}$/.test(agdref)) errors.agdref = [t.errAgdref];
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
  app.get('/password/forgot', (c) => renderPage(c, <ForgotPasswordPage page={pageContext(c, visitorLanguage(c))} errors={{}} step={{ kind: 'choose' }} />));

  app.post('/password/forgot', async (c) => {
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
      await requestResetCode(deps, { identifier, channel: method }, afterAnswer);
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
    const code = asciiDigits(form.code ?? '').replace(/\s/g, '');
    if (kind === 'code' && errors.code === undefined && !/^[0-9]{6}$/.test(code)) errors.code = [t.errCode];
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

  app.post('/password/forgot/key', (c) => resetStep(c, 'key'));
  app.post('/password/forgot/code', (c) => resetStep(c, 'code'));

  // ------------------------------------------------------------ letters (logged in)
  app.get('/documents', async (c) => {
    const profile = await viewer(c);
    if (profile === null) return c.redirect(LOGIN_REQUIRED, 303);
    const documents = await listDocuments(deps, { agdref: profile.agdref });
    const page = pageContext(c, profile.language, profile);
    return renderPage(
      c,
      <DocumentsPage
        page={page}
        documents={documents}
        unreadCount={profile.unreadCount}
        hasContact={profile.phone !== null || profile.email !== null}
        paperDerogation={profile.paperDerogation}
        notice={c.req.query('notice') === 'activated' ? page.t.activatedWelcome : undefined}
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
    const typedRequest = (form.requestedOn ?? '').trim();
    const typedDecision = (form.decisionNotifiedOn ?? '').trim();
    const requestedOn = dateFrom(typedRequest);
    const decisionNotifiedOn = dateFrom(typedDecision);
    const errors: Record<string, string[]> = tooLongErrors(t, form, {
      requestedOn: ['requestedOn', t.legalAidRequestedOn],
      decisionNotifiedOn: ['decisionNotifiedOn', t.legalAidDecisionOn],
    });
    if (errors.requestedOn === undefined) {
      if (typedRequest === '') errors.requestedOn = [t.required];
      else if (requestedOn === null) errors.requestedOn = [t.errDate];
    }
    if (errors.decisionNotifiedOn === undefined && typedDecision !== '' && decisionNotifiedOn === null) errors.decisionNotifiedOn = [t.errDate];
    const values = { requestedOn: requestedOn ?? typedRequest, decisionNotifiedOn: decisionNotifiedOn ?? typedDecision };
    if (hasErrors(errors) || requestedOn === null) return documentPage(c, profile, id, { errors, values, status: 400 });
    try {
      await recordLegalAid(deps, {
        agdref: profile.agdref,
        documentId: id,
        requestedOn,
        ...(decisionNotifiedOn === null ? {} : { decisionNotifiedOn }),
      });
      return c.redirect(`/documents/${encodeURIComponent(id)}?saved=legal-aid#appeal-title`, 303);
    } catch (error) {
      if (error instanceof NotAppealableError) {
        return documentPage(c, profile, id, { errors: { requestedOn: [t.errNotAppealable] }, values, status: 409 });
      }
      if (error instanceof LegalAidDateError) return documentPage(c, profile, id, { errors: legalAidDateErrors(t, error), values, status: 400 });
      throw error;
    }
  });

  // ------------------------------------------------------------ account
  const ACCOUNT_NOTICES: Readonly<Record<string, 'contactSaved' | 'languageSaved' | 'passwordSaved'>> = {
    contact: 'contactSaved',
    language: 'languageSaved',
    password: 'passwordSaved',
  };

  app.get('/account', async (c) => {
    const profile = await viewer(c);
    if (profile === null) return c.redirect(LOGIN_REQUIRED, 303);
    const page = pageContext(c, profile.language, profile);
    const key = ACCOUNT_NOTICES[c.req.query('saved') ?? ''];
    return renderPage(
      c,
      <AccountPage page={page} profile={profile} errors={{}} notice={key === undefined ? accountHelpersNotice(c, profile.language) : page.t[key]}>
        {await accountHelpersSection(deps, profile)}
      </AccountPage>,
    );
  });

  app.post('/account/contact', async (c) => {
    const posted = await postedByApplicant(c);
    if (posted instanceof Response) return posted;
    const { profile, form, page } = posted;
    const { t } = page;
    const phone = (form.phone ?? '').trim();
    const email = (form.email ?? '').trim();
    const tooLong = tooLongErrors(t, form, { phone: ['phone', t.phoneLabel], email: ['email', t.emailLabel] });
    if (hasErrors(tooLong)) return renderPage(c, <AccountPage page={page} profile={profile} errors={tooLong} values={{ phone, email }} />, 400);
    // Removing both means no alert any more: say so, and go on only once confirmed.
    const hadContact = profile.phone !== null || profile.email !== null;
    if (phone === '' && email === '' && hadContact && form.confirmRemoveBoth !== 'yes') {
      return renderPage(c, <ConfirmRemoveContactPage page={page} />);
    }
    try {
      await setContact(deps, { agdref: profile.agdref, phone: phone === '' ? null : phone, email: email === '' ? null : email });
      return c.redirect('/account?saved=contact', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors: Record<string, string[]> = {};
      if (error.code === 'invalid_phone' || 'phone' in error.fields) errors.phone = [t.errPhone];
      if (error.code === 'invalid_email' || 'email' in error.fields) errors.email = [t.errEmail];
      if (!hasErrors(errors)) errors.phone = [t.errGeneric];
      return renderPage(
        c,
        <AccountPage page={page} profile={profile} errors={errors} values={{ phone, email }}>
          {await accountHelpersSection(deps, profile)}
        </AccountPage>,
        400,
      );
    }
  });

  /** The password changed while logged in: every session ends, and this browser gets a new one. */
  app.post('/account/password', async (c) => {
    const posted = await postedByApplicant(c);
    if (posted instanceof Response) return posted;
    const { profile, form, page } = posted;
    const { t } = page;
    const errors = withRequired(
      t,
      form,
      tooLongErrors(t, form, {
        currentPassword: ['currentPassword', t.currentPasswordLabel],
        newPassword: ['newPassword', t.newPasswordLabel],
        confirmPassword: ['confirmPassword', t.confirmPasswordLabel],
      }),
      { currentPassword: 'currentPassword', newPassword: 'newPassword' },
    );
    if (errors.newPassword === undefined && errors.confirmPassword === undefined) Object.assign(errors, mismatch(t, form, 'confirmPassword'));
    if (hasErrors(errors)) return renderPage(c, <AccountPage page={page} profile={profile} errors={errors} />, 400);
    try {
      await changePassword(deps, { agdref: profile.agdref, currentPassword: form.currentPassword ?? '', newPassword: form.newPassword ?? '' });
    } catch (error) {
      const failed = credentialErrors(c, t, error, { identifier: 'currentPassword', password: 'newPassword', wrong: t.errCurrentPassword });
      return renderPage(c, <AccountPage page={page} profile={profile} errors={failed.errors} />, failed.status);
    }
    const { token } = await openSession(deps, profile.agdref);
    setSessionCookie(c, token, secureCookies);
    return c.redirect('/account?saved=password', 303);
  });

  // ------------------------------------------------------------ language choice and log out
  /** The language page: the ten languages, each in its own script, as plain form buttons (no JavaScript). */
  app.get('/language', async (c) => {
    const profile = await viewer(c);
    const page = pageContext(c, profile === null ? visitorLanguage(c) : profile.language, profile ?? undefined);
    return renderPage(c, <LanguagePage page={page} back={safeBack(c.req.query('back'))} />);
  });

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
