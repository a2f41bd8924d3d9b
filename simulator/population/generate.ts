/**
 * The synthetic applicants of population mode: applicant number `index` of a run is a pure
 * function of (seed, index, start, N).
 *
 * Behaviour (each applicant draws from their own seeded stream, so the report does not depend on
 * how the run is cut into cohorts):
 * - arrivals spread evenly over a year from `start`; registration on a working day, office hours;
 * - 88 % activate their space within a week; contact: phone 35 %, phone and e-mail 40 %,
 *   e-mail 10 %, none 15 % (some given to the office at registration, the rest set after
 *   activation); 2 % have a paper derogation;
 * - languages: fr 22 %, en 12 %, ar 14 %, prs 12 %, ps 8 %, ru 8 %, tr 7 %, bn 7 %, ka 5 %, ti 5 %;
 * - a procedure of 4–8 letters over months: introduction, convocation (12 % cancelled and
 *   re-convened), maybe a medical-certificate request, reclassification or other letter, the
 *   interview transcript, the 6-month letter when the decision comes later, the decision
 *   (rejection 62 %, refugee status 18 %, subsidiary protection 12 %, inadmissibility 4 %,
 *   closure 4 %);
 * - readers: prompt (45 %, within two days), slow (25 %, 2–13 days), late (12 %, 16–60 days),
 *   never (18 %, and everyone who never activated); a reminder makes an unread letter opened
 *   that day in a third of cases; a login precedes each opening;
 * - 45 % of opened appealable decisions lead to a legal-aid request within 0–20 days; its
 *   decision comes 30–90 days later.
 */
import { addDays, isWorkingDay, startOfParisDay } from '../../shared/domain/calendar.ts';
import { isAppealable } from '../../shared/domain/documents.ts';
import type { DecisionOutcome, DocumentType, Language } from '../../shared/domain/types.ts';
import type { Action, PlannedApplicant, PlannedEvent } from '../engine.ts';
import { rng, type Random } from '../random.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Events per applicant are well below this: ties stay unique across a run. */
const TIES_PER_APPLICANT = 64;

export const LANGUAGE_SHARES: ReadonlyArray<readonly [Language, number]> = [
  ['fr', 22], ['en', 12], ['ar', 14], ['prs', 12], ['ps', 8], ['ru', 8], ['tr', 7], ['bn', 7], ['ka', 5], ['ti', 5],
];
const OUTCOME_SHARES: ReadonlyArray<readonly [DecisionOutcome, number]> = [
  ['rejection', 62], ['refugeeStatus', 18], ['subsidiaryProtection', 12], ['inadmissibility', 4], ['closure', 4],
];
export type Contact = 'phoneOnly' | 'both' | 'emailOnly' | 'none';
const CONTACT_SHARES: ReadonlyArray<readonly [Contact, number]> = [['phoneOnly', 35], ['both', 40], ['emailOnly', 10], ['none', 15]];
type Reader = 'prompt' | 'slow' | 'late' | 'never';
const READER_SHARES: ReadonlyArray<readonly [Reader, number]> = [['prompt', 45], ['slow', 25], ['late', 12], ['never', 18]];

/** Short document labels keep document ids readable in trigger names (alert-ids.ts hashes long ones). */
const SHORT_LABEL: Readonly<Record<DocumentType, string>> = {
  introduction: 'intro',
  convocation: 'conv',
  convocationCancellation: 'cancel',
  decision: 'dec',
  sixMonths: 'six',
  medicalCertificateRequest: 'med',
  reclassification: 'recl',
  interviewTranscript: 'transcript',
  other: 'other',
};

/** Paris calendar by day index from the start date: each date is computed once per run. */
export class DayCalendar {
  private readonly dates: string[] = [];
  private readonly starts: number[] = [];
  private readonly working: boolean[] = [];

  constructor(private readonly first: string) {}

  private fill(day: number): void {
    for (let d = this.dates.length; d <= day; d += 1) {
      const date = addDays(this.first, d);
      this.dates.push(date);
      this.starts.push(Date.parse(startOfParisDay(date)));
      this.working.push(isWorkingDay(date));
    }
  }

