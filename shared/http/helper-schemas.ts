/**
 * The zod schemas of docs/api.md "Helpers" (same conventions as schemas.ts: strict request objects, the
 * OpenAPI document generated from them).
 */
import * as z from 'zod/mini';
import { isEmail } from '../domain/identity.ts';
import { lazy } from './lazy.ts';
import { API_DOCS, type ApiDoc, MAX_LENGTH, documentShape } from './schemas.ts';

function component<T extends z.ZodMiniType>(id: string, schema: T, meta: Omit<ApiDoc, 'id'> = {}): T {
  API_DOCS.add(schema as z.ZodMiniType, { id, ...meta });
  return schema;
}

/** docs/api.md: C0/C1 controls and Unicode bidirectional controls are refused in every free text. */
const CONTROLS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const noControls = (value: string): boolean => !CONTROLS.test(value);

const Email = lazy(() => z.string().check(z.trim(), z.maxLength(MAX_LENGTH.email), z.refine(isEmail, 'Not an e-mail address.'), z.refine(noControls, 'Control characters are not allowed.')));
const FreeText = lazy(() => z.string().check(z.trim(), z.minLength(1, 'Required.'), z.maxLength(120), z.refine(noControls, 'Control characters are not allowed.')));
const ConnectionKey = lazy(() => z.string().check(z.minLength(1, 'Required.'), z.maxLength(MAX_LENGTH.connectionKey)));
const Password = lazy(() => z.string().check(z.minLength(1, 'Required.'), z.maxLength(MAX_LENGTH.password)));
const Instant = lazy(() => z.string());

export const CreateHelperBody = lazy(() => component(
  'CreateHelperRequest',
  z.strictObject({ email: Email(), name: FreeText(), organisation: FreeText() }),
  { example: { email: 'a.martin@cada-example.org', name: 'Anne Martin', organisation: 'CADA Example' } },
));

export const HelperCreated = lazy(() => component('HelperCreated', z.object({ helperId: z.string(), connectionKey: z.string() })));

export const HelperActivateBody = lazy(() => component('HelperActivateRequest', z.strictObject({ email: Email(), connectionKey: ConnectionKey(), password: Password() })));

export const HelperSessionBody = lazy(() => component('HelperSessionRequest', z.strictObject({ email: Email(), password: Password() })));

export const HelperProfile = lazy(() => component(
  'HelperProfile',
  z.object({ helperId: z.string(), name: z.string(), organisation: z.string(), grantCode: z.string(), grantCodeExpiresAt: Instant() }),
  { description: '`grantCode`: 8 characters the helper shows to an applicant, valid 24 h.' },
));

export const GrantBody = lazy(() => component(
  'GrantRequest',
  z.strictObject({ grantCode: z.string().check(z.minLength(1, 'Required.'), z.maxLength(32), z.refine(noControls, 'Control characters are not allowed.')) }),
  { example: { grantCode: 'K7QF9M2X' } },
));

const GrantShape = lazy(() => ({ helperId: z.string(), name: z.string(), organisation: z.string(), grantedAt: Instant(), expiresAt: Instant() }));

export const GrantCreated = lazy(() => component('Grant', z.object(GrantShape())));

export const MyHelpers = lazy(() => component(
  'HelperList',
  z.object({
    helpers: z.array(z.object({ ...GrantShape(), views: z.array(z.object({ at: Instant(), what: z.enum(['list', 'documents', 'digest']) })) })),
  }),
));

const NextDeadline = lazy(() => z.nullable(z.object({ date: z.string(), kind: z.enum(['consultation', 'appeal', 'legalAid']) })));

export const HelperApplicants = lazy(() => component(
  'HelperApplicantList',
  z.object({
    applicants: z.array(
      z.object({ agdref: z.string(), unreadCount: z.int(), nextDeadline: NextDeadline(), oldestUnreadDaysLeft: z.nullable(z.int()) }),
    ),
  }),
  { description: 'Only applicants who granted access, soonest deadline first.' },
));

export const HelperDocument = lazy(() => {
  const { title: _title, ...metadata } = documentShape();
  return component('HelperDocument', z.object(metadata), { description: 'A Document without title (and there is no content route).' });
});

export const HelperDocumentList = lazy(() => component('HelperDocumentList', z.object({ documents: z.array(HelperDocument()) })));

const DigestLanguage = lazy(() => z.enum(['fr', 'en']));

export const DigestPreferenceBody = lazy(() => component(
  'HelperDigestRequest',
  z.strictObject({ enabled: z.boolean(), language: z.optional(DigestLanguage()) }),
  {
    description: '`language` of the e-mail (the helper pages’ languages); when left out, the one already chosen (French at first).',
    example: { enabled: true, language: 'fr' },
  },
));

export const DigestPreference = lazy(() => component('HelperDigest', z.object({ enabled: z.boolean(), language: DigestLanguage() }), {
  description:
    'The daily e-mail digest, off by default: once a Paris day (from 08:00), counts only — people followed, unread letters, people with an unread letter at ≤ 5 days, people with a deadline within 7 days — and a link to /helper; never a name, an AGDREF number, a title or a date about anyone.',
}));

export const HelperIdParam = lazy(() => z.object({ helperId: z.string().check(z.minLength(1), z.maxLength(64)) }));
