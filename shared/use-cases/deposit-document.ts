/**
 * The office deposits a letter in an applicant's space (R1, R2, R11; docs/api.md
 * `PUT /api/v1/agent/applicants/{agdref}/documents/{documentId}`).
 *
 * Idempotent by the office's document id, and never half done: the blob exists before the letter
 * does, so an existing letter always has its content; the letter's next timer (one schedule,
 * idempotent by name) and its alerts' queue messages (idempotent by alert id) come after, and a
 * repeated deposit redoes whichever of them a failure interrupted — without a second alert for
 * one already sent. Alerts are not sent here: they are paced by the alert queue (docs/alerts.md).
 */
import { hash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { isNotifiable } from '../domain/documents.ts';
import { appendEvidence } from '../domain/evidence.ts';
import { withChain } from './letter-updates.ts';
import { windowEnd as windowEndOf } from '../domain/lifecycle.ts';
import { MAX_PDF_BYTES, pdfActiveContent } from '../domain/pdf.ts';
import { unsafeCharacter, unsafeCharacterMessage } from '../domain/text.ts';
import { DECISION_OUTCOMES, DOCUMENT_TYPES } from '../domain/types.ts';
import type { DecisionOutcome, DocumentType } from '../domain/types.ts';
import {
  ConflictingRedepositError,
  ItemAlreadyExistsError,
  NotFoundError,
  UnsafePdfError,
  ValidationError,
} from '../errors.ts';
import type { Applicant, Deps, Letter } from '../ports.ts';
import { letterKey } from './alert-ids.ts';
import { type AlertDeps, enqueueAlerts, queuedAlert, registeredChannels } from './deliver-alert.ts';
import { type DocumentView, toDocumentView } from './document-view.ts';
import { scheduleNextTimer } from './letter-timer.ts';
import { assertPdf } from '../pdf-content.ts';
import { settleCursor } from './reminder-cursor.ts';

export interface DepositDocumentInput {
  readonly agdref: string;
  /** The office's id, unique across the system. */
  readonly documentId: string;
  readonly type: string;
  /** Required for decisions (R7), forbidden otherwise. */
  readonly outcome?: string | null;
  readonly title?: string | null;
  /** The PDF. */
  readonly content: Uint8Array;
}

export interface DepositDocumentResult {
  /** False when this repeats an earlier deposit of the same document. */
  readonly created: boolean;
  readonly document: DocumentView;
}

export type DepositDeps = AlertDeps & Pick<Deps, 'blobs'>;

const MAX_DOCUMENT_ID_LENGTH = 128;
const MAX_TITLE_LENGTH = 200;

/**
 * R1, R2, R11: makes the letter available now, with `deposited` evidence at that exact instant;
 * for a notifiable letter (not postal) schedules its next timed transition (the first reminder,
 * else the deemed notification at the window's end); queues an alert to every registered channel
 * unless the applicant has a paper derogation.
 * Repeating a deposit (same id, same content, same applicant) returns the same letter with
 * `created: false` and completes any step a failure interrupted.
 * @throws ValidationError (bad type, outcome rules, id, title); InvalidDocumentContentError (not a PDF, too large);
 *   NotFoundError (unknown applicant); ConflictingRedepositError (id used with other content or for another applicant).
 */
export async function depositDocument(deps: DepositDeps, input: DepositDocumentInput): Promise<DepositDocumentResult> {
  const { type, outcome, title } = validated(input);
  assertSafePdf(input.content);
  const applicant = await deps.applicants.get(input.agdref);
  if (applicant === null) throw new NotFoundError('applicant');
  const contentSha256 = hash('sha256', input.content, 'hex');
  const deposit = { agdref: input.agdref, type, outcome, contentSha256 };

  // New deposits are the common case: create first, and learn from the refusal that it is a repeat.
  // The blob key names the content, so storing it again for a repeat rewrites the same bytes.
  const blobKey = `letters/${letterKey(input.documentId)}/${contentSha256}.pdf`;
  await deps.blobs.put(blobKey, input.content);
  const fresh = newLetter(deps, applicant, { ...deposit, id: input.documentId, title, blobKey, contentLength: input.content.byteLength });
  let letter: Letter;
  let created: boolean;
  try {
    await deps.letters.create(fresh);
    letter = fresh;
    created = true;
  } catch (error) {
    if (!(error instanceof ItemAlreadyExistsError)) throw error;
    const existing = await deps.letters.get(input.documentId);
    if (existing === null) throw error;
    letter = existing;
    created = false;
  }
  assertSameDeposit(letter, deposit);

  await scheduleNextTimer(deps, letter, deps.clock.now());
  // R11: the deposit alerts go to the paced queue; one already final is not enqueued again.
  await enqueueAlerts(deps, letter.id, letter.alerts.filter((alert) => alert.kind === 'deposit'));
  return { created, document: toDocumentView(letter, applicant.language, deps.config.rules, deps.clock.now()) };
}

function validated(input: DepositDocumentInput): { type: DocumentType; outcome: DecisionOutcome | null; title: string | null } {
  const fields: Record<string, string> = {};
  const id = input.documentId;
  if (id.length === 0 || id.length > MAX_DOCUMENT_ID_LENGTH || /[\p{Cc}\s/]/u.test(id)) {
    fields.documentId = `must be 1 to ${MAX_DOCUMENT_ID_LENGTH} characters without spaces or slashes`;
  }
  const type = (DOCUMENT_TYPES as readonly string[]).includes(input.type) ? (input.type as DocumentType) : null;
  if (type === null) fields.type = `must be one of ${DOCUMENT_TYPES.join(', ')}`;
  const rawOutcome = input.outcome ?? null;
  const outcome =
    rawOutcome !== null && (DECISION_OUTCOMES as readonly string[]).includes(rawOutcome) ? (rawOutcome as DecisionOutcome) : null;
  if (type === 'decision' && outcome === null) {
    fields.outcome = `a decision needs an outcome: one of ${DECISION_OUTCOMES.join(', ')}`;
  } else if (type !== null && type !== 'decision' && rawOutcome !== null) {
    fields.outcome = 'only a decision has an outcome';
  }
  const title = input.title ?? null;
  if (title !== null && (title.length === 0 || title.length > MAX_TITLE_LENGTH)) {
    fields.title = `must be 1 to ${MAX_TITLE_LENGTH} characters`;
  }
  // docs/api.md text hygiene: no control or bidi character in an id or a title.
  for (const [field, value] of [['documentId', id], ['title', title]] as const) {
    const codePoint = value === null ? null : unsafeCharacter(value);
    if (codePoint !== null) fields[field] = unsafeCharacterMessage(codePoint);
  }
  if (Object.keys(fields).length > 0 || type === null) throw new ValidationError(fields);
  return { type, outcome, title };
}

/** Refusing early keeps a bad upload from reaching the store or the idempotency check: a PDF, and no active content. */
function assertSafePdf(content: Uint8Array): void {
  assertPdf(content);
  const active = pdfActiveContent(content, inflateOrNull);
  if (active.length > 0) throw new UnsafePdfError(active);
}

/** A FlateDecode stream opened (at most 10 MiB out: a deposit never holds more), or null if it is not one. */
function inflateOrNull(bytes: Uint8Array): Uint8Array | null {
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_PDF_BYTES });
  } catch {
    return null;
  }
}

