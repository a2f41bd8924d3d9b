/**
 * The zod schemas of API.md: they validate every request body (strict objects: an unknown field
 * is a 400 naming it) and generate `GET /api/v1/openapi.json`, so the document cannot drift from
 * the code. Secrets are only checked for shape here; the use cases apply the policies.
 */
import { z } from '@hono/zod-openapi';
import { isEmail, normalizeFrenchMobile } from '../domain/identity.ts';
import { DECISION_OUTCOMES, DOCUMENT_TYPES, EVIDENCE_EVENTS, LANGUAGES } from '../domain/types.ts';

// ---------------------------------------------------------------- building blocks

const Agdref = z.string().regex(/^[0-9]{10}$/, 'Must be exactly 10 digits.').openapi({ example: '7512345678' });
const OfpraFileNumber = z.string().regex(/^[0-9]{6,12}$/, 'Must be 6 to 12 digits.').openapi({ example: '2301234' });
/** AGDREF number or office file number; an unknown one is answered like a wrong password (401). */
const Identifier = z.string().trim().min(1, 'Required.').max(64).openapi({ example: '7512345678' });
const ConnectionKey = z.string().min(1, 'Required.').max(64).openapi({ example: 'K7QF-9M2X-PL4D-8ZTW' });
/** The policy (12+ characters, lower, upper, digit, one of `& ? * $ + = / ;`) is checked by the use case. */
const Password = z.string().min(1, 'Required.').max(256).openapi({ example: 'Correct&Horse7Battery' });
const Language = z.enum(LANGUAGES).openapi({ example: 'fr' });
const Phone = z
  .string()
  .max(32)
  .refine((value) => normalizeFrenchMobile(value) !== null, 'Only 06xxxxxxxx or 07xxxxxxxx (spaces and dots allowed), or +336…/+337….')
  .openapi({ example: '06 12 34 56 78' });
const Email = z.string().max(254).refine(isEmail, 'Not an e-mail address.').openapi({ example: 'name@example.org' });
const Instant = z.string().openapi({ example: '2023-04-20T08:00:00.000Z', description: 'UTC ISO-8601 instant' });

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A Paris calendar date `YYYY-MM-DD` (RULES.md). */
export const ParisDate = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'Must be a date YYYY-MM-DD.')
  .refine(isCalendarDate, 'Not a calendar date.')
  .openapi({ example: '2023-04-27', description: 'Europe/Paris calendar date' });

/** Office document ids (as the deposit accepts them): 1 to 128 characters, no space, slash or control character. */
export const DOCUMENT_ID = /^[^\p{Cc}\s/]{1,128}$/u;

// ---------------------------------------------------------------- applicant side

export const ActivateBody = z
  .strictObject({ agdref: Agdref, connectionKey: ConnectionKey, password: Password })
  .openapi('ActivateRequest');

export const SessionBody = z.strictObject({ identifier: Identifier, password: Password }).openapi('SessionRequest');

export const SessionCreated = z.object({ expiresAt: Instant }).openapi('SessionCreated');

export const ContactBody = z
  .strictObject({ phone: Phone.nullable().optional(), email: Email.nullable().optional() })
  .openapi('ContactRequest', { description: 'A missing field is left as it is; `null` removes it.' });

export const Contact = z.object({ phone: z.string().nullable(), email: z.string().nullable() }).openapi('Contact');

export const LanguageBody = z.strictObject({ language: Language }).openapi('LanguageRequest');

export const LanguageSet = z.object({ language: Language }).openapi('LanguageSet');

export const Profile = z
  .object({
    agdref: Agdref,
    ofpraFileNumber: z.string().nullable(),
    language: Language,
    phone: z.string().nullable(),
    email: z.string().nullable(),
    unreadCount: z.number().int(),
    paperDerogation: z.boolean(),
  })
  .openapi('Profile');

export const LegalAidBody = z
  .strictObject({ requestedOn: ParisDate, decisionNotifiedOn: ParisDate.nullable().optional() })
  .openapi('LegalAidRequest');

export const ResetWithKeyBody = z
  .strictObject({ identifier: Identifier, connectionKey: ConnectionKey, newPassword: Password })
  .openapi('ResetWithKeyRequest');

export const ResetCodeBody = z
  .strictObject({ identifier: Identifier, channel: z.enum(['sms', 'email']) })
  .openapi('ResetCodeRequest');

