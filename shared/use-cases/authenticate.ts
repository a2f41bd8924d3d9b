/**
 * Every applicant request: the session behind a token, its idle expiry slid forward.
 */
import type { Instant } from '../domain/types.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { MINUTE_MS, msBetween } from './instants.ts';
import { sessionExpiry, sessionTokenHash } from './log-in.ts';

/** A session seen less than this long ago is not written again: one write per minute at most. */
const TOUCH_INTERVAL_MS = MINUTE_MS;

/**
 * The applicant of a live session; slides the idle expiry (30 min, never past 12 h from login).
 * @throws UnauthenticatedError if the token is missing, unknown, revoked or expired.
 */
export async function authenticate(
  deps: Pick<Deps, 'sessions' | 'clock'>,
  input: { readonly token: string },
): Promise<{ agdref: string; expiresAt: Instant }> {
  if (input.token.length === 0) throw new UnauthenticatedError();
  const now = deps.clock.now();
  const tokenHash = sessionTokenHash(input.token);
  const session = await deps.sessions.get(tokenHash, now);
  if (session === null) throw new UnauthenticatedError();
  if (msBetween(session.lastSeenAt, now) < TOUCH_INTERVAL_MS) {
    return { agdref: session.agdref, expiresAt: session.expiresAt };
  }
  const expiresAt = sessionExpiry(session.createdAt, now);
  await deps.sessions.touch(tokenHash, now, expiresAt);
  return { agdref: session.agdref, expiresAt };
}
