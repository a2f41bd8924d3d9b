/**
 * The zod schemas of docs/api.md: they validate every request body (strict objects: an unknown field
 * is a 400 naming it) and generate `GET /api/v1/openapi.json`, so the document cannot drift from
 * the code. Secrets are only checked for shape here; the use cases apply the policies.
 *
 * Written with `zod/mini` (a few KB in the Lambda bundle instead of ~400 KB for the full `zod`):
 * same core, same checks and issues, functions instead of methods. Documentation-only metadata
 * (component names, examples, descriptions) goes to the `API_DOCS` registry that openapi.ts reads.
 *
 * Each schema is built on its first use (`lazy`: `SessionBody()` is the schema, the same object
 * every time): building them all took a cold start ~5 ms (`npm run bench -- --only init-parts`),
 * and a function uses few of them — the response schemas only for the OpenAPI document, the
 * office's never in the applicant-facing function.
 */
import * as z from 'zod/mini';
import { AGDREF_PATTERN, asciiDigits, isEmail, normalizeFrenchMobile, normalizeIdentifier } from '../domain/identity.ts';
import { DECISION_OUTCOMES, DOCUMENT_TYPES, EVIDENCE_EVENTS, LANGUAGES } from '../domain/types.ts';
import { lazy } from './lazy.ts';

/** What a schema says in the OpenAPI document besides its shape; `id` makes it a named component. */
export interface ApiDoc {
  readonly id?: string;
  readonly example?: unknown;
  readonly description?: string;
}

export const API_DOCS = z.registry<ApiDoc>();

/** Attaches documentation to a schema (returns the same schema). */
function doc<T extends z.ZodMiniType>(schema: T, meta: ApiDoc): T {
  API_DOCS.add(schema as z.ZodMiniType, meta);
  return schema;
}

/** A named component schema (`#/components/schemas/<id>`). */
function component<T extends z.ZodMiniType>(id: string, schema: T, description?: string): T {
  return doc(schema, description === undefined ? { id } : { id, description });
}

const nullish = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));

// ---------------------------------------------------------------- building blocks

// docs/api.md "Text and identifiers": digits typed in Arabic-Indic, Extended Arabic-Indic or Bengali
// script are read as ASCII digits before any check (z.overwrite keeps the documented type).
const DIGITS_NOTE = 'Arabic-Indic, Extended Arabic-Indic and Bengali digits are accepted and read as ASCII digits.';
/** The longest value each text field of a request may hold; the pages name a field over it as too long. */
export const MAX_LENGTH = { identifier: 64, connectionKey: 64, password: 256, phone: 32, email: 254 } as const;

const Agdref = lazy(() => doc(z.string().check(z.overwrite(normalizeIdentifier), z.regex(AGDREF_PATTERN, 'Must be exactly 10 digits.')), {
  example: '7512345678',
  description: DIGITS_NOTE,
}));
const OfpraFileNumber = lazy(() => doc(z.string().check(z.overwrite(normalizeIdentifier), z.regex(/^[0-9]{6,12}$/, 'Must be 6 to 12 digits.')), {
  example: '2301234',
  description: DIGITS_NOTE,
}));
/** AGDREF number or office file number; an unknown one is answered like a wrong password (401). */
const Identifier = lazy(() => doc(z.string().check(z.overwrite(normalizeIdentifier), z.minLength(1, 'Required.'), z.maxLength(MAX_LENGTH.identifier)), {
  example: '7512345678',
  description: DIGITS_NOTE,
}));
const ConnectionKey = lazy(() => doc(z.string().check(z.minLength(1, 'Required.'), z.maxLength(MAX_LENGTH.connectionKey)), {
  example: 'K7QF-9M2X-PR4D-8ZTW',
  description: 'Read with Crockford base-32 rules: case-insensitive, O as 0, I and L as 1, hyphens and spaces ignored.',
}));
/** The policy (12+ characters, lower, upper, digit, one of `& ? * $ + = / ;`) is checked by the use case. */
const Password = lazy(() => doc(z.string().check(z.minLength(1, 'Required.'), z.maxLength(MAX_LENGTH.password)), { example: 'Correct&Horse7Battery' }));
const Language = lazy(() => doc(z.enum(LANGUAGES), { example: 'fr' }));
const Phone = lazy(() => doc(
  z
    .string()
    .check(
      z.maxLength(MAX_LENGTH.phone),
      z.refine((value: string) => normalizeFrenchMobile(value) !== null, 'Only 06xxxxxxxx or 07xxxxxxxx (spaces and dots allowed), or +336…/+337….'),
    ),
  { example: '06 12 34 56 78' },
));
const Email = lazy(() => doc(z.string().check(z.maxLength(MAX_LENGTH.email), z.refine(isEmail, 'Not an e-mail address.')), { example: 'name@example.org' }));
const Instant = lazy(() => doc(z.string(), { example: '2023-04-20T08:00:00.000Z', description: 'UTC ISO-8601 instant' }));

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A Paris calendar date `YYYY-MM-DD` (docs/rules.md). */
export const ParisDate = lazy(() => doc(
  z.string().check(z.regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'Must be a date YYYY-MM-DD.'), z.refine(isCalendarDate, 'Not a calendar date.')),
  { example: '2023-04-27', description: 'Europe/Paris calendar date' },
));

