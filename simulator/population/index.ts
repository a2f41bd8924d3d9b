/**
 * Population mode: N synthetic applicants with seeded, plausible behaviour, replayed through the
 * same use cases as timeline files, and a report of what the office would see at scale.
 *
 * - `generate.ts`: the synthetic applicants, each a pure function of (seed, index, start, N);
 * - `cohort.ts`: one cohort replayed on a fresh store and reduced to statistics;
 * - `pool.ts` (+ `worker.ts`): cohorts in worker threads;
 * - `report.ts`: the statistics merged into the report, and its summary lines.
 *
 * The run is cut into cohorts of consecutive arrivals, each on a fresh store that is dropped
 * once its results are read: memory stays bounded whatever N is.
 */
import { DEFAULT_RULES } from '../../shared/domain/rules.ts';
import type { RuleVariants } from '../../shared/domain/types.ts';
import type { StoreProvider } from '../stores.ts';
import { emptyStats, mergeStats, runCohort, type CohortSpec, type CohortStats } from './cohort.ts';
import { DayCalendar } from './generate.ts';
import { runInWorkers } from './pool.ts';
import { buildReport, type PopulationReport } from './report.ts';

export { LANGUAGE_SHARES } from './generate.ts';
export { summarizePopulation, withoutThroughput, type Bucket, type PopulationReport } from './report.ts';

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
