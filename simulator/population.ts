/**
 * Population mode: N synthetic applicants with seeded, plausible behaviour, replayed through the
 * same use cases as timeline files, and a report of what the office would see at scale.
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
 *
 * The run is cut into cohorts of consecutive arrivals, each on a fresh store that is dropped
 * once its results are read: memory stays bounded whatever N is.
 */
import { addDays, daysBetween, isWorkingDay, parisDate, startOfParisDay } from '../shared/domain/calendar.ts';
import { isAppealable } from '../shared/domain/documents.ts';
import { smsSegments } from '../shared/adapters/sms-segments.ts';
import { DEFAULT_RULES } from '../shared/domain/rules.ts';
import type { DecisionOutcome, DocumentType, Language, RuleVariants } from '../shared/domain/types.ts';
import { toDocumentView } from '../shared/use-cases/document-view.ts';
import { Simulation, type Action, type PlannedApplicant, type PlannedEvent } from './engine.ts';
import { rng, type Random } from './random.ts';
import type { StoreProvider } from './stores.ts';
import type { AcceptedMessage, NotifierObserver } from './virtual-notifier.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Each cohort runs this long after its last event, so every window closes and every deadline is known. */
const RUN_ON_MS = 60 * DAY_MS;
/** Events per applicant are well below this: ties stay unique across a run. */
const TIES_PER_APPLICANT = 64;

export interface PopulationOptions {
  readonly applicants: number;
  readonly seed?: string;
  /** First arrival date, `YYYY-MM-DD` (Paris). */
  readonly start?: string;
  /** Price of one SMS segment in euros (default 0.07). */
  readonly smsCostEur?: number;
  readonly store: StoreProvider;
  readonly rules?: RuleVariants;
  /** Applicants per cohort (default 5 000). */
  readonly cohortSize?: number;
  /** Worker threads running cohorts in parallel (in-memory store only; default 1: in this thread). */
  readonly workers?: number;
  /** Called now and then with the applicants done so far. */
  readonly onProgress?: (progress: PopulationProgress) => void;
}

export interface PopulationProgress {
  /** Estimated from the events replayed so far (exact at the end of each cohort). */
  readonly applicantsDone: number;
  readonly applicants: number;
  readonly events: number;
  readonly elapsedSeconds: number;
}

export interface Bucket {
  readonly label: string;
  readonly count: number;
}

export interface PopulationReport {
  readonly applicants: number;
  readonly seed: string;
  readonly start: string;
  readonly until: string;
  readonly behaviour: {
    readonly activated: number;
    readonly contact: { readonly phoneOnly: number; readonly emailOnly: number; readonly both: number; readonly none: number };
    readonly paperDerogation: number;
    readonly languages: Readonly<Record<string, number>>;
    readonly readers: Readonly<Record<string, number>>;
  };
  readonly documents: {
    readonly total: number;
    readonly byType: Readonly<Record<string, number>>;
    /** At the end of the run: how each letter was notified (or why it was not). */
    readonly byNotification: {
      readonly consultation: number;
      readonly deemed: number;
      readonly pending: number;
      readonly postal: number;
      readonly notNotifiable: number;
    };
    readonly firstOpened: number;
    readonly neverOpened: number;
  };
  readonly rejections: {
    readonly total: number;
    readonly firstOpened: number;
    readonly neverOpened: number;
    /** Calendar days from the first opening's date to the appeal deadline, that day included (R6's convention); ≤ 0 is expired. */
    readonly daysLeftToAppealAtFirstOpening: {
      readonly buckets: readonly Bucket[];
      readonly p10: number | null;
      readonly median: number | null;
      readonly p90: number | null;
    };
  };
  readonly appealableDecisions: {
    readonly total: number;
    readonly firstOpened: number;
    readonly neverOpened: number;
    readonly openedAfterLegalAidDeadline: number;
    /** Of the appealable decisions, the share first opened after their legal-aid deadline (R8). */
    readonly shareOpenedAfterLegalAidDeadline: number;
    readonly legalAidRequests: number;
  };
  readonly alerts: {
    /** Alerts delivered (R11), by channel and kind, read from the letters. */
    readonly sms: { readonly deposit: number; readonly reminder: number };
    readonly email: { readonly deposit: number; readonly reminder: number };
    /** Messages the providers accepted (must equal the deliveries: no alert sent twice). */
    readonly acceptedByProvider: { readonly sms: number; readonly email: number };
    readonly undelivered: number;
  };
  readonly sms: {
    readonly messages: number;
    readonly segments: number;
    readonly gsm7Segments: number;
    readonly ucs2Segments: number;
    readonly byLanguage: Readonly<Record<string, { readonly encoding: string; readonly messages: number; readonly segments: number }>>;
    readonly costPerSegmentEur: number;
    readonly projectedCostEur: number;
  };
  readonly engine: {
    readonly events: number;
    readonly refusedEvents: number;
    readonly refusals: Readonly<Record<string, number>>;
    readonly triggersFired: number;
    readonly sweeps: number;
    readonly sweepDeemed: number;
    readonly sweepReminders: number;
    readonly systemErrors: number;
    readonly cohorts: number;
  };
  readonly throughput: {
    readonly wallSeconds: number;
    readonly lettersPerSecond: number;
    readonly eventsPerSecond: number;
    readonly peakRssMiB: number;
  };
}