/** Office document ids (as the deposit accepts them): 1 to 128 characters, no space, slash or control character. */
export const DOCUMENT_ID = /^[^\p{Cc}\s/]{1,128}$/u;

// ---------------------------------------------------------------- applicant side

export const ActivateBody = lazy(() => component(
  'ActivateRequest',
  z.strictObject({ agdref: Agdref(), connectionKey: ConnectionKey(), password: Password() }),
));

export const SessionBody = lazy(() => component('SessionRequest', z.strictObject({ identifier: Identifier(), password: Password() })));

export const SessionCreated = lazy(() => component('SessionCreated', z.object({ expiresAt: Instant() })));

export const ContactBody = lazy(() => component(
  'ContactRequest',
  z.strictObject({ phone: nullish(Phone()), email: nullish(Email()) }),
  'A missing field is left as it is; `null` removes it.',
));

export const Contact = lazy(() => component('Contact', z.object({ phone: z.nullable(z.string()), email: z.nullable(z.string()) })));

export const LanguageBody = lazy(() => component('LanguageRequest', z.strictObject({ language: Language() })));

export const LanguageSet = lazy(() => component('LanguageSet', z.object({ language: Language() })));

export const Profile = lazy(() => component(
  'Profile',
  z.object({
    agdref: Agdref(),
    ofpraFileNumber: z.nullable(z.string()),
    language: Language(),
    phone: z.nullable(z.string()),
    email: z.nullable(z.string()),
    unreadCount: z.int(),
    paperDerogation: z.boolean(),
  }),
));

export const LegalAidBody = lazy(() => component('LegalAidRequest', z.strictObject({ requestedOn: ParisDate(), decisionNotifiedOn: nullish(ParisDate()) })));

export const ResetWithKeyBody = lazy(() => component(
  'ResetWithKeyRequest',
  z.strictObject({ identifier: Identifier(), connectionKey: ConnectionKey(), newPassword: Password() }),
));

export const ResetCodeBody = lazy(() => component('ResetCodeRequest', z.strictObject({ identifier: Identifier(), channel: z.enum(['sms', 'email']) })));

/** A password-reset code: 6 digits. */
export const ResetCode = lazy(() => doc(z.string().check(z.overwrite((code: string) => asciiDigits(code).trim()), z.regex(/^[0-9]{6}$/, 'Must be 6 digits.')), {
  example: '123456',
  description: DIGITS_NOTE,
}));

export const ResetWithCodeBody = lazy(() => component(
  'ResetWithCodeRequest',
  z.strictObject({
    identifier: Identifier(),
    code: ResetCode(),
    newPassword: Password(),
  }),
));

export const LegalAid = lazy(() => component('LegalAid', z.object({ requestedOn: ParisDate(), decisionNotifiedOn: z.nullable(ParisDate()) })));

/** docs/api.md `Document`'s fields (the helpers' view is the same without `title`). */
export const documentShape = lazy(() => ({
    id: z.string(),
    type: z.enum(DOCUMENT_TYPES),
    label: doc(z.record(z.string(), z.string()), { example: { fr: 'Décision', en: 'Decision' } }),
    title: z.nullable(z.string()),
    issuer: z.literal('OFPRA'),
    availableAt: Instant(),
    firstOpenedAt: z.nullable(Instant()),
    status: z.enum(['unread', 'read']),
    notifiable: z.boolean(),
    notificationDate: z.nullable(ParisDate()),
    notifiedBy: z.nullable(z.enum(['consultation', 'deemed'])),
    consultationDeadline: z.nullable(ParisDate()),
    daysLeft: z.nullable(z.int()),
    outcome: z.optional(z.enum(DECISION_OUTCOMES)),
    appealDeadline: nullish(ParisDate()),
    legalAidDeadline: nullish(ParisDate()),
    legalAid: z.optional(LegalAid()),
}));

export const Document = lazy(() => component('Document', z.object(documentShape())));

export const DocumentList = lazy(() => component('DocumentList', z.object({ documents: z.array(Document()) })));

// ---------------------------------------------------------------- office side

export const RegisterBody = lazy(() => component(
  'RegisterApplicantRequest',
  z.strictObject({
    agdref: Agdref(),
    ofpraFileNumber: nullish(OfpraFileNumber()),
    language: z.optional(Language()),
    phone: nullish(Phone()),
    email: nullish(Email()),
    paperDerogation: z.optional(z.boolean()),
  }),
));

export const Registered = lazy(() => component('ApplicantRegistered', z.object({ agdref: Agdref(), connectionKey: z.string() })));

export const ConnectionKeyIssued = lazy(() => component('ConnectionKeyIssued', z.object({ connectionKey: z.string() })));

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Upload ids are random UUIDs. */
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const UploadBody = lazy(() => component(
  'UploadRequest',
  z.strictObject({
    contentLength: doc(z.int(), { description: 'Size of the PDF in bytes (1 to 10 MiB)' }),
    contentSha256: doc(z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, '64 hexadecimal digits.')), { description: 'SHA-256 of the PDF, hex' }),
  }),
));

