/**
 * What the three repositories of the single table (docs/table-design.md) share: the client and table they
 * are built with, item keys, the plain-record copy written as an item, and the two single-item
 * calls they all make — a create that never overwrites and a strongly consistent read.
 */
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError, ItemAlreadyExistsError, StoreThrottledError } from '../../errors.ts';
import { storeCall } from './dynamodb-errors.ts';
import { TABLE } from './table-definition.ts';

export type Item = Record<string, unknown>;

/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_MAX = 25;
/** Rounds of BatchWriteItem for items DynamoDB left unprocessed (throttling) before giving up. */
const UNPROCESSED_RETRIES = 5;

/** One request of a BatchWriteItem: a whole item to put, or a key to delete. */
export type BatchRequest = { readonly PutRequest: { readonly Item: Item } } | { readonly DeleteRequest: { readonly Key: Item } };

/** A create never overwrites: the item's partition key must be free. */
export const ITEM_IS_NEW = 'attribute_not_exists(#pk)';
/** Optimistic concurrency: the caller read this version, so nobody may have written since. */
export const VERSION_IS_EXPECTED = '#version = :expectedVersion';

/** The table key of an item. */
export function itemKey(pk: string, sk: string): Item {
  return { [TABLE.partitionKey.name]: pk, [TABLE.sortKey.name]: sk };
}

/** JSON round trip: a deep copy with `undefined` dropped, whatever the client's marshall options. */
export function plainRecord(record: object): Item {
  return JSON.parse(JSON.stringify(record)) as Item;
}

/** A conditional Put, as PutItem takes it and as a TransactWriteItems item holds it. */
export interface ConditionalPut {
  readonly TableName: string;
  readonly Item: Item;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Readonly<Record<string, string>>;
}

export interface TableOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

export abstract class SingleTableRepository {
  protected readonly client: DynamoDBDocumentClient;
  protected readonly tableName: string;

  constructor(options: TableOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  /** A Put of a new item (alone or in a transaction): refused if its partition key is taken. */
  protected newItemPut(item: Item): ConditionalPut {
    return {
      TableName: this.tableName,
      Item: item,
      ConditionExpression: ITEM_IS_NEW,
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey.name },
    };
  }

  /** Writes a new item; `ItemAlreadyExistsError(pk)` when one is already stored under its partition key. */
  protected async putNew(item: Item, pk: string): Promise<void> {
    await storeCall(
      () => this.client.send(new PutCommand(this.newItemPut(item))),
      (cause) => new ItemAlreadyExistsError(pk, { cause }),
    );
  }

  /** The item under `key` (strongly consistent read), if any. */
  protected async getItem(key: Item): Promise<Item | undefined> {
    const result = await storeCall(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })),
    );
    return result.Item;
  }

  /**
   * Unconditional puts and deletes, 25 a BatchWriteItem; items DynamoDB leaves unprocessed are
   * sent again with backoff, then StoreThrottledError.
   */
  protected async batchWrite(requests: readonly BatchRequest[]): Promise<void> {
    for (let start = 0; start < requests.length; start += BATCH_WRITE_MAX) {
      let pending = requests.slice(start, start + BATCH_WRITE_MAX);
      for (let round = 0; pending.length > 0; round += 1) {
        if (round > UNPROCESSED_RETRIES) throw new StoreThrottledError();
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
        const batch = pending;
        const result = await storeCall(() => this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: [...batch] } })));
        pending = (result.UnprocessedItems?.[this.tableName] ?? []).flatMap((request): BatchRequest[] => {
          if (request.PutRequest?.Item !== undefined) return [{ PutRequest: { Item: request.PutRequest.Item } }];
          if (request.DeleteRequest?.Key !== undefined) return [{ DeleteRequest: { Key: request.DeleteRequest.Key } }];
          return [];
        });
      }
    }
  }

  /**
   * Writes `item` over the stored one if the stored version is `expectedVersion` (and `extra`, a
   * further condition, holds); ConcurrentUpdateError(`key`) otherwise.
   */
  protected async putVersioned(
    item: Item,
    expectedVersion: number,
    key: string,
    extra: { readonly condition: string; readonly names: Readonly<Record<string, string>>; readonly values: Readonly<Record<string, unknown>> } = {
      condition: '',
      names: {},
      values: {},
    },
  ): Promise<void> {
    await storeCall(
      () =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: item,
            ConditionExpression: extra.condition === '' ? VERSION_IS_EXPECTED : `${VERSION_IS_EXPECTED} AND ${extra.condition}`,
            ExpressionAttributeNames: { '#version': 'version', ...extra.names },
            ExpressionAttributeValues: { ':expectedVersion': expectedVersion, ...extra.values },
          }),
        ),
      (cause) => new ConcurrentUpdateError(key, { cause }),
    );
  }

  /** A Query's items, following pages until `limit` items (Infinity: all) or the end. */
  protected async queryItems(input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>, limit = Number.POSITIVE_INFINITY): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    const wanted = Math.floor(limit);
    while (items.length < wanted) {
      const remaining = wanted - items.length;
      const page = await storeCall(() =>
        this.client.send(
          new QueryCommand({
            ...input,
            TableName: this.tableName,
            ...(Number.isFinite(remaining) ? { Limit: remaining } : {}),
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
      if (startKey === undefined) break;
    }
    return items;
  }
}