// ---------------------------------------------------------------- the synthetic applicants

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

// ---------------------------------------------------------------- one cohort

/** What one cohort contributes to the report: plain data, so a worker thread can send it. */
export interface CohortStats {
  letters: number;
  firstOpened: number;
  byType: Record<string, number>;
  byNotification: { consultation: number; deemed: number; pending: number; postal: number; notNotifiable: number };
  behaviour: { activated: number; contact: Record<Contact, number>; paperDerogation: number };
  languages: Record<string, number>;
  readers: Record<string, number>;
  rejections: number;
  rejectionDaysLeft: number[];
  appealable: { total: number; firstOpened: number; openedAfterLegalAidDeadline: number; legalAidRequests: number };
  delivered: { sms: { deposit: number; reminder: number }; email: { deposit: number; reminder: number } };
  undelivered: number;
  sms: { messages: number; emails: number; segments: number; gsm7: number; ucs2: number; byLanguage: Record<string, { encoding: string; messages: number; segments: number }> };
  engine: { events: number; refusedEvents: number; triggersFired: number; sweeps: number; sweepDeemed: number; sweepReminders: number; systemErrors: number; cohorts: number };
  refusals: Record<string, number>;
  untilMs: number;
}

function emptyStats(): CohortStats {
  return {
    letters: 0,
    firstOpened: 0,
    byType: {},
    byNotification: { consultation: 0, deemed: 0, pending: 0, postal: 0, notNotifiable: 0 },
    behaviour: { activated: 0, contact: { phoneOnly: 0, emailOnly: 0, both: 0, none: 0 }, paperDerogation: 0 },
    languages: {},
    readers: {},
    rejections: 0,
    rejectionDaysLeft: [],
    appealable: { total: 0, firstOpened: 0, openedAfterLegalAidDeadline: 0, legalAidRequests: 0 },
    delivered: { sms: { deposit: 0, reminder: 0 }, email: { deposit: 0, reminder: 0 } },
    undelivered: 0,
    sms: { messages: 0, emails: 0, segments: 0, gsm7: 0, ucs2: 0, byLanguage: {} },
    engine: { events: 0, refusedEvents: 0, triggersFired: 0, sweeps: 0, sweepDeemed: 0, sweepReminders: 0, systemErrors: 0, cohorts: 0 },
    refusals: {},
    untilMs: 0,
  };
}

function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

