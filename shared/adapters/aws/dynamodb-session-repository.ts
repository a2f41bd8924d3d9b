/**
 * Sessions in the single table (docs/table-design.md): one item per token hash under `SESSION#<tokenHash>`,
 * listed per applicant through gsi1 (`SESSIONS#<agdref>`), with the `ttl` attribute set from
 * `expiresAt` so DynamoDB eventually deletes expired sessions. That deletion is lazy (hours, even
 * days), so `get` checks the expiry itself.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/types.ts';
import type { Session, SessionRepository } from '../../ports.ts';
import { isConditionFailure, storeCall, translateDynamoDbError } from './dynamodb-errors.ts';
import { SingleTableRepository, itemKey } from './dynamodb-items.ts';
import type { Item, TableOptions } from './dynamodb-items.ts';
import { TABLE } from './table-definition.ts';

const SESSION_SK = 'SESSION';

/**
 * Which account kind's sessions: applicants' under `SESSION#…`, helpers' under `HELPERSESSION#…`
 * (docs/api.md "Helpers": a helper's token is never an applicant's session, and the reverse).
 */
export type SessionKind = 'applicant' | 'helper';
const PREFIX: Readonly<Record<SessionKind, string>> = { applicant: '', helper: 'HELPER' };

/** DynamoDB's TTL is in epoch seconds; rounding up never deletes a session before it expires. */
export function ttlOf(expiresAt: Instant): number {
  return Math.ceil(Date.parse(expiresAt) / 1000);
}

/** A touch must not bring back a session that was deleted (log-out, password reset)… */
const SESSION_EXISTS = 'attribute_exists(#pk)';
/** …nor one that had already expired when the request was seen… */
const NOT_EXPIRED_WHEN_SEEN = '#expiresAt > :lastSeenAt';
/** …nor move the idle expiry backwards when two requests' touches arrive out of order. */
const NOT_SEEN_LATER = '#lastSeenAt <= :lastSeenAt';

function toItem(session: Session, keys: SessionKeys): Item {
  return {
    tokenHash: session.tokenHash,
    agdref: session.agdref,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    expiresAt: session.expiresAt,
    ...keys.sessionKey(session.tokenHash),
    [TABLE.indexes.lookup.partitionKey.name]: keys.sessionsOfPk(session.agdref),
    [TABLE.indexes.lookup.sortKey.name]: session.createdAt,
    [TABLE.ttlAttribute]: ttlOf(session.expiresAt),
  };
}

function toSession(item: Item): Session {
  const { tokenHash, agdref, createdAt, lastSeenAt, expiresAt } = item as unknown as Session;
  return { tokenHash, agdref, createdAt, lastSeenAt, expiresAt };
}

class SessionKeys {
  constructor(private readonly prefix: string) {}
  sessionPk(tokenHash: string): string {
    return `${this.prefix}SESSION#${tokenHash}`;
  }
  sessionsOfPk(owner: string): string {
    return `${this.prefix}SESSIONS#${owner}`;
  }
  sessionKey(tokenHash: string): Item {
    return itemKey(this.sessionPk(tokenHash), SESSION_SK);
  }
}

/** SessionRepository on DynamoDB. */
export class DynamoDbSessionRepository extends SingleTableRepository implements SessionRepository {
  private readonly keys: SessionKeys;

  constructor(options: TableOptions & { readonly kind?: SessionKind }) {
    super(options);
    this.keys = new SessionKeys(PREFIX[options.kind ?? 'applicant']);
  }

  /** A create never overwrites: a token hash is used once. */
  async create(session: Session): Promise<void> {
    await this.putNew(toItem(session, this.keys), this.keys.sessionPk(session.tokenHash));
  }

  async get(tokenHash: string, now: Instant): Promise<Session | null> {
    const item = await this.getItem(this.keys.sessionKey(tokenHash));
    if (item === undefined) return null;
    const session = toSession(item);
    return now < session.expiresAt ? session : null;
  }

  /** A no-op when the session is gone, had expired at `lastSeenAt`, or was already seen later. */
  async touch(tokenHash: string, lastSeenAt: Instant, expiresAt: Instant): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.keys.sessionKey(tokenHash),
          UpdateExpression: 'SET #lastSeenAt = :lastSeenAt, #expiresAt = :expiresAt, #ttl = :ttl',
          ConditionExpression: `${SESSION_EXISTS} AND ${NOT_EXPIRED_WHEN_SEEN} AND ${NOT_SEEN_LATER}`,
          ExpressionAttributeNames: {
            '#pk': TABLE.partitionKey.name,
            '#lastSeenAt': 'lastSeenAt',
            '#expiresAt': 'expiresAt',
            '#ttl': TABLE.ttlAttribute,
          },
          ExpressionAttributeValues: { ':lastSeenAt': lastSeenAt, ':expiresAt': expiresAt, ':ttl': ttlOf(expiresAt) },
        }),
      );
    } catch (error) {
      // Nothing to slide: the next request finds no valid session, which is the right answer.
      if (isConditionFailure(error)) return;
      throw translateDynamoDbError(error);
    }
  }

  async delete(tokenHash: string): Promise<void> {
    await storeCall(() => this.client.send(new DeleteCommand({ TableName: this.tableName, Key: this.keys.sessionKey(tokenHash) })));
  }

  /**
   * Every session of one applicant: one Query on gsi1, then BatchWriteItem deletes. gsi1 is
   * eventually consistent, so a session created in the same instant may survive; it still expires.
   */
  async deleteAllFor(agdref: string): Promise<void> {
    const keys = await this.queryItems({
      IndexName: TABLE.indexes.lookup.indexName,
      KeyConditionExpression: '#gsi1pk = :sessionsOf',
      ExpressionAttributeNames: { '#gsi1pk': TABLE.indexes.lookup.partitionKey.name, '#pk': TABLE.partitionKey.name, '#sk': TABLE.sortKey.name },
      ExpressionAttributeValues: { ':sessionsOf': this.keys.sessionsOfPk(agdref) },
      ProjectionExpression: '#pk, #sk',
    });
    await this.batchWrite(keys.map((Key) => ({ DeleteRequest: { Key } })));
  }
}
