/**
 * An applicant opens a session (docs/api.md `POST /api/v1/session`) with the AGDREF number or the
 * office file number and the password. Sessions: a 256-bit token of which only the SHA-256 is
 * stored; idle expiry 30 minutes, absolute 12 hours.
 */
import { hash } from 'node:crypto';
import type { Instant } from '../domain/types.ts';
import { normalizeIdentifier } from '../domain/identity.ts';
import { InvalidCredentialsError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { HOUR_MS, MINUTE_MS, earliest, plusMs } from './instants.ts';
import { checkSecret, clearAttempts, lockoutSubject } from './lockout.ts';

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
  deps: Pick<Deps, 'applicants' | 'attempts' | 'sessions' | 'hasher' | 'ids' | 'clock'>,
  input: { readonly identifier: string; readonly password: string },
): Promise<{ token: string; expiresAt: Instant }> {
  const identifier = normalizeIdentifier(input.identifier);
  const applicant = await deps.applicants.findByIdentifier(identifier);
  return logInAccount(deps, lockoutSubject(applicant, identifier), applicant, input.password, (found) => openSession(deps, found.agdref));
}

/**
 * The one log-in, for every account kind that logs in with a password (applicants, helpers: docs/api.md
 * "Helpers"): the attempt reserved and the password checked under `subject` (lockout.ts), then
 * `open` makes the session, then the subject's failures are forgotten. `found` is null for an unknown
 * identifier (answered like a wrong password, locked out under the identifier).
 */
export async function logInAccount<A extends { readonly passwordHash: string | null }, S>(
  deps: Pick<Deps, 'attempts' | 'hasher' | 'clock'>,
  subject: string,
  found: A | null,
  password: string,
  open: (account: A) => Promise<S>,
): Promise<S> {
  const now = deps.clock.now();
  await checkSecret(deps, subject, found?.passwordHash, password, now);
  if (found === null) throw new InvalidCredentialsError(); // unreachable: nothing verifies against no account

  const session = await open(found);
  await clearAttempts(deps.attempts, subject, now);
  return session;
}

/**
 * A new session for an applicant whose secret was just checked by another use case (activation,
 * a password change): the applicant goes on without typing the new password a second time.
 */
export async function openSession(
  deps: Pick<Deps, 'sessions' | 'ids' | 'clock'>,
  agdref: string,
): Promise<{ token: string; expiresAt: Instant }> {
  const now = deps.clock.now();
  const token = deps.ids.sessionToken();
  const expiresAt = sessionExpiry(now, now);
  await deps.sessions.create({ tokenHash: sessionTokenHash(token), agdref, createdAt: now, lastSeenAt: now, expiresAt });
  return { token, expiresAt };
}