/** Adds `from` into `into`: numbers add up, lists concatenate, records merge key by key (`untilMs`: the later). */
export function mergeStats(into: CohortStats, from: CohortStats): void {
  const add = (target: Record<string, unknown>, source: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(source)) {
      const current = target[key];
      if (typeof value === 'number') target[key] = (typeof current === 'number' ? current : 0) + value;
      else if (Array.isArray(value)) target[key] = [...(Array.isArray(current) ? current : []), ...value];
      else if (typeof value === 'object' && value !== null) {
        if (typeof current !== 'object' || current === null) target[key] = Array.isArray(value) ? [] : {};
        add(target[key] as Record<string, unknown>, value as Record<string, unknown>);
      } else target[key] = value;
    }
  };
  const untilMs = Math.max(into.untilMs, from.untilMs);
  add(into as unknown as Record<string, unknown>, from as unknown as Record<string, unknown>);
  into.untilMs = untilMs;
}

class SmsAccount implements NotifierObserver {
  private readonly cache = new Map<string, { encoding: string; segments: number }>();

  constructor(private readonly stats: CohortStats['sms']) {}

  accepted({ message }: AcceptedMessage): void {
    const stats = this.stats;
    if (message.channel !== 'sms') {
      stats.emails += 1;
      return;
    }
    let counted = this.cache.get(message.text);
    if (counted === undefined) {
      counted = smsSegments(message.text);
      this.cache.set(message.text, counted);
    }
    stats.messages += 1;
    stats.segments += counted.segments;
    if (counted.encoding === 'GSM-7') stats.gsm7 += counted.segments;
    else stats.ucs2 += counted.segments;
    const entry = (stats.byLanguage[message.language] ??= { encoding: counted.encoding, messages: 0, segments: 0 });
    entry.messages += 1;
    entry.segments += counted.segments;
  }
}

