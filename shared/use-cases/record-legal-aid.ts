/**
 * R9: the applicant records a legal-aid request for a decision, then the notification of the
 * legal-aid decision (docs/api.md `PUT /api/v1/documents/{id}/legal-aid`). The appeal deadline is
 * recomputed by the domain (suspended while pending).
 */
import { compareDates, parisDate } from '../domain/calendar.ts';
import { deadlinesOf } from '../domain/deadlines.ts';
import { isAppealable } from '../domain/documents.ts';
import type { EvidenceEvent, LegalAid, ParisDate } from '../domain/types.ts';
import { LegalAidDateError, NotAppealableError, NotFoundError } from '../errors.ts';
import type { LegalAidDateProblem } from '../errors.ts';
import type { Deps, Letter } from '../ports.ts';
import { type DocumentView, toDocumentView } from './document-view.ts';
import { updateLetter, withEvidence } from './letter-updates.ts';

export interface RecordLegalAidInput {
  readonly agdref: string;
  readonly documentId: string;
  readonly requestedOn: string;
  readonly decisionNotifiedOn?: string | null;
}

/**
 * R9: records the request date (evidence `legalAidRequested`, once) and, when given, the date the
 * legal-aid decision was notified (evidence `legalAidDecided`, once). Repeating the same dates
 * changes nothing; a recorded date cannot be changed.
 * @throws NotFoundError (not the applicant's letter); NotAppealableError (not a decision, or refugee status);
 *   ValidationError (a date malformed, in the future, before the letter was available, decision before request,
 *   or different from the one already recorded).
 */
export async function recordLegalAid(
  deps: Pick<Deps, 'applicants' | 'letters' | 'clock' | 'config'>,
  input: RecordLegalAidInput,
): Promise<DocumentView> {
  const [applicant, letter] = await Promise.all([deps.applicants.get(input.agdref), deps.letters.get(input.documentId)]);
  if (letter === null || letter.agdref !== input.agdref) throw new NotFoundError('document');
  if (letter.type !== 'decision' || !isAppealable(letter.outcome)) throw new NotAppealableError();
  const now = deps.clock.now();
  const wanted = validatedDates(input, letter, parisDate(now), deadlinesOf(letter, deps.config.rules, now).notificationDate);

  const { record } = await updateLetter(deps.letters, letter.id, (current) => withLegalAid(current, wanted, now), letter);
  return toDocumentView(record, applicant?.language ?? 'fr', deps.config.rules, now);
}

function isDate(value: string): boolean {
  try {
    compareDates(value, value);
    return true;
  } catch {
    return false;
  }
}

/** What each problem says in the API's `fields` (the pages say it in the applicant's language). */
const PROBLEM_TEXT: Readonly<Record<LegalAidDateProblem, (date?: string) => string>> = {
  invalid: () => 'must be a date YYYY-MM-DD',
  future: () => 'cannot be in the future',
  beforeNotification: (date) => `cannot be before the decision was notified (${date ?? ''})`,
  beforeRequest: () => 'cannot be before the request',
  alreadyRecorded: (date) => `another date was already recorded (${date ?? ''})`,
};

/** @throws LegalAidDateError naming, per field, the problem and the date it clashes with. */
export function legalAidDateError(problems: Readonly<Record<string, { readonly problem: LegalAidDateProblem; readonly date?: string }>>): LegalAidDateError {
  const fields = Object.fromEntries(Object.entries(problems).map(([field, { problem, date }]) => [field, PROBLEM_TEXT[problem](date)]));
  return new LegalAidDateError(fields, problems);
}

function validatedDates(input: RecordLegalAidInput, letter: Letter, today: ParisDate, notificationDate: ParisDate | null): LegalAid {
  const problems: Record<string, { problem: LegalAidDateProblem; date?: string }> = {};
  // Legal aid is asked once the decision is notified; before that, its availability is the earliest date.
  const notified = notificationDate ?? parisDate(letter.availableAt);
  const requestedOn = input.requestedOn;
  const decisionNotifiedOn = input.decisionNotifiedOn ?? null;
  const requestedOk = isDate(requestedOn);
  if (!requestedOk) problems.requestedOn = { problem: 'invalid' };
  else if (compareDates(requestedOn, today) > 0) problems.requestedOn = { problem: 'future' };
  else if (compareDates(requestedOn, notified) < 0) problems.requestedOn = { problem: 'beforeNotification', date: notified };
  if (decisionNotifiedOn !== null) {
    if (!isDate(decisionNotifiedOn)) problems.decisionNotifiedOn = { problem: 'invalid' };
    else if (compareDates(decisionNotifiedOn, today) > 0) problems.decisionNotifiedOn = { problem: 'future' };
    else if (requestedOk && compareDates(decisionNotifiedOn, requestedOn) < 0) problems.decisionNotifiedOn = { problem: 'beforeRequest', date: requestedOn };
  }
  if (Object.keys(problems).length > 0) throw legalAidDateError(problems);
  return { requestedOn, decisionNotifiedOn };
}

/** The letter with the wanted legal-aid dates and one evidence event per newly recorded date, or null if nothing is new. */
function withLegalAid(current: Letter, wanted: LegalAid, now: string): Letter | null {
  const recorded = current.legalAid;
  if (recorded !== null && recorded.requestedOn !== wanted.requestedOn) {
    throw legalAidDateError({ requestedOn: { problem: 'alreadyRecorded', date: recorded.requestedOn } });
  }
  const recordedDecision = recorded?.decisionNotifiedOn ?? null;
  if (recordedDecision !== null && wanted.decisionNotifiedOn !== null && recordedDecision !== wanted.decisionNotifiedOn) {
    throw legalAidDateError({ decisionNotifiedOn: { problem: 'alreadyRecorded', date: recordedDecision } });
  }
  const events: Array<Omit<EvidenceEvent, 'hash' | 'previousHash'>> = [];
  if (recorded === null) events.push({ at: now, event: 'legalAidRequested', date: wanted.requestedOn });
  if (recordedDecision === null && wanted.decisionNotifiedOn !== null) {
    events.push({ at: now, event: 'legalAidDecided', date: wanted.decisionNotifiedOn });
  }
  if (events.length === 0) return null;
  const legalAid: LegalAid = { requestedOn: wanted.requestedOn, decisionNotifiedOn: recordedDecision ?? wanted.decisionNotifiedOn };
  return withEvidence({ ...current, legalAid }, events);
}
