/**
 * A worker thread of population mode: runs the cohorts the main thread sends, each on its own
 * in-memory store, and posts back their statistics. The cohorts are pure functions of the seed,
 * so the report does not depend on how many workers ran them.
 */
import { parentPort } from 'node:worker_threads';
import { runCohort, type CohortSpec } from './cohort.ts';
import { DayCalendar } from './generate.ts';
import type { WorkerMessage } from './pool.ts';
import { memoryStore } from '../memory-store.ts';

const port = parentPort;
if (port === null) throw new Error('population/worker.ts runs in a worker thread');
const post = (message: WorkerMessage): void => port.postMessage(message);
const calendars = new Map<string, DayCalendar>();

port.on('message', (message: { readonly index: number; readonly spec: CohortSpec }) => {
  const { index, spec } = message;
  let calendar = calendars.get(spec.start);
  if (calendar === undefined) {
    calendar = new DayCalendar(spec.start);
    calendars.set(spec.start, calendar);
  }
  runCohort(spec, memoryStore(), calendar, (events) => post({ type: 'events', events })).then(
    (stats) => post({ type: 'cohort', index, stats }),
    (error: unknown) => post({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
post({ type: 'ready' });