interface DepositFacts {
  readonly agdref: string;
  readonly type: DocumentType;
  readonly outcome: DecisionOutcome | null;
  readonly contentSha256: string;
}

/** docs/api.md: reusing a document id for another applicant, other content or another kind of document is a conflict. */
function assertSameDeposit(letter: Letter, deposit: DepositFacts): void {
  const same =
    letter.agdref === deposit.agdref &&
    letter.contentSha256 === deposit.contentSha256 &&
    letter.type === deposit.type &&
    letter.outcome === deposit.outcome;
  if (!same) throw new ConflictingRedepositError();
}

/** R1 availability now; R3 window (notifiable, not postal); R11 first reminder and deposit alerts (not postal). */
function newLetter(
  deps: DepositDeps,
  applicant: Applicant,
  facts: DepositFacts & { id: string; title: string | null; blobKey: string; contentLength: number },
): Letter {
  const availableAt = deps.clock.now();
  const postal = applicant.paperDerogation;
  const notifiable = isNotifiable(facts.type);
  const draft = { ...facts, availableAt, postal };
  const channels = postal ? [] : registeredChannels(applicant);
  const letter: Letter = {
    ...draft,
    notifiable,
    windowEnd: notifiable && !postal ? windowEndOf(availableAt) : null,
    firstOpenedAt: null,
    deemedAt: null,
    legalAid: null,
    alerts: channels.map((channel) => queuedAlert(facts.id, 'deposit', 0, channel)),
    // The alert cursor starts on the deposit alerts, and moves to the first reminder once they are final.
    nextReminderAt: availableAt,
    ...withChain(appendEvidence([], { at: availableAt, event: 'deposited' })),
    version: 1,
  };
  return settleCursor(letter, deps.config.rules, availableAt);
}
