/**
 * Benchmark of population mode: N synthetic applicants (default 100 000) replayed through the
 * use cases on the in-memory store, against the targets of the simulator issue (≤ 20 s wall time,
 * ≤ 1.5 GiB peak memory). Reports letters simulated per second.
 */
import { availableParallelism } from 'node:os';
import { runPopulation, type PopulationReport } from '../simulator/population/index.ts';
import { memoryStore } from '../simulator/stores.ts';

export const POPULATION_TARGETS = { wallSeconds: 20, peakRssMiB: 1536 } as const;

export interface PopulationBenchOptions {
  readonly applicants?: number;
  readonly seed?: string;
  readonly workers?: number;
  readonly cohortSize?: number;
  readonly log?: (line: string) => void;
}

export interface PopulationBenchResult {
  readonly name: 'population';
  readonly applicants: number;
  readonly letters: number;
  readonly events: number;
  readonly workers: number;
  readonly wallSeconds: number;
  /** Peak resident set size of the whole process (worker threads included), from getrusage. */
  readonly peakRssMiB: number;
  readonly lettersPerSecond: number;
  readonly withinTargets: { readonly wallTime: boolean; readonly memory: boolean };
  readonly report: PopulationReport;
}

export async function benchPopulation(options: PopulationBenchOptions = {}): Promise<PopulationBenchResult> {
  const applicants = options.applicants ?? 100_000;
  const workers = options.workers ?? availableParallelism();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let lastLog = 0;
  const began = performance.now();
  const report = await runPopulation({
    applicants,
    seed: options.seed ?? 'bench',
    store: memoryStore(),
    workers,
    ...(options.cohortSize === undefined ? {} : { cohortSize: options.cohortSize }),
    onProgress: (p) => {
      if (p.elapsedSeconds - lastLog >= 10) {
        lastLog = p.elapsedSeconds;
        log(`bench population: ~${p.applicantsDone}/${p.applicants} applicants, ${p.events} events, ${p.elapsedSeconds.toFixed(0)} s`);
      }
    },
  });
  const wallSeconds = (performance.now() - began) / 1000;
  // getrusage's maxrss is in KiB on Linux; it covers every thread of the process.
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  return {
    name: 'population',
    applicants,
    letters: report.documents.total,
    events: report.engine.events,
    workers,
    wallSeconds,
    peakRssMiB,
    lettersPerSecond: report.documents.total / wallSeconds,
    withinTargets: { wallTime: wallSeconds <= POPULATION_TARGETS.wallSeconds, memory: peakRssMiB <= POPULATION_TARGETS.peakRssMiB },
    report,
  };
}

export function formatPopulationBench(result: PopulationBenchResult): string[] {
  const mark = (ok: boolean): string => (ok ? 'within target' : 'MISSES target');
  return [
    `population: ${result.applicants} applicants, ${result.letters} letters, ${result.events} events, ${result.workers} worker(s)`,
    `  wall time ${result.wallSeconds.toFixed(1)} s (${mark(result.withinTargets.wallTime)} ≤ ${POPULATION_TARGETS.wallSeconds} s)`,
    `  peak RSS ${result.peakRssMiB} MiB (${mark(result.withinTargets.memory)} ≤ ${POPULATION_TARGETS.peakRssMiB} MiB)`,
    `  ${Math.round(result.lettersPerSecond)} letters/s`,
  ];
}
