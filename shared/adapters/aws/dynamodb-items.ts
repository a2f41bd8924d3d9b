/**
 * What the three repositories of the single table (docs/table-design.md) share: the client and table they
 * are built with, item keys, the plain-record copy written as an item, and the two single-item
 * calls they all make — a create that never overwrites and a strongly consistent read.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ItemAlreadyExistsError } from '../../errors.ts';
import { storeCall } from './dynamodb-errors.ts';
import { TABLE } from './table-definition.ts';

export type Item = Record<string, unknown>;

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
}
