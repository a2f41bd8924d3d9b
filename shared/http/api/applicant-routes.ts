/**
 * docs/api.md "Applicant side": activation, sessions, the profile, letters and password resets. Each
 * handler validates with the route's schema, calls one use case and shapes its answer; errors are
 * thrown and mapped by the app's one `onError`.
 */
import type { Hono } from 'hono';
import type { Deps } from '../../ports.ts';
import { activateAccount } from '../../use-cases/activate-account.ts';
import type { DocumentView } from '../../use-cases/document-view.ts';
import { getDocument } from '../../use-cases/get-document.ts';
import { getProfile } from '../../use-cases/get-profile.ts';
import { listDocuments } from '../../use-cases/list-documents.ts';
import { logIn } from '../../use-cases/log-in.ts';
import { logOut } from '../../use-cases/log-out.ts';
import { recordLegalAid } from '../../use-cases/record-legal-aid.ts';
import { requestResetCode } from '../../use-cases/request-reset-code.ts';
import { resetPasswordWithCode } from '../../use-cases/reset-password-with-code.ts';
import { resetPasswordWithKey } from '../../use-cases/reset-password-with-key.ts';
import { setContact } from '../../use-cases/set-contact.ts';
import { setLanguage } from '../../use-cases/set-language.ts';
import type { AppEnv } from '../context.ts';
import { documentIdOf, sendLetterContent } from '../letter-content.ts';
import { isLanguage, typeLabel } from '../i18n/index.ts';
import {
  ActivateBody,
  ApiError,
  Contact,
  ContactBody,
  Document,
  DocumentIdParam,
  DocumentList,
  LanguageBody,
  LanguageSet,
  LegalAidBody,
  Profile,
  ResetCodeBody,
  ResetWithCodeBody,
  ResetWithKeyBody,
  SessionBody,
  SessionCreated,
} from '../schemas.ts';
import { apiRoute, mountRoutes } from './route-table.ts';
import type { ApiRoute, ResponseSpec } from './route-table.ts';
import { clearSessionCookie, requireSession, sessionToken, setSessionCookie } from '../session.ts';

const failure = (description: string): ResponseSpec => ({ description, json: ApiError });

const UNAUTHENTICATED = failure('`unauthenticated`');
const TOO_MANY_ATTEMPTS = failure('`too_many_attempts` (Retry-After)');

const SESSION_COOKIE_DOC = 'session cookie (`session=…; HttpOnly; Secure; SameSite=Strict; Path=/`)';

/** A handler that gives the validated body to one use case, then answers `status` without content. */
function emptyAnswer<Body>(status: 202 | 204, useCase: (body: Body) => Promise<void>): ApiRoute<unknown, Body>['handle'] {
  return async (c, { body }) => {
    await useCase(body);
    return c.body(null, status);
  };
}

/** The label in the applicant's language comes from the UI catalogues (the use case only knows fr/en). */
export function localized(view: DocumentView): DocumentView {
  const label: Record<string, string> = { ...view.label };
  for (const language of Object.keys(label)) {
    if (isLanguage(language) && language !== 'fr' && language !== 'en') label[language] = typeLabel(view.type, language);
  }
  return { ...view, label: { ...label, fr: view.label.fr, en: view.label.en } };
}