export const ResetWithCodeBody = z
  .strictObject({
    identifier: Identifier,
    code: z.string().regex(/^[0-9]{6}$/, 'Must be 6 digits.').openapi({ example: '123456' }),
    newPassword: Password,
  })
  .openapi('ResetWithCodeRequest');

export const LegalAid = z.object({ requestedOn: ParisDate, decisionNotifiedOn: ParisDate.nullable() }).openapi('LegalAid');

export const Document = z
  .object({
    id: z.string(),
    type: z.enum(DOCUMENT_TYPES),
    label: z.record(z.string(), z.string()).openapi({ example: { fr: 'Décision', en: 'Decision' } }),
    title: z.string().nullable(),
    issuer: z.literal('OFPRA'),
    availableAt: Instant,
    firstOpenedAt: Instant.nullable(),
    status: z.enum(['unread', 'read']),
    notifiable: z.boolean(),
    notificationDate: ParisDate.nullable(),
    notifiedBy: z.enum(['consultation', 'deemed']).nullable(),
    consultationDeadline: ParisDate.nullable(),
    daysLeft: z.number().int().nullable(),
    outcome: z.enum(DECISION_OUTCOMES).optional(),
    appealDeadline: ParisDate.nullable().optional(),
    legalAidDeadline: ParisDate.nullable().optional(),
    legalAid: LegalAid.optional(),
  })
  .openapi('Document');

export const DocumentList = z.object({ documents: z.array(Document) }).openapi('DocumentList');

// ---------------------------------------------------------------- office side

export const RegisterBody = z
  .strictObject({
    agdref: Agdref,
    ofpraFileNumber: OfpraFileNumber.nullable().optional(),
    language: Language.optional(),
    phone: Phone.nullable().optional(),
    email: Email.nullable().optional(),
    paperDerogation: z.boolean().optional(),
  })
  .openapi('RegisterApplicantRequest');

export const Registered = z.object({ agdref: Agdref, connectionKey: z.string() }).openapi('ApplicantRegistered');

export const ConnectionKeyIssued = z.object({ connectionKey: z.string() }).openapi('ConnectionKeyIssued');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const DepositBody = z
  .strictObject({
    type: z.enum(DOCUMENT_TYPES),
    outcome: z.enum(DECISION_OUTCOMES).optional(),
    title: z.string().max(200).optional(),
    contentBase64: z
      .string()
      .min(1, 'Required.')
      .refine((value) => value.length % 4 === 0 && BASE64.test(value), 'Must be base64.')
      .openapi({ description: 'The PDF, base64-encoded' }),
  })
  .superRefine((body, context) => {
    // R7: a decision has an outcome; nothing else has one.
    if (body.type === 'decision' && body.outcome === undefined) {
      context.addIssue({ code: 'custom', path: ['outcome'], message: 'A decision needs an outcome.' });
    }
    if (body.type !== 'decision' && body.outcome !== undefined) {
      context.addIssue({ code: 'custom', path: ['outcome'], message: 'Only a decision has an outcome.' });
    }
  })
  .openapi('DepositRequest');

export const EvidenceEvent = z
  .object({
    at: Instant,
    event: z.enum(EVIDENCE_EVENTS),
    channel: z.enum(['sms', 'email']).optional(),
    kind: z.enum(['deposit', 'reminder']).optional(),
    day: z.number().int().optional(),
    date: ParisDate.optional(),
    previousHash: z.string(),
    hash: z.string(),
  })
  .openapi('EvidenceEvent');

export const Evidence = z
  .object({ document: Document, events: z.array(EvidenceEvent), chainValid: z.boolean() })
  .openapi('Evidence');

// ---------------------------------------------------------------- paths and errors

export const DocumentIdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'OFPRA-2023-000123' }),
});

export const AgdrefParam = z.object({
  agdref: Agdref.openapi({ param: { name: 'agdref', in: 'path' } }),
});

export const DepositParams = z.object({
  agdref: Agdref.openapi({ param: { name: 'agdref', in: 'path' } }),
  documentId: z
    .string()
    .regex(DOCUMENT_ID, '1 to 128 characters without spaces, slashes or control characters.')
    .openapi({ param: { name: 'documentId', in: 'path' }, example: 'OFPRA-2023-000123' }),
});

export const ApiError = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .openapi('Error');
