/**
 * Helpers, grant codes, grants and access logs in the single table (docs/table-design.md "Helpers"):
 * - helper `HELPER#<helperId>`/`PROFILE`, found by e-mail through gsi1, with an e-mail guard item
 *   written in the same transaction (a GSI cannot enforce uniqueness);
 * - grant code `GRANTCODE#<code>`/`GRANTCODE`, TTL at its expiry;
 * - grant `HELPERGRANTS#<helperId>`/`GRANT#<agdref>` (the helper's list is one Query on the table,
 *   strongly consistent, so a revocation shows at once), listed per applicant through gsi1, TTL
 *   at its expiry;
 * - access-log line `ACCESSLOG#<agdref>`/`<at>#<helperId>#<random>`, TTL a year and a month later;
 * - digest preference `HELPER#<helperId>`/`DIGEST`, in gsi1 under `HELPERDIGESTS`/`<helperId>` only
 *   while the digest is on (sparse: the daily run's one Query finds exactly the helpers to write to).
 * Expired codes and grants are never returned: DynamoDB's TTL deletion is lazy.
 */
import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant, ParisDate } from '../../domain/types.ts';
import { ItemAlreadyExistsError } from '../../errors.ts';
import type { AccessLogEntry, Grant, GrantCode, GrantRepository, Helper, HelperDigest, HelperRepository } from '../../ports.ts';
import { assertNextVersion } from '../store-rules.ts';
import { isConditionFailure, storeCall, translateDynamoDbError } from './dynamodb-errors.ts';
import { SingleTableRepository, itemKey, plainRecord } from './dynamodb-items.ts';
import type { Item } from './dynamodb-items.ts';
import { ttlOf } from './dynamodb-session-repository.ts';
import { TABLE } from './table-definition.ts';

const PROFILE_SK = 'PROFILE';
const EMAIL_GUARD_SK = 'UNIQUE';
const HELPER_LOOKUP_SK = 'HELPER';
const GRANT_CODE_SK = 'GRANTCODE';
const DIGEST_SK = 'DIGEST';
/** gsi1 partition of the helpers whose digest is on (a handful of writes a day per helper: one partition suffices). */
const DIGEST_SUBSCRIBERS = 'HELPERDIGESTS';
/** An access-log line is kept this long (the applicant sees a year of looks). */
const ACCESS_LOG_KEEP_SECONDS = 400 * 24 * 60 * 60;

const helperPk = (helperId: string): string => `HELPER#${helperId}`;
const emailPk = (email: string): string => `HELPEREMAIL#${email}`;
const codePk = (code: string): string => `GRANTCODE#${code}`;
const grantsOfHelperPk = (helperId: string): string => `HELPERGRANTS#${helperId}`;
const grantSk = (agdref: string): string => `GRANT#${agdref}`;
const grantsOfApplicantPk = (agdref: string): string => `GRANTS#${agdref}`;
const accessLogPk = (agdref: string): string => `ACCESSLOG#${agdref}`;

const GSI1PK = TABLE.indexes.lookup.partitionKey.name;
const GSI1SK = TABLE.indexes.lookup.sortKey.name;

/** The record without the key, index and TTL attributes. */
function recordOf<T>(item: Item): T {
  const { [TABLE.partitionKey.name]: _pk, [TABLE.sortKey.name]: _sk, [GSI1PK]: _g1, [GSI1SK]: _g2, [TABLE.ttlAttribute]: _ttl, ...record } = item;
  return record as T;
}

function digestOf(item: Item): HelperDigest {
  const { lastDigestOn, ...rest } = recordOf<Omit<HelperDigest, 'lastDigestOn'> & { lastDigestOn?: ParisDate }>(item);
  return { ...rest, lastDigestOn: lastDigestOn ?? null };
}

/** A digest item as stored: `lastDigestOn` absent while null; in the sparse gsi1 partition only while on. */
function digestItem(digest: HelperDigest): Item {
  const { lastDigestOn, ...rest } = digest;
  return {
    ...plainRecord(rest),
    ...(lastDigestOn === null ? {} : { lastDigestOn }),
    ...itemKey(helperPk(digest.helperId), DIGEST_SK),
    ...(digest.enabled ? { [GSI1PK]: DIGEST_SUBSCRIBERS, [GSI1SK]: digest.helperId } : {}),
  };
}

function helperItem(helper: Helper): Item {
  return { ...plainRecord(helper), ...itemKey(helperPk(helper.helperId), PROFILE_SK), [GSI1PK]: emailPk(helper.email), [GSI1SK]: HELPER_LOOKUP_SK };
}

