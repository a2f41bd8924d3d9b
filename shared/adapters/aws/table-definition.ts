/**
 * The one definition of the single DynamoDB table (see docs/table-design.md): the CDK data stack and the
 * tests on DynamoDB Local both build the table from these constants, so they cannot drift.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export const TABLE = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  /** Epoch seconds; DynamoDB deletes the item some time after (sessions, reset codes). */
  ttlAttribute: 'ttl',
  indexes: {
    /** Lookups: office file number → applicant; applicant → sessions. */
    lookup: {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
    /** Sparse: letters whose consultation window ends at `dueAt` and that are not yet notified; local triggers. */
    due: {
      indexName: 'gsi2',
      partitionKey: { name: 'duePk', type: 'S' },
      sortKey: { name: 'dueAt', type: 'S' },
    },
    /** Sparse: letters whose next reminder is due at `remindAt` (unread, window open, reminder not sent). */
    reminders: {
      indexName: 'gsi3',
      partitionKey: { name: 'remindPk', type: 'S' },
      sortKey: { name: 'remindAt', type: 'S' },
    },
  },
} as const satisfies {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  ttlAttribute: string;
  indexes: Record<string, IndexDefinition>;
};

/** The CreateTable request for DynamoDB Local and tooling; the CDK stack maps the same constants. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const indexes = Object.values(TABLE.indexes);
  const attributes = new Map<string, 'S' | 'N'>();
  for (const key of [TABLE.partitionKey, TABLE.sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    attributes.set(key.name, key.type);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
