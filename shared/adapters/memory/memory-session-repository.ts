/**
 * SessionRepository in memory: the fast twin of DynamoDbSessionRepository, with the same expiry
 * and touch rules; records are copied in and out (a session has only string fields: one spread
 * is a whole copy).
 */
import type { Instant } from '../../domain/types.ts';
import { ItemAlreadyExistsError } from '../../errors.ts';
import type { Session, SessionRepository } from '../../ports.ts';
import type { PartFields } from './frozen-records.ts';

export class InMemorySessionRepository implements SessionRepository {
  private readonly byTokenHash = new Map<string, Session>();

  async create(session: Session): Promise<void> {
    if (this.byTokenHash.has(session.tokenHash)) throw new ItemAlreadyExistsError(`SESSION#${session.tokenHash}`);
    this.byTokenHash.set(session.tokenHash, { ...session });
  }

  async get(tokenHash: string, now: Instant): Promise<Session | null> {
    const stored = this.byTokenHash.get(tokenHash);
    return stored !== undefined && now < stored.expiresAt ? { ...stored } : null;
  }

  /** A no-op when the session is gone, had expired at `lastSeenAt`, or was already seen later. */
  async touch(tokenHash: string, lastSeenAt: Instant, expiresAt: Instant): Promise<void> {
    const stored = this.byTokenHash.get(tokenHash);
    if (stored === undefined || stored.expiresAt <= lastSeenAt || stored.lastSeenAt > lastSeenAt) return;
    this.byTokenHash.set(tokenHash, { ...stored, lastSeenAt, expiresAt });
  }

  async delete(tokenHash: string): Promise<void> {
    this.byTokenHash.delete(tokenHash);
  }

  async deleteAllFor(agdref: string): Promise<void> {
    for (const [tokenHash, session] of this.byTokenHash) {
      if (session.agdref === agdref) this.byTokenHash.delete(tokenHash);
    }
  }
}

/** A session has no object field, so a spread copies it whole (the build fails if one is added). */
const SESSION_IS_FLAT: [PartFields<Session>] extends [never] ? true : never = true;
void SESSION_IS_FLAT;
