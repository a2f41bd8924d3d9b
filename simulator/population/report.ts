/**
 * The report of population mode: merged cohort statistics turned into what the office would see,
 * and a few lines of it for the terminal.
 */
import type { CohortStats } from './cohort.ts';

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

/** The report from every cohort's statistics merged, and the run's own figures (wall time, peak memory). */
export function buildReport(
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
