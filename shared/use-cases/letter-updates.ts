/**
 * Optimistic updates (docs/architecture.md: each letter is its own consistency boundary): read, apply a pure
 * change, write on condition that the version did not move; on ConcurrentUpdateError re-read and
 * re-apply the same change to what is now stored. Changes are written as functions of the stored
 * record, so re-applying one after a lost race can never undo the winner's write.
 */
import { appendEvidence, headOf } from '../domain/evidence.ts';
import type { EvidenceEvent, LetterFacts } from '../domain/types.ts';
import { ConcurrentUpdateError, NotFoundError, StoreThrottledError } from '../errors.ts';
import type { Applicant, ApplicantRepository, Letter, LetterRepository } from '../ports.ts';

/** Races on one record are short-lived; after this many lost races the error goes up. */
export const MAX_UPDATE_ATTEMPTS = 5;

/** A pure change of a record: the new record (version untouched), or null when nothing changes. */
export type Change<T> = (current: T) => T | null;

export interface UpdateResult<T> {
  /** The record as stored after the call. */
  readonly record: T;
  readonly changed: boolean;
}

interface VersionedStore<T extends { readonly version: number }> {
  get(key: string): Promise<T | null>;
  update(next: T, expectedVersion: number): Promise<void>;
}

/** How hard a write insists (see updateWithRetry); without one: MAX_UPDATE_ATTEMPTS lost races, no wait. */
export interface RetryPolicy {
  /** Store calls spent at most. */
  readonly attempts: number;
  /** Also retry a write the store refused for rate (StoreThrottledError), as is, without re-reading. */
  readonly retryThrottled?: boolean;
  /** Waits before retry `n` (1, 2, …): the wall clock's sleep, absent under virtual time (no wait). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Backoff before retry `n` (1, 2, …): 5 ms doubling, at most 200 ms — about 4 s over 25 calls. */
export function retryBackoffMs(n: number): number {
  return Math.min(RETRY_BACKOFF_CAP_MS, RETRY_BACKOFF_BASE_MS * 2 ** (n - 1));
}
const RETRY_BACKOFF_BASE_MS = 5;
const RETRY_BACKOFF_CAP_MS = 200;

/**
 * Applies `change` with a conditional write, re-reading and re-applying on a lost race; with
 * `policy.retryThrottled`, a throttled write is retried as is. Retries wait retryBackoffMs through
 * `policy.sleep` when given. `snapshot`, when the caller has just read the record, saves the first read.
 * @throws NotFoundError if the record does not exist; the last ConcurrentUpdateError (or
 * StoreThrottledError) after `policy.attempts` (else MAX_UPDATE_ATTEMPTS) store calls.
 */
export async function updateWithRetry<T extends { readonly version: number }>(
  store: VersionedStore<T>,
  key: string,
  what: string,
  change: Change<T>,
  snapshot?: T,
  policy?: RetryPolicy,
): Promise<UpdateResult<T>> {
  let current = snapshot ?? null;
  let lastRace: ConcurrentUpdateError | StoreThrottledError | null = null;
  for (let attempt = 0; attempt < (policy?.attempts ?? MAX_UPDATE_ATTEMPTS); attempt += 1) {
    if (attempt > 0 && policy?.sleep !== undefined) await policy.sleep(retryBackoffMs(attempt));
    try {
      current ??= await store.get(key);
      if (current === null) throw new NotFoundError(what);
      const next = change(current);
      if (next === null) return { record: current, changed: false };
      const written = { ...next, version: current.version + 1 };
      await store.update(written, current.version);
      return { record: written, changed: true };
    } catch (error) {
      // A throttled read or write (when the policy retries them) is tried again as is; a lost race re-reads.
      if (error instanceof ConcurrentUpdateError) {
        current = null;
      } else if (!(policy?.retryThrottled === true && error instanceof StoreThrottledError)) {
        throw error;
      }
      lastRace = error;
    }
  }
  throw lastRace ?? new ConcurrentUpdateError(key);
}

/** A letter changed through `change`, conditionally on its version (see updateWithRetry). */
export function updateLetter(
  letters: LetterRepository,
  letterId: string,
  change: Change<Letter>,
  snapshot?: Letter,
  policy?: RetryPolicy,
): Promise<UpdateResult<Letter>> {
  return updateWithRetry(letters, letterId, 'document', change, snapshot, policy);
}

/** An applicant changed through `change`, conditionally on its version (see updateWithRetry). */
export function updateApplicant(
  applicants: ApplicantRepository,
  agdref: string,
  change: Change<Applicant>,
  snapshot?: Applicant,
): Promise<UpdateResult<Applicant>> {
  return updateWithRetry(applicants, agdref, 'applicant', change, snapshot);
}

/** R12: `letter` with `events` appended to its evidence chain, in order, and its head moved with them. */
export function withEvidence(
  letter: Letter,
  events: ReadonlyArray<Omit<EvidenceEvent, 'hash' | 'previousHash'>>,
): Letter {
  const evidence = events.reduce<readonly EvidenceEvent[]>((chain, event) => appendEvidence(chain, event), letter.evidence);
  return { ...letter, ...withChain(evidence) };
}

/** R12: a chain with its head, the two fields a letter always writes together. */
export function withChain(evidence: readonly EvidenceEvent[]): Pick<Letter, 'evidence' | 'head'> {
  return { evidence, head: headOf(evidence) };
}

/** The letter with the lifecycle facts a domain decision returned (R4/R5); nothing else is taken from them. */
export function withFacts(letter: Letter, facts: Pick<LetterFacts, 'firstOpenedAt' | 'deemedAt'>): Letter {
  return { ...letter, firstOpenedAt: facts.firstOpenedAt, deemedAt: facts.deemedAt };
}
