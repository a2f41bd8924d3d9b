/**
 * Ports a function is not given: each call is a wiring mistake, said loudly. Kept apart from the
 * composition roots so that no function bundles an SDK client it never uses.
 */
import type { AlertQueue, BlobStore, CheckpointStore, Notifier, Scheduler } from '../shared/ports.ts';

/** For the functions that never read or write letter content. */
export const NO_BLOBS: BlobStore = {
  put: () => Promise.reject(new Error('This function does not store letters.')),
  get: () => Promise.reject(new Error('This function does not read letters.')),
  temporaryUrl: () => Promise.reject(new Error('This function does not read letters.')),
};

/** R12: checkpoints are written and read by the office and the sweep only. */
export const NO_CHECKPOINTS: CheckpointStore = {
  append: () => Promise.reject(new Error('This function does not write checkpoints.')),
  latest: () => Promise.reject(new Error('This function does not read checkpoints.')),
};

/** The office sends nothing itself: its deposits hand their alerts to the alert queue (docs/alerts.md). */
export const NO_NOTIFIER: Notifier = {
  send: () => Promise.reject(new Error('This function sends no alert: deposits hand them to the alert queue.')),
};

/** The applicant side enqueues no alert (deposits and reminders do, in other functions; docs/alerts.md). */
export const NO_ALERT_QUEUE: AlertQueue = {
  enqueue: () => Promise.reject(new Error('This function does not enqueue alerts.')),
};

/** The applicant side never schedules (deposits and reminders do, in other functions). */
export const NO_SCHEDULER: Scheduler = {
  schedule: () => Promise.reject(new Error('The applicant-facing function does not schedule triggers.')),
  cancel: () => Promise.reject(new Error('The applicant-facing function does not schedule triggers.')),
};