  /** Start of Paris day `day` plus `minutes` of wall-clock time (off by an hour on the two DST days: harmless here). */
  at(day: number, minutes: number): number {
    this.fill(day);
    return (this.starts[day] ?? 0) + minutes * MINUTE_MS;
  }

  /** The first working day at or after `day`. */
  workingDayFrom(day: number): number {
    let d = day;
    for (;;) {
      this.fill(d);
      if (this.working[d] === true) return d;
      d += 1;
    }
  }

  dayOf(ms: number): number {
    let d = Math.max(0, Math.floor((ms - this.at(0, 0)) / DAY_MS) - 1);
    while (this.at(d + 1, 0) <= ms) d += 1;
    return d;
  }
}

interface Letter {
  readonly doc: string;
  readonly type: DocumentType;
  readonly outcome: DecisionOutcome | null;
  readonly ms: number;
}

export interface SyntheticApplicant extends PlannedApplicant {
  readonly contact: Contact;
  readonly reader: Reader;
  readonly activated: boolean;
  readonly letters: number;
}

/** Applicant number `index` of the run: a pure function of (seed, index, start, N). */
export function syntheticApplicant(seed: string, index: number, total: number, calendar: DayCalendar): SyntheticApplicant {
  const r = rng(seed, `applicant.${index}`);
  const arrival = calendar.workingDayFrom(Math.floor((index * 365) / Math.max(total, 1)) + r.int(0, 2));
  const officeTime = (day: number): number => calendar.at(calendar.workingDayFrom(day), r.int(9 * 60, 17 * 60));
  const agdref = String(1_000_000_000 + index).padStart(10, '0');
  const language = r.pick(LANGUAGE_SHARES);
  const contact = r.pick(CONTACT_SHARES);
  const paperDerogation = r.chance(0.02);
  const activated = r.chance(0.88);
  const reader: Reader = activated ? r.pick(READER_SHARES) : 'never';
  const hasPhone = contact === 'phoneOnly' || contact === 'both';
  const hasEmail = contact === 'emailOnly' || contact === 'both';
  const phone = `06${String(10_000_000 + (index % 90_000_000)).padStart(8, '0')}`;
  const email = `applicant${index}@example.org`;
  const contactAtRegistration = !activated || r.chance(0.4);

  const events: Array<{ ms: number; action: Action }> = [];
  const registeredMs = officeTime(arrival);
  events.push({ ms: registeredMs, action: { do: 'register' } });
  // Nobody can log in before activating: readers start after it.
  let activatedMs = Number.POSITIVE_INFINITY;
  if (activated) {
    activatedMs = registeredMs + r.int(1, 6 * 24 * 60) * MINUTE_MS;
    events.push({ ms: activatedMs, action: { do: 'activate' } });
    if (!contactAtRegistration && (hasPhone || hasEmail)) {
      events.push({
        ms: activatedMs + 5 * MINUTE_MS,
        action: { do: 'setContact', ...(hasPhone ? { phone } : {}), ...(hasEmail ? { email } : {}) },
      });
    }
  }

  // The procedure's letters.
  const letters: Letter[] = [];
  let sequence = 0;
  const letter = (type: DocumentType, day: number, outcome: DecisionOutcome | null = null): void => {
    sequence += 1;
    letters.push({ doc: `${SHORT_LABEL[type]}${sequence}`, type, outcome, ms: officeTime(day) });
  };
  letter('introduction', arrival + r.int(1, 5));
  if (r.chance(0.04)) letter('reclassification', arrival + r.int(10, 60));
  const convocationDay = arrival + r.int(20, 120);
  letter('convocation', convocationDay);
  let interviewDay = convocationDay + r.int(21, 42);
  if (r.chance(0.12)) {
    const cancelledDay = interviewDay - r.int(3, 10);
    letter('convocationCancellation', cancelledDay);
    letter('convocation', cancelledDay + r.int(1, 7));
    interviewDay = cancelledDay + r.int(28, 49);
  }
  if (r.chance(0.06)) letter('medicalCertificateRequest', interviewDay + r.int(1, 10));
  if (r.chance(0.8)) letter('interviewTranscript', interviewDay + r.int(7, 30));
  if (r.chance(0.1)) letter('other', arrival + r.int(5, 200));
  const decisionDay = interviewDay + r.int(20, 150);
  if (decisionDay > arrival + 183) letter('sixMonths', arrival + 183);
  const outcome = r.pick(OUTCOME_SHARES);
  letter('decision', decisionDay, outcome);

  for (const l of letters) {
    const documentId = `P${agdref}-${l.doc}`;
    events.push({ ms: l.ms, action: { do: 'deposit', doc: l.doc, documentId, type: l.type, outcome: l.outcome } });
    const drawn = openingOf(r, reader, l, hasPhone || hasEmail, paperDerogation, calendar);
    if (drawn === null) continue;
    const openedMs = Math.max(drawn, activatedMs + r.int(10, 120) * MINUTE_MS);
    events.push({ ms: openedMs - r.int(1, 5) * MINUTE_MS, action: { do: 'login' } });
    events.push({ ms: openedMs, action: { do: 'open', doc: l.doc, documentId } });
    if (l.type === 'decision' && isAppealable(l.outcome) && r.chance(0.45)) {
      const requestedMs = openedMs + r.int(0, 20) * DAY_MS + r.int(1, 8) * HOUR_MS;
      events.push({ ms: requestedMs, action: { do: 'legalAidRequest', doc: l.doc, documentId } });
      if (r.chance(0.9)) {
        events.push({ ms: officeTime(calendar.dayOf(requestedMs) + r.int(30, 90)), action: { do: 'legalAidDecision', doc: l.doc, documentId } });
      }
    }
  }

  events.sort((a, b) => a.ms - b.ms);
  const planned: PlannedEvent[] = events.map((event, i) => ({ ms: event.ms, tie: index * TIES_PER_APPLICANT + i, action: event.action, sourceIndex: i }));
  return {
    id: `P${index}`,
    agdref,
    ofpraFileNumber: String(200_000_000 + index),
    language,
    paperDerogation,
    ...(contactAtRegistration && hasPhone ? { phone } : {}),
    ...(contactAtRegistration && hasEmail ? { email } : {}),
    events: planned,
    contact,
    reader,
    activated,
    letters: letters.length,
  };
}