/** The applicant side of the route table (sessions are checked by middleware on the `/me` and `/documents` paths). */
export function applicantRoutes(deps: Deps, secureCookies: boolean): ApiRoute[] {
  return [
    apiRoute({
      method: 'post',
      path: '/api/v1/account/activate',
      tag: 'applicant',
      summary: 'Activate a space with the AGDREF number and the connection key; set the password',
      body: ActivateBody,
      responses: {
        204: { description: 'Activated; the connection key is spent' },
        400: failure('`invalid_password` (each unmet rule named) or a malformed body'),
        401: failure('`invalid_credentials`'),
        409: failure('`already_active`'),
        429: TOO_MANY_ATTEMPTS,
      },
      handle: emptyAnswer(204, (body) => activateAccount(deps, body)),
    }),

    apiRoute({
      method: 'post',
      path: '/api/v1/session',
      tag: 'applicant',
      summary: 'Log in with the AGDREF number or the office file number',
      body: SessionBody,
      responses: {
        200: { description: `Logged in; sets the ${SESSION_COOKIE_DOC}`, json: SessionCreated },
        401: failure('`invalid_credentials` (the same whether the account exists or not)'),
        429: TOO_MANY_ATTEMPTS,
      },
      handle: async (c, { body }) => {
        const { token, expiresAt } = await logIn(deps, body);
        setSessionCookie(c, token, secureCookies);
        return c.json({ expiresAt }, 200);
      },
    }),

    apiRoute({
      method: 'delete',
      path: '/api/v1/session',
      tag: 'applicant',
      summary: 'Log out: the session is revoked server-side and the cookie cleared',
      responses: { 204: { description: 'Logged out' } },
      handle: async (c) => {
        const token = sessionToken(c);
        if (token !== undefined) await logOut(deps, { token });
        clearSessionCookie(c, secureCookies);
        return c.body(null, 204);
      },
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/me',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'The applicant’s profile and unread count',
      responses: { 200: { description: 'The profile', json: Profile }, 401: UNAUTHENTICATED },
      handle: async (c) => c.json(await getProfile(deps, { agdref: c.get('agdref') }), 200),
    }),

    apiRoute({
      method: 'put',
      path: '/api/v1/me/contact',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'Set or remove (null) the mobile number and the e-mail address',
      body: ContactBody,
      responses: {
        200: { description: 'The new contact details', json: Contact },
        400: failure('`invalid_phone` or `invalid_email`'),
        401: UNAUTHENTICATED,
      },
      handle: async (c, { body }) => {
        const contact = await setContact(deps, {
          agdref: c.get('agdref'),
          ...(body.phone === undefined ? {} : { phone: body.phone }),
          ...(body.email === undefined ? {} : { email: body.email }),
        });
        return c.json({ phone: contact.phone, email: contact.email }, 200);
      },
    }),

    apiRoute({
      method: 'put',
      path: '/api/v1/me/language',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'Choose the language of the space and of the alerts',
      body: LanguageBody,
      responses: {
        200: { description: 'The language is set', json: LanguageSet },
        400: failure('`unsupported_language`'),
        401: UNAUTHENTICATED,
      },
      handle: async (c, { body }) => {
        await setLanguage(deps, { agdref: c.get('agdref'), language: body.language });
        return c.json({ language: body.language }, 200);
      },
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/documents',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'The applicant’s letters, newest first',
      responses: { 200: { description: 'The letters', json: DocumentList }, 401: UNAUTHENTICATED },
      handle: async (c) => {
        const documents = await listDocuments(deps, { agdref: c.get('agdref') });
        return c.json({ documents: documents.map(localized) }, 200);
      },
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/documents/{id}',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'One letter with its dates and deadlines (R6–R9); opening it is the content route',
      params: DocumentIdParam,
      responses: {
        200: { description: 'The letter', json: Document },
        401: UNAUTHENTICATED,
        404: failure('`not_found` (also for another applicant’s id)'),
      },
      handle: async (c, { params }) => {
        const view = await getDocument(deps, { agdref: c.get('agdref'), documentId: documentIdOf(params.id) });
        return c.json(localized(view), 200);
      },
    }),

    apiRoute({
      method: 'get',
      path: '/api/v1/documents/{id}/content',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'The PDF; the first opening is recorded (R4) before any byte is sent',
      params: DocumentIdParam,
      responses: {
        200: { description: 'The letter', binary: 'application/pdf' },
        302: { description: 'Redirect to a URL valid at most 60 s' },
        401: UNAUTHENTICATED,
        404: failure('`not_found`'),
      },
      handle: (c, { params }) => sendLetterContent(c, deps, c.get('agdref'), params.id),
    }),

    apiRoute({
      method: 'put',
      path: '/api/v1/documents/{id}/legal-aid',
      tag: 'applicant',
      security: 'sessionCookie',
      summary: 'Record the legal-aid request date and, later, its decision date (R9)',
      params: DocumentIdParam,
      body: LegalAidBody,
      responses: {
        200: { description: 'The letter with recomputed deadlines', json: Document },
        400: failure('A malformed date'),
        401: UNAUTHENTICATED,
        404: failure('`not_found`'),
        409: failure('`not_appealable`'),
      },
      handle: async (c, { params, body }) => {
        const view = await recordLegalAid(deps, {
          agdref: c.get('agdref'),
          documentId: documentIdOf(params.id),
          requestedOn: body.requestedOn,
          ...(body.decisionNotifiedOn === undefined || body.decisionNotifiedOn === null
            ? {}
            : { decisionNotifiedOn: body.decisionNotifiedOn }),
        });
        return c.json(localized(view), 200);
      },
    }),

    apiRoute({
      method: 'post',
      path: '/api/v1/password/reset-with-key',
      tag: 'applicant',
      summary: 'New password with the connection key; every session is revoked',
      body: ResetWithKeyBody,
      responses: {
        204: { description: 'Password changed' },
        400: failure('`invalid_password`'),
        401: failure('`invalid_credentials`'),
        429: TOO_MANY_ATTEMPTS,
      },
      handle: emptyAnswer(204, (body) => resetPasswordWithKey(deps, body)),
    }),

    apiRoute({
      method: 'post',
      path: '/api/v1/password/reset-code',
      tag: 'applicant',
      summary: 'Send a 6-digit code (valid 15 min) by SMS or e-mail if the account has that channel',
      body: ResetCodeBody,
      responses: {
        202: { description: 'Always (no account enumeration)' },
        429: TOO_MANY_ATTEMPTS,
      },
      handle: emptyAnswer(202, (body) => requestResetCode(deps, body)),
    }),

    apiRoute({
      method: 'post',
      path: '/api/v1/password/reset-with-code',
      tag: 'applicant',
      summary: 'New password with the code; every session is revoked (5 wrong codes burn the code)',
      body: ResetWithCodeBody,
      responses: {
        204: { description: 'Password changed' },
        400: failure('`invalid_password` or a malformed body'),
        401: failure('`invalid_credentials`'),
        429: TOO_MANY_ATTEMPTS,
      },
      handle: emptyAnswer(204, (body) => resetPasswordWithCode(deps, body)),
    }),
  ];
}

/** Session middleware on the applicant's private paths, then the applicant routes; returns them for the document. */
export function registerApplicantRoutes(
  app: Hono<AppEnv>,
  deps: Deps,
  secureCookies: boolean,
): readonly ApiRoute[] {
  const session = requireSession(deps);
  for (const path of ['/api/v1/me/*', '/api/v1/documents/*']) app.use(path, session);
  const routes = applicantRoutes(deps, secureCookies);
  mountRoutes(app, routes);
  return routes;
}
