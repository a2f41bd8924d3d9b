/**
 * docs/api.md lockout: failures are counted per applicant, whichever identifier was used, and shared by
 * login, activation and both password resets. After 5 failures within 15 minutes every such
 * attempt is refused for 15 minutes, even with the right secret. A password refused by the policy
 * is not a failure. Unknown identifiers are locked out exactly the same way, after the same work.
 *
 * docs/architecture.md "guards hold under concurrency": an attempt is *reserved* in the AttemptLedger by a
 * conditional write before its secret is checked, and the reservation stays as a failure unless
 * the secret was right. However many requests arrive at once, at most 5 secrets are evaluated per
 * subject per 15 minutes; a reservation that keeps losing races is refused (429), never a 5xx.
 */
import type { Instant } from '../domain/types.ts';
import { ConcurrentUpdateError, InvalidCredentialsError, TooManyAttemptsError } from '../errors.ts';
import type { AttemptLedger, Hasher } from '../ports.ts';
import { MINUTE_MS, SECOND_MS, msBetween, plusMs } from './instants.ts';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * MINUTE_MS;
export const LOCKOUT_DURATION_MS = 15 * MINUTE_MS;
/** Failures older than this can neither start nor prolong a lockout. */
const FAILURE_MEMORY_MS = LOCKOUT_WINDOW_MS + LOCKOUT_DURATION_MS;
/**
 * Rounds of read + conditional write before a reservation gives up. Each lost round means another
 * request's reservation was written, so a burst settles within LOCKOUT_THRESHOLD + 1 rounds.
 */
const MAX_RESERVATION_ROUNDS = 12;
/** Retry-After when a reservation gave up under contention (nothing was evaluated). */
const CONTENDED_RETRY_AFTER_SECONDS = 5;

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

/** The failures that still matter at `now`. */
function recentAttempts(attempts: readonly Instant[], now: Instant): Instant[] {
  return attempts.filter((at) => msBetween(at, now) < FAILURE_MEMORY_MS);
}

/**
 * How many more failures the lockout allows at `now` (0: locked from the next attempt on).
 * The one place the pages' "N attempts left" comes from, so it follows whatever the lockout counts.
 */
export function attemptsLeft(failures: readonly Instant[], now: Instant): number {
  const recent = failures.filter((at) => msBetween(at, now) < LOCKOUT_WINDOW_MS && msBetween(at, now) >= 0);
  return Math.max(0, LOCKOUT_THRESHOLD - recent.length);
}

/** Whether the subject is locked out at `now` (a read only: reset-code requests send nothing then). */
export async function isLockedOut(ledger: AttemptLedger, subject: string, now: Instant): Promise<boolean> {
  return lockedUntil((await ledger.get(subject)).attempts, now) !== null;
}

/**
 * Applies `change` to the subject's attempts with a conditional write, re-reading after a lost race.
 * `change` returns null to write nothing (what it returns otherwise is written as is).
 * @returns false if every round was lost.
 */
async function changeAttempts(
  ledger: AttemptLedger,
  subject: string,
  now: Instant,
  change: (attempts: readonly Instant[]) => readonly Instant[] | null,
): Promise<boolean> {
  for (let round = 0; round < MAX_RESERVATION_ROUNDS; round += 1) {
    const record = await ledger.get(subject);
    const next = change(record.attempts);
    if (next === null) return true;
    try {
      await ledger.put(subject, next, record.version, plusMs(now, FAILURE_MEMORY_MS));
      return true;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) throw error;
    }
  }
  return false;
}

/**
 * Reserves one attempt at `now` for `subject` before any secret is checked: the reservation counts
 * as a failure until releaseAttempt or clearAttempts removes it.
 * @throws TooManyAttemptsError (with the seconds left) while locked out, or if the reservation
 *   kept losing races (then nothing may be evaluated either).
 */
export async function reserveAttempt(ledger: AttemptLedger, subject: string, now: Instant): Promise<readonly Instant[]> {
  const seen: { until: Instant | null; counted: readonly Instant[] } = { until: null, counted: [] };
  const reserved = await changeAttempts(ledger, subject, now, (attempts) => {
    seen.until = lockedUntil(attempts, now);
    seen.counted = [...recentAttempts(attempts, now), now];
    return seen.until === null ? seen.counted : null;
  });
  const until = seen.until;
  if (until !== null) throw new TooManyAttemptsError(Math.max(1, Math.ceil(msBetween(now, until) / SECOND_MS)));
  if (!reserved) throw new TooManyAttemptsError(CONTENDED_RETRY_AFTER_SECONDS);
  return seen.counted;
}

/** After the right secret: every counted failure of the subject is forgotten (best effort). */
export async function clearAttempts(ledger: AttemptLedger, subject: string, now: Instant): Promise<void> {
  await changeAttempts(ledger, subject, now, (attempts) => (attempts.length === 0 ? null : []));
}

/**
 * Takes back the one reservation made at `reservedAt` (the attempt turned out not to be a failure)
 * without forgetting the others.
 */
export async function releaseAttempt(ledger: AttemptLedger, subject: string, reservedAt: Instant, now: Instant): Promise<void> {
  await changeAttempts(ledger, subject, now, (attempts) => {
    const index = attempts.indexOf(reservedAt);
    return index < 0 ? null : attempts.filter((_, at) => at !== index);
  });
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

/** A secret verified against a stored hash, or against nothing (same time) when there is none. */
export function verifySecret(hasher: Hasher, hash: string | null | undefined, secret: string): Promise<boolean> {
  return hash === null || hash === undefined ? verifyAgainstNothing(hasher, secret) : hasher.verify(hash, secret);
}

/**
 * The shared shape of every secret check (login, activation, resets): the attempt is reserved
 * first (429 while locked out), then the secret is verified — against the dummy hash when there
 * is no account or no stored secret, so an unknown identifier costs the same. A wrong secret keeps
 * its reservation as a failure and is answered like an unknown account.
 * @throws TooManyAttemptsError; InvalidCredentialsError.
 */
export async function checkSecret(
  deps: { readonly attempts: AttemptLedger; readonly hasher: Hasher },
  subject: string,
  storedHash: string | null | undefined,
  secret: string,
  now: Instant,
): Promise<void> {
  const counted = await reserveAttempt(deps.attempts, subject, now);
  if (!(await verifySecret(deps.hasher, storedHash, secret))) throw new InvalidCredentialsError(attemptsLeft(counted, now));
}

/** The lockout subject of an attempt: the applicant's AGDREF, or the identifier typed when nobody has it. */
export function lockoutSubject(applicant: { readonly agdref: string } | null, identifier: string): string {
  return applicant === null ? `identifier:${identifier}` : `applicant:${applicant.agdref}`;
}
