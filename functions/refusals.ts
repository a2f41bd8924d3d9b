/**
 * Ports a function is not given: each call is a wiring mistake, said loudly. Kept apart from the
 * composition roots so that no function bundles an SDK client it never uses.
 */
import type { BlobStore, CheckpointStore } from '../shared/ports.ts';

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
