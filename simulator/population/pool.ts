/**
 * The worker pool of population mode: cohorts handed out one at a time to worker threads
 * (`worker.ts`), each posting back its statistics; the order they finish in does not matter.
 */
import type { CohortSpec, CohortStats } from './cohort.ts';

/** Runs every cohort of `specs` on `workers` threads; `onCohort` gets each one's statistics by index. */
export async function runInWorkers(
  specs: readonly CohortSpec[],
  workers: number,
  onCohort: (index: number, stats: CohortStats) => void,
  onEvents: (n: number) => void,
): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  const entry = new URL('./worker.ts', import.meta.url).href;
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

/** What a worker thread posts: ready for a cohort, progress, a cohort's statistics, or its failure. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'events'; readonly events: number }
  | { readonly type: 'cohort'; readonly index: number; readonly stats: CohortStats }
  | { readonly type: 'failed'; readonly error: string };
