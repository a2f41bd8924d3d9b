/**
 * The timeline file format of docs/timelines.md, as zod schemas, plus the semantic checks the
 * format states (a document label must be deposited before it is opened, …). `validateTimeline`
 * turns both kinds of problem into `{ path, message }` pairs whose `path` is the JSON path of
 * the bad field (`applicants[0].events[3].at`), so the CLI can name it and run nothing.
 */
import { z } from 'zod';
import { AGDREF_PATTERN } from '../shared/domain/identity.ts';
import { DECISION_OUTCOMES, DOCUMENT_TYPES, LANGUAGES } from '../shared/domain/types.ts';

const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const PARIS_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO-8601 instant that says where it is: `Z` or an explicit offset (never a local time). */
export const instantWithOffset = z
  .string({ error: 'not an ISO-8601 instant with offset' })
  .refine((s) => INSTANT_WITH_OFFSET.test(s) && !Number.isNaN(Date.parse(s)), {
    error: 'not an ISO-8601 instant with offset',
  });

function isCalendarDate(s: string): boolean {
  const m = PARIS_DATE.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A Paris calendar date `YYYY-MM-DD`. */
export const parisDate = z
  .string({ error: 'not a date YYYY-MM-DD' })
  .refine(isCalendarDate, { error: 'not a date YYYY-MM-DD' });

/** docs/api.md: `06xxxxxxxx` / `07xxxxxxxx` (spaces and dots allowed) or `+336…` / `+337…`. */
const frenchMobile = z
  .string()
  .refine((s) => /^(?:0[67]\d{8}|\+33[67]\d{8})$/.test(s.replace(/[ .]/g, '')), {
    error: 'not a French mobile number (06/07…)',
  });
const email = z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'not an e-mail address' });
const docLabel = z.string().min(1, { error: 'a document label must not be empty' });
/** Document ids end up in trigger names (≤ 64 chars of [0-9a-zA-Z-_.]). */
const documentId = z
  .string()
  .regex(/^[0-9A-Za-z_.-]{1,40}$/, { error: 'a documentId is 1–40 characters of letters, digits, - _ .' });

const at = instantWithOffset;

const registerEvent = z.strictObject({ at, do: z.literal('register') });
const activateEvent = z.strictObject({ at, do: z.literal('activate') });
const loginEvent = z.strictObject({ at, do: z.literal('login') });
/** A helper (docs/api.md "Helpers") the applicant gave access looks at the list and at the letters: it must change no date. */
const helperLookEvent = z.strictObject({ at, do: z.literal('helperLook') });
const setContactEvent = z
  .strictObject({ at, do: z.literal('setContact'), phone: frenchMobile.nullable().optional(), email: email.nullable().optional() })
  .refine((e) => e.phone !== undefined || e.email !== undefined, {
    error: 'setContact needs a phone or an email (null removes one)',
    path: ['phone'],
  });
const depositEvent = z
  .strictObject({
    at,
    do: z.literal('deposit'),
    doc: docLabel,
    type: z.enum(DOCUMENT_TYPES),
    outcome: z.enum(DECISION_OUTCOMES).optional(),
    documentId: documentId.optional(),
    title: z.string().max(200).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'decision' && e.outcome === undefined) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'a decision needs an outcome (docs/rules.md R7)' });
    }
    if (e.type !== 'decision' && e.outcome !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'only a decision has an outcome' });
    }
  });
const openEvent = z.strictObject({ at, do: z.literal('open'), doc: docLabel });
const legalAidRequestEvent = z.strictObject({ at, do: z.literal('legalAidRequest'), doc: docLabel });
const legalAidDecisionEvent = z.strictObject({ at, do: z.literal('legalAidDecision'), doc: docLabel });

export const EVENT_KINDS = [
  'register',
  'activate',
  'setContact',
  'deposit',
  'open',
  'login',
  'legalAidRequest',
  'legalAidDecision',
  'helperLook',
] as const;

export const timelineEventSchema = z.discriminatedUnion(
  'do',
  [
    registerEvent,
    activateEvent,
    setContactEvent,
    depositEvent,
    openEvent,
    loginEvent,
    legalAidRequestEvent,
    legalAidDecisionEvent,
    helperLookEvent,
  ],
  { error: `"do" must be one of ${EVENT_KINDS.join(', ')}` },
);