/** HelperRepository on DynamoDB. */
export class DynamoDbHelperRepository extends SingleTableRepository implements HelperRepository {
  /** The helper and its e-mail guard, both new, in one transaction. */
  async create(helper: Helper): Promise<void> {
    const guard = { ...itemKey(emailPk(helper.email), EMAIL_GUARD_SK), helperId: helper.helperId };
    await storeCall(
      () => this.client.send(new TransactWriteCommand({ TransactItems: [{ Put: this.newItemPut(helperItem(helper)) }, { Put: this.newItemPut(guard) }] })),
      (cause, index) => new ItemAlreadyExistsError(index === 0 ? helperPk(helper.helperId) : emailPk(helper.email), { cause }),
    );
  }

  async get(helperId: string): Promise<Helper | null> {
    const item = await this.getItem(itemKey(helperPk(helperId), PROFILE_SK));
    return item === undefined ? null : recordOf<Helper>(item);
  }

  /** One Query on gsi1. */
  async findByEmail(email: string): Promise<Helper | null> {
    const [item] = await this.queryItems({
      IndexName: TABLE.indexes.lookup.indexName,
      KeyConditionExpression: '#gsi1pk = :lookup AND #gsi1sk = :helper',
      ExpressionAttributeNames: { '#gsi1pk': GSI1PK, '#gsi1sk': GSI1SK },
      ExpressionAttributeValues: { ':lookup': emailPk(email), ':helper': HELPER_LOOKUP_SK },
    });
    return item === undefined ? null : recordOf<Helper>(item);
  }

  /** One conditional PutItem: the stored version is `expectedVersion` and the e-mail is unchanged (its guard cannot move). */
  async update(next: Helper, expectedVersion: number): Promise<void> {
    assertNextVersion(next, expectedVersion);
    await this.putVersioned(helperItem(next), expectedVersion, helperPk(next.helperId), {
      condition: '#email = :email',
      names: { '#email': 'email' },
      values: { ':email': next.email },
    });
  }

  async getDigest(helperId: string): Promise<HelperDigest | null> {
    const item = await this.getItem(itemKey(helperPk(helperId), DIGEST_SK));
    return item === undefined ? null : digestOf(item);
  }

  /** One UpdateItem (creates or changes; `lastDigestOn` untouched); in the sparse gsi1 partition only while on. */
  async setDigest(digest: Omit<HelperDigest, 'lastDigestOn'>): Promise<HelperDigest> {
    const index = digest.enabled ? ', #gsi1pk = :subscribers, #gsi1sk = :helperId' : ' REMOVE #gsi1pk, #gsi1sk';
    const result = await storeCall(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(helperPk(digest.helperId), DIGEST_SK),
          UpdateExpression: `SET #helperId = :helperId, #email = :email, #language = :language, #enabled = :enabled${index}`,
          ExpressionAttributeNames: {
            '#helperId': 'helperId',
            '#email': 'email',
            '#language': 'language',
            '#enabled': 'enabled',
            '#gsi1pk': GSI1PK,
            '#gsi1sk': GSI1SK,
          },
          ExpressionAttributeValues: {
            ':helperId': digest.helperId,
            ':email': digest.email,
            ':language': digest.language,
            ':enabled': digest.enabled,
            ...(digest.enabled ? { ':subscribers': DIGEST_SUBSCRIBERS } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return digestOf(result.Attributes ?? {});
  }

  /** One Query of the sparse gsi1 partition `HELPERDIGESTS` (paged), never a Scan. */
  async digestSubscribers(): Promise<HelperDigest[]> {
    const items = await this.queryItems({
      IndexName: TABLE.indexes.lookup.indexName,
      KeyConditionExpression: '#gsi1pk = :subscribers',
      ExpressionAttributeNames: { '#gsi1pk': GSI1PK },
      ExpressionAttributeValues: { ':subscribers': DIGEST_SUBSCRIBERS },
    });
    return items.map(digestOf).filter((digest) => digest.enabled);
  }

  /**
   * One conditional PutItem of the whole digest item (the sweep function may not UpdateItem):
   * DynamoDB lets exactly one of concurrent claims of a day succeed, and none if the preference
   * changed since it was read.
   */
  async claimDigestDay(read: HelperDigest, day: ParisDate): Promise<boolean> {
    return this.putDigestIf({ ...read, lastDigestOn: day }, 'attribute_not_exists(#last) OR #last < :day', read, { ':day': day });
  }

  async releaseDigestDay(read: HelperDigest, day: ParisDate): Promise<void> {
    await this.putDigestIf(read, '#last = :day', read, { ':day': day });
  }

  /** Puts `next` if the stored preference is still `read`'s (on, same e-mail and language) and `condition` holds; false otherwise. */
  private async putDigestIf(next: HelperDigest, condition: string, read: HelperDigest, values: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: digestItem(next),
          ConditionExpression: `#enabled = :on AND #email = :email AND #language = :language AND (${condition})`,
          ExpressionAttributeNames: { '#enabled': 'enabled', '#email': 'email', '#language': 'language', '#last': 'lastDigestOn' },
          ExpressionAttributeValues: { ':on': true, ':email': read.email, ':language': read.language, ...values },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw translateDynamoDbError(error);
    }
  }
}

/** GrantRepository on DynamoDB. */
export class DynamoDbGrantRepository extends SingleTableRepository implements GrantRepository {
  async createCode(code: GrantCode): Promise<void> {
    const item = { ...plainRecord(code), ...itemKey(codePk(code.code), GRANT_CODE_SK), [TABLE.ttlAttribute]: ttlOf(code.expiresAt) };
    await this.putNew(item, codePk(code.code));
  }

  async findCode(code: string, now: Instant): Promise<GrantCode | null> {
    const item = await this.getItem(itemKey(codePk(code), GRANT_CODE_SK));
    if (item === undefined) return null;
    const found = recordOf<GrantCode>(item);
    return now < found.expiresAt ? found : null;
  }

  /** One conditional PutItem: new, or renewing a grant that ends no later (a shorter one is a no-op). */
  async putGrant(grant: Grant): Promise<void> {
    const item = {
      ...plainRecord(grant),
      ...itemKey(grantsOfHelperPk(grant.helperId), grantSk(grant.agdref)),
      [GSI1PK]: grantsOfApplicantPk(grant.agdref),
      [GSI1SK]: grant.helperId,
      [TABLE.ttlAttribute]: ttlOf(grant.expiresAt),
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#pk) OR #expiresAt <= :expiresAt',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey.name, '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':expiresAt': grant.expiresAt },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return;
      throw translateDynamoDbError(error);
    }
  }

  /** One strongly consistent GetItem. */
  async getGrant(helperId: string, agdref: string, now: Instant): Promise<Grant | null> {
    const item = await this.getItem(itemKey(grantsOfHelperPk(helperId), grantSk(agdref)));
    if (item === undefined) return null;
    const grant = recordOf<Grant>(item);
    return now < grant.expiresAt ? grant : null;
  }

  /** One Query on the table (strongly consistent), expired grants filtered out by the store. */
  async grantsOfHelper(helperId: string, now: Instant): Promise<Grant[]> {
    return this.liveGrants({
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :grant)',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey.name, '#sk': TABLE.sortKey.name },
      ExpressionAttributeValues: { ':pk': grantsOfHelperPk(helperId), ':grant': 'GRANT#' },
      ConsistentRead: true,
    }, now);
  }

  /** One Query on gsi1 (eventually consistent). */
  async grantsOfApplicant(agdref: string, now: Instant): Promise<Grant[]> {
    return this.liveGrants({
      IndexName: TABLE.indexes.lookup.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI1PK },
      ExpressionAttributeValues: { ':pk': grantsOfApplicantPk(agdref) },
      ConsistentRead: false,
    }, now);
  }

