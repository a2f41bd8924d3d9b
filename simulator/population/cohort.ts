/**
 * One cohort of population mode: consecutive applicants replayed on a fresh store, read back,
 * and reduced to plain statistics that add up across cohorts (and cross a worker thread).
 */
import { daysBetween, parisDate } from '../../shared/domain/calendar.ts';
import { isAppealable } from '../../shared/domain/documents.ts';
import { smsSegments } from '../../shared/adapters/sms-segments.ts';
import type { RuleVariants } from '../../shared/domain/types.ts';
import { toDocumentView } from '../../shared/use-cases/document-view.ts';
import { Simulation } from '../engine.ts';
import type { StoreProvider } from '../stores.ts';
import type { AcceptedMessage, NotifierObserver } from '../virtual-notifier.ts';
import { DAY_MS, syntheticApplicant, type Contact, type DayCalendar, type SyntheticApplicant } from './generate.ts';

/** Each cohort runs this long after its last event, so every window closes and every deadline is known. */
const RUN_ON_MS = 60 * DAY_MS;

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

/** Statistics of no applicant: what cohorts are merged into. */
export function emptyStats(): CohortStats {
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
