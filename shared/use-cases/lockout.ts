/**
 * docs/api.md lockout: failures are counted per applicant, whichever identifier was used, and shared by
 * login, activation and both password resets. After 5 failures within 15 minutes every such
 * attempt is refused for 15 minutes, even with the right secret. A password refused by the policy
 * is not a failure. Unknown identifiers get the same answer, after the same kind of work, as a
 * wrong secret.
 *
 * Helpers (docs/api.md "Helpers") go through the very same functions: every check here is written
 * for any `LockableAccount` with a `AccountUpdater` that writes its record conditionally, and the
 * applicant functions are the same calls with the applicant store.
 */
import type { Instant } from '../domain/types.ts';
import { InvalidCredentialsError, TooManyAttemptsError } from '../errors.ts';
import type { Applicant, ApplicantRepository, Hasher } from '../ports.ts';
import { MINUTE_MS, SECOND_MS, msBetween, plusMs } from './instants.ts';
import { type Change, updateApplicant } from './letter-updates.ts';

/** What the lockout needs of an account (applicant or helper): its recent failed attempts. */
export interface LockableAccount {
  readonly failedAttempts: readonly Instant[];
}

/** Writes `change` of the account's stored record with a conditional write, re-applied on a lost race. */
export type AccountUpdater<A extends LockableAccount> = (account: A, change: Change<A>) => Promise<unknown>;

/** The applicants' updater: the applicant record, by AGDREF. */
export function applicantUpdater(applicants: ApplicantRepository): AccountUpdater<Applicant> {
  return (applicant, change) => updateApplicant(applicants, applicant.agdref, change, applicant);
}

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

/** @throws TooManyAttemptsError with the seconds left while the account is locked out. */
export function assertNotLockedOut(account: LockableAccount, now: Instant): void {
  const until = lockedUntil(account.failedAttempts, now);
  if (until !== null) {
    throw new TooManyAttemptsError(Math.max(1, Math.ceil(msBetween(now, until) / SECOND_MS)));
  }
}

/** The account with one more failure at `now`, forgetting those too old to matter. */
export function withFailure<A extends LockableAccount>(account: A, now: Instant): A {
  const recent = account.failedAttempts.filter((at) => msBetween(at, now) < FAILURE_MEMORY_MS);
  return { ...account, failedAttempts: [...recent, now] };
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
  return failAccountAttempt(applicantUpdater(applicants), applicant, now, change);
}

/** failAttempt for any account kind. */
export async function failAccountAttempt<A extends LockableAccount>(
  update: AccountUpdater<A>,
  account: A,
  now: Instant,
  change: (current: A) => A = (current) => current,
): Promise<never> {
  await update(account, (current) => withFailure(change(current), now));
  throw new InvalidCredentialsError();
}

/** The account with its failures forgotten (after a success), or null if there were none. */
export function withoutFailures<A extends LockableAccount>(account: A): A | null {
  return account.failedAttempts.length === 0 ? null : { ...account, failedAttempts: [] };
}

/** After a success: forgets the account's failures (no write when there were none). */
export async function clearFailures<A extends LockableAccount>(update: AccountUpdater<A>, account: A): Promise<void> {
  if (withoutFailures(account) !== null) await update(account, withoutFailures);
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
): Promise<Applicant> {
  return checkAccountSecret(deps.hasher, applicantUpdater(deps.applicants), applicant, storedHash, secret, now);
}

/** checkSecret for any account kind (applicants, helpers): the one implementation of the check. */
export async function checkAccountSecret<A extends LockableAccount>(
  hasher: Hasher,
  update: AccountUpdater<A>,
  account: A | null,
  storedHash: (account: A) => string | null,
  secret: string,
  now: Instant,
): Promise<A> {
  if (account === null) {
    await verifyAgainstNothing(hasher, secret);
    throw new InvalidCredentialsError();
  }
  assertNotLockedOut(account, now);
  const hash = storedHash(account);
  const valid = hash === null ? await verifyAgainstNothing(hasher, secret) : await hasher.verify(hash, secret);
  if (!valid) {
    return failAccountAttempt(update, account, now);
  }
  return account;
}