export interface CohortSpec {
  readonly seed: string;
  readonly start: string;
  readonly rules: RuleVariants;
  readonly total: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Generates applicants [from, to), replays them on a fresh store until 60 days after their last
 * event, reads every letter back through toDocumentView, and drops the store.
 * `onEvents` is told every 20 000 events how many were done.
 */
export async function runCohort(spec: CohortSpec, store: StoreProvider, calendar: DayCalendar, onEvents?: (events: number) => void): Promise<CohortStats> {
  const stats = emptyStats();
  const { seed, rules, total, from, to } = spec;
  const cohort: SyntheticApplicant[] = [];
  for (let i = from; i < to; i += 1) cohort.push(syntheticApplicant(seed, i, total, calendar));
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = 0;
  for (const applicant of cohort) {
    const events = applicant.events;
    firstMs = Math.min(firstMs, events[0]?.ms ?? firstMs);
    lastMs = Math.max(lastMs, events[events.length - 1]?.ms ?? 0);
  }
  const untilMs = lastMs + RUN_ON_MS;
  stats.untilMs = untilMs;
  if (cohort.length === 0) return stats;

  const handle = await store.open();
  let events = 0;
  const appealable = stats.appealable;
  const simulation = new Simulation({
    startMs: firstMs,
    rules,
    faults: [],
    seed: `${seed}/${from}`,
    repositories: handle,
    notifierObserver: new SmsAccount(stats.sms),
    observer: {
      done: (_applicant, event, result, at) => {
        events += 1;
        if (event.action.do === 'open' && result?.document !== undefined) {
          const view = result.document;
          if (view.type === 'decision' && view.firstOpenedAt === at && isAppealable(view.outcome ?? null)) {
            const today = parisDate(at);
            if (view.outcome === 'rejection' && typeof view.appealDeadline === 'string') {
              stats.rejectionDaysLeft.push(daysBetween(today, view.appealDeadline) + 1);
            }
            if (typeof view.legalAidDeadline === 'string' && today > view.legalAidDeadline) appealable.openedAfterLegalAidDeadline += 1;
          }
        }
        if (event.action.do === 'legalAidRequest') appealable.legalAidRequests += 1;
        if (events % 20_000 === 0) onEvents?.(20_000);
      },
      refused: (_applicant, event, error) => {
        events += 1;
        bump(stats.refusals, `${event.action.do}: ${error instanceof Error ? error.name : String(error)}`);
      },
    },
  });
  try {
    simulation.add(cohort);
    await simulation.runUntil(untilMs);

    const now = simulation.clock.now();
    for (const applicant of cohort) {
      if (applicant.activated) stats.behaviour.activated += 1;
      stats.behaviour.contact[applicant.contact] += 1;
      if (applicant.paperDerogation === true) stats.behaviour.paperDerogation += 1;
      bump(stats.languages, applicant.language ?? 'fr');
      bump(stats.readers, applicant.reader);
      for (const event of applicant.events) {
        if (event.action.do !== 'deposit') continue;
        const letter = await simulation.cleanDeps.letters.get(event.action.documentId);
        if (letter === null) continue;
        stats.letters += 1;
        bump(stats.byType, letter.type);
        const view = toDocumentView(letter, 'fr', rules, now);
        if (letter.postal) stats.byNotification.postal += 1;
        else if (!letter.notifiable) stats.byNotification.notNotifiable += 1;
        else if (view.notifiedBy === null) stats.byNotification.pending += 1;
        else stats.byNotification[view.notifiedBy] += 1;
        if (letter.firstOpenedAt !== null) stats.firstOpened += 1;
        if (letter.type === 'decision' && isAppealable(letter.outcome)) {
          appealable.total += 1;
          if (letter.firstOpenedAt !== null) appealable.firstOpened += 1;
          if (letter.outcome === 'rejection') stats.rejections += 1;
        }
        for (const alert of letter.alerts) {
          if (alert.status === 'delivered') stats.delivered[alert.channel][alert.kind] += 1;
          else stats.undelivered += 1;
        }
      }
    }
  } finally {
    await handle.close();
  }
  const counters = simulation.counters;
  const engine = stats.engine;
  engine.events = counters.events;
  engine.refusedEvents = counters.refusedEvents;
  engine.triggersFired = counters.triggersFired;
  engine.sweeps = counters.sweeps;
  engine.sweepDeemed = counters.sweepDeemed;
  engine.sweepReminders = counters.sweepReminders;
  engine.systemErrors = counters.systemErrors;
  engine.cohorts = 1;
  onEvents?.(events % 20_000);
  return stats;
}

// ---------------------------------------------------------------- the run and its report

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
}