/** One expected set of values for a document; a field left out is not checked. Unknown fields are refused (a misspelt field would silently check nothing). */
export const expectationSchema = z.strictObject({
  doc: docLabel,
  notificationDate: parisDate.nullable().optional(),
  notifiedBy: z.enum(['consultation', 'deemed']).nullable().optional(),
  consultationDeadline: parisDate.nullable().optional(),
  firstOpenedAt: instantWithOffset.nullable().optional(),
  appealDeadline: parisDate.nullable().optional(),
  legalAidDeadline: parisDate.nullable().optional(),
  sms: z.number().int().nonnegative().optional(),
  email: z.number().int().nonnegative().optional(),
  /**
   * Extension (R12): the document's evidence chain, in order, each event as its name followed by
   * whichever of channel, kind, day and date it has, joined by `:` — e.g. `deposited`,
   * `alertSent:sms:deposit`, `alertSent:email:reminder:7`, `firstOpened`, `legalAidRequested:2019-06-17`.
   */
  evidence: z.array(z.string().regex(/^[a-zA-Z]+(:[0-9A-Za-z-]+)*$/, { error: 'an evidence step is event[:channel][:kind][:day][:date]' })).optional(),
});

export const faultSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('schedulerDelay'), minutes: z.number().int().positive() }),
    z.strictObject({ kind: z.literal('schedulerDuplicate') }),
    z.strictObject({ kind: z.literal('schedulerDrop') }),
    z.strictObject({ kind: z.literal('smsFailure'), attempts: z.number().int().positive() }),
    z.strictObject({ kind: z.literal('storeThrottle'), probability: z.number().min(0).max(0.9) }),
  ],
  { error: '"kind" must be one of schedulerDelay, schedulerDuplicate, schedulerDrop, smsFailure, storeThrottle' },
);

export const rulesSchema = z.strictObject({
  deemedNotificationDate: z.enum(['availability', 'windowEnd']).optional(),
  legalAidHolidayExtension: z.boolean().optional(),
  reminderDays: z.array(z.number().int().min(1).max(14)).optional(),
});

export const applicantSchema = z.strictObject({
  id: z.string().min(1),
  agdref: z.string().regex(AGDREF_PATTERN, { error: 'an AGDREF number is exactly 10 digits' }),
  ofpraFileNumber: z
    .string()
    .regex(/^\d{6,12}$/, { error: 'an office file number is 6 to 12 digits' })
    .optional(),
  language: z.enum(LANGUAGES).optional(),
  paperDerogation: z.boolean().optional(),
  /** Extension: contact the office records at registration (the applicant can also set it with `setContact`). */
  phone: frenchMobile.optional(),
  email: email.optional(),
  events: z.array(timelineEventSchema),
  expect: z.array(expectationSchema).optional(),
});

/**
 * Every object of the format is strict (docs/timelines.md): a key it does not define, anywhere, makes
 * the file invalid — a misspelt `"faultz"` must never run silently without its faults.
 */
export const timelineFileSchema = z.strictObject({
  version: z.literal(1, { error: 'version must be 1' }),
  name: z.string().optional(),
  rules: rulesSchema.optional(),
  faults: z.array(faultSchema).optional(),
  until: instantWithOffset.optional(),
  applicants: z.array(applicantSchema).min(1, { error: 'a timeline needs at least one applicant' }),
});

export type TimelineFile = z.infer<typeof timelineFileSchema>;
export type TimelineApplicant = z.infer<typeof applicantSchema>;
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type Expectation = z.infer<typeof expectationSchema>;
export type Fault = z.infer<typeof faultSchema>;
export type FaultKind = Fault['kind'];

export interface ValidationIssue {
  /** JSON path of the bad field, e.g. `applicants[0].events[3].at` (empty for the whole file). */
  readonly path: string;
  readonly message: string;
}

export type ValidationOutcome =
  | { readonly ok: true; readonly file: TimelineFile }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** `['applicants', 0, 'events', 3, 'at']` → `applicants[0].events[3].at`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

const UNKNOWN_KEY = 'unknown key: not part of the timeline format (docs/timelines.md); check its spelling';