/** When (if ever) a reader first opens a letter: their habit, nudged by the reminders (R11) of days 7 and 14. */
function openingOf(r: Random, reader: Reader, letter: Letter, alerted: boolean, postal: boolean, calendar: DayCalendar): number | null {
  // A tenth of letters are read unlike the reader's habit.
  const habit: Reader = r.chance(0.1) ? r.pick(READER_SHARES) : reader;
  if (reader === 'never') return null;
  let delayMs: number;
  switch (habit) {
    case 'prompt':
      delayMs = r.int(10, 2 * 24 * 60) * MINUTE_MS;
      break;
    case 'slow':
      delayMs = r.int(2 * 24 * 60, 13 * 24 * 60) * MINUTE_MS;
      break;
    case 'late':
      delayMs = r.int(16 * 24 * 60, 60 * 24 * 60) * MINUTE_MS;
      break;
    case 'never':
      return null;
  }
  const day = calendar.dayOf(letter.ms);
  const remindable = alerted && !postal && (letter.type === 'convocation' || letter.type === 'convocationCancellation' || letter.type === 'decision' || letter.type === 'medicalCertificateRequest');
  if (remindable) {
    for (const reminderDay of [7, 14]) {
      const reminderMs = calendar.at(day + reminderDay, 10 * 60);
      if (letter.ms + delayMs > reminderMs && r.chance(1 / 3)) return reminderMs + r.int(5, 12 * 60) * MINUTE_MS;
    }
  }
  return letter.ms + delayMs;
}
