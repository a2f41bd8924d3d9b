/**
 * R9: the applicant records a legal-aid request for a decision, then the notification of the
 * legal-aid decision (docs/api.md `PUT /api/v1/documents/{id}/legal-aid`). The appeal deadline is
 * recomputed by the domain (suspended while pending).
 */
import { compareDates, parisDate } from '../domain/calendar.ts';
import { isAppealable } from '../domain/documents.ts';
import type { EvidenceEvent, LegalAid, ParisDate } from '../domain/types.ts';
import { NotAppealableError, NotFoundError, ValidationError } from '../errors.ts';
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
  const wanted = validatedDates(input, letter, parisDate(now));

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

function validatedDates(input: RecordLegalAidInput, letter: Letter, today: ParisDate): LegalAid {
  const fields: Record<string, string> = {};
  const available = parisDate(letter.availableAt);
  const requestedOn = input.requestedOn;
  const decisionNotifiedOn = input.decisionNotifiedOn ?? null;
  const requestedOk = isDate(requestedOn);
  if (!requestedOk) fields.requestedOn = 'must be a date YYYY-MM-DD';
  else if (compareDates(requestedOn, today) > 0) fields.requestedOn = 'cannot be in the future';
  else if (compareDates(requestedOn, available) < 0) fields.requestedOn = `cannot be before the decision was available (${available})`;
  if (decisionNotifiedOn !== null) {
    if (!isDate(decisionNotifiedOn)) fields.decisionNotifiedOn = 'must be a date YYYY-MM-DD';
    else if (compareDates(decisionNotifiedOn, today) > 0) fields.decisionNotifiedOn = 'cannot be in the future';
    else if (requestedOk && compareDates(decisionNotifiedOn, requestedOn) < 0) fields.decisionNotifiedOn = 'cannot be before the request';
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  return { requestedOn, decisionNotifiedOn };
}

/** The letter with the wanted legal-aid dates and one evidence event per newly recorded date, or null if nothing is new. */
function withLegalAid(current: Letter, wanted: LegalAid, now: string): Letter | null {
  const recorded = current.legalAid;
  if (recorded !== null && recorded.requestedOn !== wanted.requestedOn) {
    throw new ValidationError({ requestedOn: `a request was already recorded on ${recorded.requestedOn}` });
  }
  const recordedDecision = recorded?.decisionNotifiedOn ?? null;
  if (recordedDecision !== null && wanted.decisionNotifiedOn !== null && recordedDecision !== wanted.decisionNotifiedOn) {
    throw new ValidationError({ decisionNotifiedOn: `a decision was already recorded as notified on ${recordedDecision}` });
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