/** Schema, then the semantic rules of docs/timelines.md (only when the schema holds). */
export function validateTimeline(raw: unknown): ValidationOutcome {
  const parsed = timelineFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((issue) =>
      // One line per unknown key, at its own path: `applicants[0].events[2].dco: unknown key`.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: UNKNOWN_KEY }))
        : [{ path: formatPath(issue.path), message: issue.message }],
    );
    return { ok: false, issues: dedupe(issues) };
  }
  const issues = semanticIssues(parsed.data);
  return issues.length === 0 ? { ok: true, file: parsed.data } : { ok: false, issues };
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * docs/timelines.md's invalid files: an open / legal-aid event on a label no deposit introduced at an
 * earlier or equal instant; two deposits sharing a label without sharing a documentId (a missing
 * documentId counts as the label's default id, so two deposits without one are a repeated
 * deposit); legal aid on a non-decision. Also refused, because they cannot run: duplicate
 * applicant ids / AGDREF / file numbers, a repeated deposit that changes type or outcome, a
 * documentId reused for another label, a legal-aid decision with no earlier request, and an
 * expectation about a label that is never deposited.
 */
function semanticIssues(file: TimelineFile): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const firstIndex = new Map<string, number>();
  const seenAgdref = new Map<string, number>();
  const seenFileNumber = new Map<string, number>();
  const documentIds = new Map<string, string>();
  file.applicants.forEach((applicant, a) => {
    const base = `applicants[${a}]`;
    uniqueAmong(firstIndex, applicant.id, a, `${base}.id`, 'applicant id', issues);
    uniqueAmong(seenAgdref, applicant.agdref, a, `${base}.agdref`, 'AGDREF number', issues);
    if (applicant.ofpraFileNumber !== undefined) {
      uniqueAmong(seenFileNumber, applicant.ofpraFileNumber, a, `${base}.ofpraFileNumber`, 'office file number', issues);
    }

    const deposits = new Map<string, { ms: number; index: number; type: string; outcome: string | undefined; documentId: string | undefined }>();
    const ordered = applicant.events.map((event, index) => ({ event, index, ms: Date.parse(event.at) }));
    ordered.sort((x, y) => x.ms - y.ms || x.index - y.index);

    for (const { event, index } of ordered) {
      if (event.do !== 'deposit') continue;
      const path = `${base}.events[${index}]`;
      const earlier = deposits.get(event.doc);
      if (earlier === undefined) {
        deposits.set(event.doc, { ms: Date.parse(event.at), index, type: event.type, outcome: event.outcome, documentId: event.documentId });
      } else if (earlier.documentId !== event.documentId) {
        issues.push({
          path: `${path}.documentId`,
          message: `deposits events[${earlier.index}] and events[${index}] share the doc label "${event.doc}" but not a documentId`,
        });
      } else if (earlier.type !== event.type || earlier.outcome !== event.outcome) {
        issues.push({
          path: `${path}.type`,
          message: `a repeated deposit of "${event.doc}" (same documentId) must repeat its type and outcome`,
        });
      }
      if (event.documentId !== undefined && earlier === undefined) {
        const owner = documentIds.get(event.documentId);
        const here = `${applicant.id}/${event.doc}`;
        if (owner !== undefined && owner !== here) {
          issues.push({ path: `${path}.documentId`, message: `documentId "${event.documentId}" is already used by ${owner}` });
        }
        documentIds.set(event.documentId, here);
      }
    }

    const requested = new Map<string, number>();
    for (const { event, index, ms } of ordered) {
      if (event.do !== 'open' && event.do !== 'legalAidRequest' && event.do !== 'legalAidDecision') continue;
      const path = `${base}.events[${index}].doc`;
      const deposit = deposits.get(event.doc);
      if (deposit === undefined || deposit.ms > ms) {
        issues.push({ path, message: `no deposit of "${event.doc}" at or before ${event.at}` });
        continue;
      }
      if (event.do === 'open') continue;
      if (deposit.type !== 'decision') {
        issues.push({ path, message: `legal aid concerns decisions only, and "${event.doc}" is a ${deposit.type}` });
        continue;
      }
      if (event.do === 'legalAidRequest') requested.set(event.doc, ms);
      else if (!requested.has(event.doc)) {
        issues.push({ path, message: `a legal-aid decision on "${event.doc}" needs an earlier legalAidRequest` });
      }
    }

    (applicant.expect ?? []).forEach((expectation, e) => {
      if (!deposits.has(expectation.doc)) {
        issues.push({ path: `${base}.expect[${e}].doc`, message: `no deposit of "${expectation.doc}" for this applicant` });
      }
    });
  });
  return issues;
}

function uniqueAmong(
  seen: Map<string, number>,
  value: string,
  index: number,
  path: string,
  what: string,
  issues: ValidationIssue[],
): void {
  const earlier = seen.get(value);
  if (earlier === undefined) seen.set(value, index);
  else issues.push({ path, message: `${what} "${value}" is already used by applicants[${earlier}]` });
}
