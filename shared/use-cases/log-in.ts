/**
 * An applicant opens a session (docs/api.md `POST /api/v1/session`) with the AGDREF number or the
 * office file number and the password. Sessions: a 256-bit token of which only the SHA-256 is
 * stored; idle expiry 30 minutes, absolute 12 hours.
 */
import { hash } from 'node:crypto';
import type { Instant } from '../domain/types.ts';
import type { Deps, SessionRepository } from '../ports.ts';
import { HOUR_MS, MINUTE_MS, earliest, plusMs } from './instants.ts';
import { type AccountUpdater, type LockableAccount, applicantUpdater, checkAccountSecret, clearFailures } from './lockout.ts';

export const SESSION_IDLE_MS = 30 * MINUTE_MS;
export const SESSION_ABSOLUTE_MS = 12 * HOUR_MS;

/** The stored form of a session token: SHA-256 hex (a stolen table gives no usable token). */
export function sessionTokenHash(token: string): string {
  return hash('sha256', token, 'hex');
}

/** A session seen at `lastSeenAt` expires after the idle timeout, and never after the absolute lifetime. */
export function sessionExpiry(createdAt: Instant, lastSeenAt: Instant): Instant {
  return earliest(plusMs(lastSeenAt, SESSION_IDLE_MS), plusMs(createdAt, SESSION_ABSOLUTE_MS));
}

/**
 * Checks the password (lockout first: docs/api.md) and opens a session.
 * @returns the token (for the cookie, never stored) and when the session expires if left idle.
 * @throws InvalidCredentialsError (wrong password, no password yet, or unknown identifier — the same);
 *   TooManyAttemptsError while locked out, even with the right password.
 */
export async function logIn(
  deps: Pick<Deps, 'applicants' | 'sessions' | 'hasher' | 'ids' | 'clock'>,
  input: { readonly identifier: string; readonly password: string },
): Promise<{ token: string; expiresAt: Instant }> {
  const found = await deps.applicants.findByIdentifier(input.identifier.trim());
  return logInAccount(deps, { sessions: deps.sessions, update: applicantUpdater(deps.applicants), idOf: (applicant) => applicant.agdref }, found, input.password);
}

/** An account kind that logs in with a password: applicants, helpers (docs/api.md "Helpers"). */
export interface PasswordAccounts<A extends LockableAccount & { readonly passwordHash: string | null }> {
  /** Where this kind's sessions live (`Session.agdref` holds `idOf(account)`). */
  readonly sessions: SessionRepository;
  readonly update: AccountUpdater<A>;
  readonly idOf: (account: A) => string;
}

/**
 * The one log-in: lockout and password check (lockout.ts), then a new session; the failures are
 * forgotten on success. `found` is null for an unknown identifier (answered like a wrong password).
 */
export async function logInAccount<A extends LockableAccount & { readonly passwordHash: string | null }>(
  deps: Pick<Deps, 'hasher' | 'ids' | 'clock'>,
  accounts: PasswordAccounts<A>,
  found: A | null,
  password: string,
): Promise<{ token: string; expiresAt: Instant }> {
  const now = deps.clock.now();
  const account = await checkAccountSecret(deps.hasher, accounts.update, found, (candidate) => candidate.passwordHash, password, now);
  const token = deps.ids.sessionToken();
  const expiresAt = sessionExpiry(now, now);
  await accounts.sessions.create({ tokenHash: sessionTokenHash(token), agdref: accounts.idOf(account), createdAt: now, lastSeenAt: now, expiresAt });
  await clearFailures(accounts.update, account);
  return { token, expiresAt };
}