export const UploadCreated = lazy(() => component(
  'UploadCreated',
  z.object({
    uploadId: z.string(),
    url: z.string(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()),
    expiresAt: Instant(),
  }),
));

export const DepositBody = lazy(() => component(
  'DepositRequest',
  z
    .strictObject({
      type: z.enum(DOCUMENT_TYPES),
      outcome: z.optional(z.enum(DECISION_OUTCOMES)),
      title: z.optional(z.string().check(z.maxLength(200))),
      contentBase64: z.optional(
        doc(
          z
            .string()
            .check(
              z.minLength(1, 'Required.'),
              z.refine((value: string) => value.length % 4 === 0 && BASE64.test(value), 'Must be base64.'),
            ),
          { description: 'The PDF, base64-encoded (or give `uploadId` instead)' },
        ),
      ),
      uploadId: z.optional(
        doc(z.string().check(z.regex(UPLOAD_ID, 'An uploadId returned by POST /api/v1/agent/uploads.')), {
          description: 'The id of a two-step upload holding the PDF (instead of `contentBase64`)',
        }),
      ),
    })
    .check(
      z.superRefine((body, context) => {
        // docs/api.md: exactly one of the two carries the content.
        if ((body.contentBase64 === undefined) === (body.uploadId === undefined)) {
          const message = 'Give exactly one of contentBase64 and uploadId.';
          context.addIssue({ code: 'custom', path: [body.uploadId === undefined ? 'contentBase64' : 'uploadId'], message });
        }
        // R7: a decision has an outcome; nothing else has one.
        if (body.type === 'decision' && body.outcome === undefined) {
          context.addIssue({ code: 'custom', path: ['outcome'], message: 'A decision needs an outcome.' });
        }
        if (body.type !== 'decision' && body.outcome !== undefined) {
          context.addIssue({ code: 'custom', path: ['outcome'], message: 'Only a decision has an outcome.' });
        }
      }),
    ),
));

export const EvidenceEvent = lazy(() => component(
  'EvidenceEvent',
  z.object({
    at: Instant(),
    event: z.enum(EVIDENCE_EVENTS),
    channel: z.optional(z.enum(['sms', 'email'])),
    kind: z.optional(z.enum(['deposit', 'reminder'])),
    day: z.optional(z.int()),
    date: z.optional(ParisDate()),
    attempt: z.optional(z.int()),
    previousHash: z.string(),
    hash: z.string(),
  }),
));

/** R12: a chain head, as the letter record keeps it. */
export const EvidenceHead = lazy(() => component('EvidenceHead', z.object({ count: z.int(), hash: z.string() })));

/** R12: the signed daily checkpoint covering a letter, and the inclusion proof of its head. */
export const EvidenceCheckpoint = lazy(() => component(
  'EvidenceCheckpoint',
  z.object({
    checkpoint: z.object({
      type: z.literal('evidence-checkpoint'),
      version: z.int(),
      at: Instant(),
      date: ParisDate(),
      treeSize: z.int(),
      rootHash: z.string(),
    }),
    signature: z.string(),
    leaf: z.object({ documentId: z.string(), count: z.int(), hash: z.string() }),
    leafIndex: z.int(),
    proof: z.array(z.string()),
  }),
));

export const Evidence = lazy(() => component(
  'Evidence',
  z.object({
    document: Document(),
    events: z.array(EvidenceEvent()),
    head: EvidenceHead(),
    chainValid: z.boolean(),
    signature: doc(z.string(), { description: 'Compact JWS (ES256) with detached payload over the RFC 8785 JCS of {document, events, head}' }),
    checkpoint: z.optional(EvidenceCheckpoint()),
  }),
));

/** R12: what `POST /api/v1/agent/evidence/checkpoints` wrote. */
export const CheckpointWritten = lazy(() => component(
  'CheckpointWritten',
  z.object({ checkpoint: EvidenceCheckpoint().shape.checkpoint, signature: z.string() }),
));

// ---------------------------------------------------------------- paths and errors

/** Path parameters: each key of these objects is a `{name}` segment of the route's path. */
export const DocumentIdParam = lazy(() => z.object({ id: doc(z.string(), { example: 'OFPRA-2023-000123' }) }));

export const AgdrefParam = lazy(() => z.object({ agdref: Agdref() }));

export const DepositParams = lazy(() => z.object({
  agdref: Agdref(),
  documentId: doc(z.string().check(z.regex(DOCUMENT_ID, '1 to 128 characters without spaces, slashes or control characters.')), {
    example: 'OFPRA-2023-000123',
  }),
}));

export const ApiError = lazy(() => component(
  'Error',
  z.object({
    error: z.object({
      code: doc(z.string(), { example: 'invalid_request' }),
      message: z.string(),
      fields: z.optional(z.record(z.string(), z.string())),
    }),
  }),
));