/** A decision read on its notification day has a full month (32–36 days with R7's extension) left. */
const DAYS_LEFT_BUCKETS: ReadonlyArray<readonly [string, number, number]> = [
  ['expired (≤ 0)', Number.NEGATIVE_INFINITY, 0],
  ['1–7 days', 1, 7],
  ['8–14 days', 8, 14],
  ['15–21 days', 15, 21],
  ['22–28 days', 22, 28],
  ['29–31 days', 29, 31],
  ['32 or more (a full month)', 32, Number.POSITIVE_INFINITY],
];

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Runs a population and returns its report (cohorts in worker threads when `workers` > 1). */
export async function runPopulation(options: PopulationOptions): Promise<PopulationReport> {
  const began = performance.now();
  const seed = options.seed ?? '1';
  const start = options.start ?? '2024-01-01';
  const rules = options.rules ?? DEFAULT_RULES;
  const total = options.applicants;
  const cohortSize = Math.max(1, options.cohortSize ?? 5_000);
  const costPerSegment = options.smsCostEur ?? 0.07;
  const specs: CohortSpec[] = [];
  for (let from = 0; from < total; from += cohortSize) specs.push({ seed, start, rules, total, from, to: Math.min(total, from + cohortSize) });

  let peakRss = process.memoryUsage.rss();
  let eventsDone = 0;
  let applicantsDone = 0;
  const eventsPerApplicant = 16;
  const progress = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    options.onProgress?.({
      applicantsDone: Math.min(total, Math.max(applicantsDone, Math.floor(eventsDone / eventsPerApplicant))),
      applicants: total,
      events: eventsDone,
      elapsedSeconds: (performance.now() - began) / 1000,
    });
  };
  const onEvents = (n: number): void => {
    eventsDone += n;
    progress();
  };

  const results: CohortStats[] = new Array<CohortStats>(specs.length);
  const workers = Math.min(options.workers ?? 1, specs.length);
  if (workers > 1 && options.store.kind === 'memory') {
    await runInWorkers(specs, workers, (index, stats) => {
      results[index] = stats;
      applicantsDone += (specs[index]?.to ?? 0) - (specs[index]?.from ?? 0);
      progress();
    }, onEvents);
  } else {
    const calendar = new DayCalendar(start);
    for (const [index, spec] of specs.entries()) {
      results[index] = await runCohort(spec, options.store, calendar, onEvents);
      applicantsDone = spec.to;
      progress();
    }
  }
  const merged = emptyStats();
  for (const stats of results) mergeStats(merged, stats);
  const wallSeconds = (performance.now() - began) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return buildReport(merged, { seed, start, total, costPerSegment, wallSeconds, peakRss });
}

async function runInWorkers(
  specs: readonly CohortSpec[],
  workers: number,
  onCohort: (index: number, stats: CohortStats) => void,
  onEvents: (n: number) => void,
): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  const entry = new URL('./population-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  // Worker threads do not inherit tsx's loader: the bootstrap registers it, then loads the worker.
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(bootstrap, { eval: true });
        const feed = (): void => {
          if (next >= specs.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const index = next++;
          worker.postMessage({ index, spec: specs[index] });
        };
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'ready') feed();
          else if (message.type === 'events') onEvents(message.events);
          else if (message.type === 'cohort') {
            onCohort(message.index, message.stats);
            feed();
          } else reject(new Error(`population worker failed: ${message.error}`));
        });
        worker.on('error', reject);
      }),
    ),
  );
}

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'events'; readonly events: number }
  | { readonly type: 'cohort'; readonly index: number; readonly stats: CohortStats }
  | { readonly type: 'failed'; readonly error: string };

function buildReport(
  merged: CohortStats,
  run: { seed: string; start: string; total: number; costPerSegment: number; wallSeconds: number; peakRss: number },
): PopulationReport {
  const days = [...merged.rejectionDaysLeft].sort((a, b) => a - b);
  const rejectionsOpened = days.length;
  const appealable = merged.appealable;
  const sms = merged.sms;
  return {
    applicants: run.total,
    seed: run.seed,
    start: run.start,
    until: run.total === 0 ? run.start : new Date(merged.untilMs).toISOString(),
    behaviour: {
      ...merged.behaviour,
      languages: sortedRecord(merged.languages),
      readers: sortedRecord(merged.readers),
    },
    documents: {
      total: merged.letters,
      byType: sortedRecord(merged.byType),
      byNotification: merged.byNotification,
      firstOpened: merged.firstOpened,
      neverOpened: merged.letters - merged.firstOpened,
    },
    rejections: {
      total: merged.rejections,
      firstOpened: rejectionsOpened,
      neverOpened: merged.rejections - rejectionsOpened,
      daysLeftToAppealAtFirstOpening: {
        buckets: DAYS_LEFT_BUCKETS.map(([label, min, max]) => ({ label, count: days.filter((d) => d >= min && d <= max).length })),
        p10: percentile(days, 0.1),
        median: percentile(days, 0.5),
        p90: percentile(days, 0.9),
      },
    },
    appealableDecisions: {
      ...appealable,
      neverOpened: appealable.total - appealable.firstOpened,
      shareOpenedAfterLegalAidDeadline: appealable.total === 0 ? 0 : appealable.openedAfterLegalAidDeadline / appealable.total,
    },
    alerts: {
      ...merged.delivered,
      acceptedByProvider: { sms: sms.messages, email: sms.emails },
      undelivered: merged.undelivered,
    },
    sms: {
      messages: sms.messages,
      segments: sms.segments,
      gsm7Segments: sms.gsm7,
      ucs2Segments: sms.ucs2,
      byLanguage: sortedRecord(sms.byLanguage),
      costPerSegmentEur: run.costPerSegment,
      projectedCostEur: Math.round(sms.segments * run.costPerSegment * 100) / 100,
    },
    engine: { ...merged.engine, refusals: sortedRecord(merged.refusals) },
    throughput: {
      wallSeconds: run.wallSeconds,
      lettersPerSecond: run.wallSeconds > 0 ? merged.letters / run.wallSeconds : 0,
      eventsPerSecond: run.wallSeconds > 0 ? merged.engine.events / run.wallSeconds : 0,
      peakRssMiB: Math.round(run.peakRss / 1024 / 1024),
    },
  };
}

