/**
 * Optimistic updates (docs/architecture.md: each letter is its own consistency boundary): read, apply a pure
 * change, write on condition that the version did not move; on ConcurrentUpdateError re-read and
 * re-apply the same change to what is now stored. Changes are written as functions of the stored
 * record, so re-applying one after a lost race can never undo the winner's write.
 */
import { appendEvidence, headOf } from '../domain/evidence.ts';
import type { EvidenceEvent, LetterFacts } from '../domain/types.ts';
import { ConcurrentUpdateError, NotFoundError } from '../errors.ts';
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

/**
 * Applies `change` with a conditional write, re-reading and re-applying on a lost race.
 * `snapshot`, when the caller has just read the record, saves the first read.
 * @throws NotFoundError if the record does not exist; ConcurrentUpdateError after MAX_UPDATE_ATTEMPTS lost races.
 */
export async function updateWithRetry<T extends { readonly version: number }>(
  store: VersionedStore<T>,
  key: string,
  what: string,
  change: Change<T>,
  snapshot?: T,
): Promise<UpdateResult<T>> {
  let current = snapshot ?? null;
  let lastRace: ConcurrentUpdateError | null = null;
  for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt += 1) {
    current ??= await store.get(key);
    if (current === null) {
      throw new NotFoundError(what);
    }
    const next = change(current);
    if (next === null) {
      return { record: current, changed: false };
    }
    const written = { ...next, version: current.version + 1 };
    try {
      await store.update(written, current.version);
      return { record: written, changed: true };
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) {
        throw error;
      }
      lastRace = error;
      current = null;
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
): Promise<UpdateResult<Letter>> {
  return updateWithRetry(letters, letterId, 'document', change, snapshot);
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
