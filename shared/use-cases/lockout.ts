/**
 * docs/api.md lockout: failures are counted per applicant, whichever identifier was used, and shared by
 * login, activation and both password resets. After 5 failures within 15 minutes every such
 * attempt is refused for 15 minutes, even with the right secret. A password refused by the policy
 * is not a failure. Unknown identifiers get the same answer, after the same kind of work, as a
 * wrong secret.
 */
import type { Instant } from '../domain/types.ts';
import { InvalidCredentialsError, TooManyAttemptsError } from '../errors.ts';
import type { Applicant, ApplicantRepository, Hasher } from '../ports.ts';
import { MINUTE_MS, SECOND_MS, msBetween, plusMs } from './instants.ts';
import { updateApplicant } from './letter-updates.ts';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * MINUTE_MS;
export const LOCKOUT_DURATION_MS = 15 * MINUTE_MS;
/** Failures older than this can neither start nor prolong a lockout. */
const FAILURE_MEMORY_MS = LOCKOUT_WINDOW_MS + LOCKOUT_DURATION_MS;

/**
 * The end of the lockout the failures impose at `now`, or null: any 5 failures within 15 minutes
 * lock until 15 minutes after the fifth.
 */
export function lockedUntil(failures: readonly Instant[], now: Instant): Instant | null {
  const sorted = [...failures].sort((a, b) => msBetween(b, a));
  let until: Instant | null = null;
  for (let last = LOCKOUT_THRESHOLD - 1; last < sorted.length; last += 1) {
    const first = sorted[last - (LOCKOUT_THRESHOLD - 1)];
    const fifth = sorted[last];
    if (first === undefined || fifth === undefined || msBetween(first, fifth) > LOCKOUT_WINDOW_MS) {
      continue;
    }
    const end = plusMs(fifth, LOCKOUT_DURATION_MS);
    if (until === null || msBetween(until, end) > 0) {
      until = end;
    }
  }
  return until !== null && msBetween(now, until) > 0 ? until : null;
}

/** @throws TooManyAttemptsError with the seconds left while the applicant is locked out. */
export function assertNotLockedOut(applicant: Applicant, now: Instant): void {
  const until = lockedUntil(applicant.failedAttempts, now);
  if (until !== null) {
    throw new TooManyAttemptsError(Math.max(1, Math.ceil(msBetween(now, until) / SECOND_MS)));
  }
}

/**
 * How many more failures the lockout allows at `now` (0: the next failure… has already locked).
 * The one place the pages' "N attempts left" comes from, so it follows whatever the lockout counts.
 */
export function attemptsLeft(failures: readonly Instant[], now: Instant): number {
  const recent = failures.filter((at) => msBetween(at, now) < LOCKOUT_WINDOW_MS && msBetween(at, now) >= 0);
  return Math.max(0, LOCKOUT_THRESHOLD - recent.length);
}

/** The applicant with one more failure at `now`, forgetting those too old to matter. */
export function withFailure(applicant: Applicant, now: Instant): Applicant {
  const recent = applicant.failedAttempts.filter((at) => msBetween(at, now) < FAILURE_MEMORY_MS);
  return { ...applicant, failedAttempts: [...recent, now] };
}

/**
 * Counts a failed attempt (conditional write, re-applied on a lost race so parallel failures are
 * all counted) and answers it: always InvalidCredentialsError.
 */
export async function failAttempt(
  applicants: ApplicantRepository,
  applicant: Applicant,
  now: Instant,
  change: (current: Applicant) => Applicant = (current) => current,
): Promise<never> {
  const { record } = await updateApplicant(applicants, applicant.agdref, (current) => withFailure(change(current), now), applicant);
  throw new InvalidCredentialsError(attemptsLeft(record.failedAttempts, now));
}

/** Most unknown identifiers one process remembers (the oldest is forgotten first). */
const UNKNOWN_IDENTIFIERS_KEPT = 10_000;
const unknownFailures = new WeakMap<ApplicantRepository, Map<string, readonly Instant[]>>();

/**
 * An attempt on an identifier no applicant has, answered exactly as a wrong secret on an existing
 * one: counted (so `attemptsLeft` runs down the same way) and locked out after the same number of
 * failures. The count lives in this process only — a stand-in until the store keeps a lockout
 * record per identifier (issue 11's atomic lockout), which this function's callers then use.
 * @throws TooManyAttemptsError while "locked"; InvalidCredentialsError otherwise.
 */
export function failUnknownIdentifier(applicants: ApplicantRepository, identifier: string, now: Instant): never {
  let byIdentifier = unknownFailures.get(applicants);
  if (byIdentifier === undefined) {
    byIdentifier = new Map();
    unknownFailures.set(applicants, byIdentifier);
  }
  const failures = (byIdentifier.get(identifier) ?? []).filter((at) => msBetween(at, now) < FAILURE_MEMORY_MS);
  const until = lockedUntil(failures, now);
  if (until !== null) throw new TooManyAttemptsError(Math.max(1, Math.ceil(msBetween(now, until) / SECOND_MS)));
  const counted = [...failures, now];
  byIdentifier.delete(identifier);
  byIdentifier.set(identifier, counted);
  if (byIdentifier.size > UNKNOWN_IDENTIFIERS_KEPT) {
    const oldest = byIdentifier.keys().next();
    if (oldest.done !== true) byIdentifier.delete(oldest.value);
  }
  throw new InvalidCredentialsError(attemptsLeft(counted, now));
}

/** The applicant with its failures forgotten (after a success), or null if there were none. */
export function withoutFailures(applicant: Applicant): Applicant | null {
  return applicant.failedAttempts.length === 0 ? null : { ...applicant, failedAttempts: [] };
}

const dummyHashes = new WeakMap<Hasher, Promise<string>>();

/**
 * Spends the time of one verification when there is nothing to verify against (unknown identifier,
 * no password yet, no key), so the answer takes as long as for a wrong secret.
 */
export async function verifyAgainstNothing(hasher: Hasher, secret: string): Promise<false> {
  let dummy = dummyHashes.get(hasher);
  if (dummy === undefined) {
    dummy = hasher.hash('no account has this secret: it only spends time');
    dummyHashes.set(hasher, dummy);
  }
  await hasher.verify(await dummy, secret);
  return false;
}

/**
 * The shared shape of every secret check (login, activation, resets): lockout first, then the
 * secret; a wrong secret is counted and answered like an unknown account.
 * @returns the applicant, re-read if a failure count had to be cleared.
 */
export async function checkSecret(
  deps: { readonly applicants: ApplicantRepository; readonly hasher: Hasher },
  applicant: Applicant | null,
  storedHash: (applicant: Applicant) => string | null,
  secret: string,
  now: Instant,
  identifier?: string,
): Promise<Applicant> {
  if (applicant === null) {
    await verifyAgainstNothing(deps.hasher, secret);
    if (identifier !== undefined) failUnknownIdentifier(deps.applicants, identifier, now);
    throw new InvalidCredentialsError();
  }
  assertNotLockedOut(applicant, now);
  const hash = storedHash(applicant);
  const valid = hash === null ? await verifyAgainstNothing(deps.hasher, secret) : await deps.hasher.verify(hash, secret);
  if (!valid) {
    return failAttempt(deps.applicants, applicant, now);
  }
  return applicant;
}
