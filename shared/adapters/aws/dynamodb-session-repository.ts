/**
 * Sessions in the single table (docs/table-design.md): one item per token hash under `SESSION#<tokenHash>`,
 * listed per applicant through gsi1 (`SESSIONS#<agdref>`), with the `ttl` attribute set from
 * `expiresAt` so DynamoDB eventually deletes expired sessions. That deletion is lazy (hours, even
 * days), so `get` checks the expiry itself.
 */
import { BatchWriteCommand, DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/types.ts';
import { StoreThrottledError } from '../../errors.ts';
import type { Session, SessionRepository } from '../../ports.ts';
import { isConditionFailure, storeCall, translateDynamoDbError } from './dynamodb-errors.ts';
import { SingleTableRepository, itemKey } from './dynamodb-items.ts';
import type { Item } from './dynamodb-items.ts';
import { TABLE } from './table-definition.ts';

const SESSION_SK = 'SESSION';
/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_MAX = 25;
/** Rounds of BatchWriteItem for items DynamoDB left unprocessed (throttling) before giving up. */
const UNPROCESSED_RETRIES = 5;

const sessionPk = (tokenHash: string): string => `SESSION#${tokenHash}`;
const sessionsOfPk = (agdref: string): string => `SESSIONS#${agdref}`;
const sessionKey = (tokenHash: string): Item => itemKey(sessionPk(tokenHash), SESSION_SK);

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

function toItem(session: Session): Item {
  return {
    tokenHash: session.tokenHash,
    agdref: session.agdref,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    expiresAt: session.expiresAt,
    ...sessionKey(session.tokenHash),
    [TABLE.indexes.lookup.partitionKey.name]: sessionsOfPk(session.agdref),
    [TABLE.indexes.lookup.sortKey.name]: session.createdAt,
    [TABLE.ttlAttribute]: ttlOf(session.expiresAt),
  };
}

function toSession(item: Item): Session {
  const { tokenHash, agdref, createdAt, lastSeenAt, expiresAt } = item as unknown as Session;
  return { tokenHash, agdref, createdAt, lastSeenAt, expiresAt };
}

/** SessionRepository on DynamoDB. */
export class DynamoDbSessionRepository extends SingleTableRepository implements SessionRepository {
  /** A create never overwrites: a token hash is used once. */
  async create(session: Session): Promise<void> {
    await this.putNew(toItem(session), sessionPk(session.tokenHash));
  }

  async get(tokenHash: string, now: Instant): Promise<Session | null> {
    const item = await this.getItem(sessionKey(tokenHash));
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
          Key: sessionKey(tokenHash),
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
    await storeCall(() => this.client.send(new DeleteCommand({ TableName: this.tableName, Key: sessionKey(tokenHash) })));
  }

  /**
   * Every session of one applicant: one Query on gsi1, then BatchWriteItem deletes. gsi1 is
   * eventually consistent, so a session created in the same instant may survive; it still expires.
   */
  async deleteAllFor(agdref: string): Promise<void> {
    const keys: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await storeCall(() =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: TABLE.indexes.lookup.indexName,
            KeyConditionExpression: '#gsi1pk = :sessionsOf',
            ExpressionAttributeNames: {
              '#gsi1pk': TABLE.indexes.lookup.partitionKey.name,
              '#pk': TABLE.partitionKey.name,
              '#sk': TABLE.sortKey.name,
            },
            ExpressionAttributeValues: { ':sessionsOf': sessionsOfPk(agdref) },
            ProjectionExpression: '#pk, #sk',
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      keys.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    for (let start = 0; start < keys.length; start += BATCH_WRITE_MAX) {
      await this.deleteBatch(keys.slice(start, start + BATCH_WRITE_MAX));
    }
  }

  private async deleteBatch(keys: readonly Item[]): Promise<void> {
    let requests = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let round = 0; requests.length > 0; round += 1) {
      if (round > UNPROCESSED_RETRIES) throw new StoreThrottledError();
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      const result = await storeCall(() =>
        this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } })),
      );
      requests = (result.UnprocessedItems?.[this.tableName] ?? []).flatMap((request) =>
        request.DeleteRequest?.Key === undefined ? [] : [{ DeleteRequest: { Key: request.DeleteRequest.Key } }],
      );
    }
  }
}