  /** One DeleteItem, on condition that the grant exists. */
  async deleteGrant(helperId: string, agdref: string): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: itemKey(grantsOfHelperPk(helperId), grantSk(agdref)),
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey.name },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw translateDynamoDbError(error);
    }
  }

  /** One conditional PutItem for one line; BatchWriteItem (25 a batch) for several (each has its own new key). */
  async logAccess(entries: readonly AccessLogEntry[]): Promise<void> {
    const items = entries.map((entry) => ({
      ...plainRecord(entry),
      ...itemKey(accessLogPk(entry.agdref), `${entry.at}#${entry.helperId}#${randomBytes(6).toString('hex')}`),
      [TABLE.ttlAttribute]: ttlOf(entry.at) + ACCESS_LOG_KEEP_SECONDS,
    }));
    const [only] = items;
    if (items.length === 1 && only !== undefined) {
      await this.putNew(only, accessLogPk(entries[0]?.agdref ?? ''));
      return;
    }
    await this.batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
  }

  /** One Query, newest first. */
  async accessLog(agdref: string, limit: number): Promise<AccessLogEntry[]> {
    const items = await this.queryItems(
      {
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey.name },
        ExpressionAttributeValues: { ':pk': accessLogPk(agdref) },
        ScanIndexForward: false,
      },
      limit,
    );
    return items.map((item) => recordOf<AccessLogEntry>(item));
  }

  /** The live grants a Query finds (expired ones filtered out by the store). */
  private async liveGrants(
    query: Omit<Parameters<SingleTableRepository['queryItems']>[0], 'FilterExpression'> & {
      readonly ExpressionAttributeNames: Readonly<Record<string, string>>;
      readonly ExpressionAttributeValues: Readonly<Record<string, unknown>>;
    },
    now: Instant,
  ): Promise<Grant[]> {
    const items = await this.queryItems({
      ...query,
      FilterExpression: '#expiresAt > :now',
      ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':now': now },
    });
    return items.map((item) => recordOf<Grant>(item));
  }
}