/** The report without what depends on the machine (for reproducibility checks). */
export function withoutThroughput(report: PopulationReport): Omit<PopulationReport, 'throughput'> {
  const { throughput: _throughput, ...rest } = report;
  return rest;
}

/** A few lines for the terminal. */
export function summarizePopulation(report: PopulationReport): string[] {
  const pct = (n: number, of: number): string => (of === 0 ? '0.0 %' : `${((100 * n) / of).toFixed(1)} %`);
  const d = report.documents;
  const n = d.byNotification;
  const notifiable = n.consultation + n.deemed + n.pending;
  const r = report.rejections;
  const a = report.appealableDecisions;
  return [
    `${report.applicants} applicants, ${d.total} letters (seed ${report.seed}, ${report.start} → ${report.until.slice(0, 10)})`,
    `notified by consultation ${n.consultation} (${pct(n.consultation, notifiable)}), deemed ${n.deemed} (${pct(n.deemed, notifiable)}), pending ${n.pending}; postal ${n.postal}; not notifiable ${n.notNotifiable}`,
    `rejections first opened: ${r.firstOpened} of ${r.total}; days left to appeal at first opening: p10 ${r.daysLeftToAppealAtFirstOpening.p10 ?? '-'}, median ${r.daysLeftToAppealAtFirstOpening.median ?? '-'}, p90 ${r.daysLeftToAppealAtFirstOpening.p90 ?? '-'}; ${r.daysLeftToAppealAtFirstOpening.buckets.map((b) => `${b.label}: ${b.count}`).join(', ')}`,
    `appealable decisions first opened after the legal-aid deadline: ${a.openedAfterLegalAidDeadline} of ${a.total} (${pct(a.openedAfterLegalAidDeadline, a.total)}); never opened ${a.neverOpened}`,
    `alerts: SMS ${report.alerts.sms.deposit} deposit + ${report.alerts.sms.reminder} reminders, e-mail ${report.alerts.email.deposit} deposit + ${report.alerts.email.reminder} reminders; undelivered ${report.alerts.undelivered}`,
    `SMS segments ${report.sms.segments} (GSM-7 ${report.sms.gsm7Segments}, UCS-2 ${report.sms.ucs2Segments}): ${report.sms.projectedCostEur.toFixed(2)} € at ${report.sms.costPerSegmentEur} €/segment`,
    `engine: ${report.engine.events} events (${report.engine.refusedEvents} refused), ${report.engine.triggersFired} triggers, ${report.engine.sweeps} sweeps, ${report.engine.systemErrors} system errors`,
    `throughput: ${report.throughput.wallSeconds.toFixed(1)} s, ${Math.round(report.throughput.lettersPerSecond)} letters/s, peak RSS ${report.throughput.peakRssMiB} MiB`,
  ];
}
