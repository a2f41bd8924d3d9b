/**
 * Applicants in the single table (TABLE.md): one item per applicant under `APPLICANT#<agdref>`,
 * found by office file number through gsi1, and one guard item per office file number so that two
 * applicants can never share one.
 */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError, ItemAlreadyExistsError } from '../../errors.ts';
import type { Applicant, ApplicantRepository } from '../../ports.ts';
import { assertNextVersion } from '../store-rules.ts';
import { isConditionFailure, storeCall, translateDynamoDbError } from './dynamodb-errors.ts';
import { TABLE } from './table-definition.ts';

/** API.md: an AGDREF number is exactly 10 digits (an office file number may be too: 6 to 12). */
const AGDREF_SHAPE = /^\d{10}$/;

const PROFILE_SK = 'PROFILE';
const FILE_NUMBER_GUARD_SK = 'UNIQUE';
const APPLICANT_LOOKUP_SK = 'APPLICANT';

const applicantPk = (agdref: string): string => `APPLICANT#${agdref}`;
const fileNumberPk = (fileNumber: string): string => `FILENO#${fileNumber}`;

const NAMES = {
  '#pk': TABLE.partitionKey.name,
  '#version': 'version',
  '#gsi1pk': TABLE.indexes.lookup.partitionKey.name,
  '#agdref': 'agdref',
} as const;

/** A create never overwrites: the AGDREF (or the file number of a guard item) must be free. */
const ITEM_IS_NEW = 'attribute_not_exists(#pk)';
/** Optimistic concurrency: the caller read this version, so nobody may have written since. */
const VERSION_IS_EXPECTED = '#version = :expectedVersion';
/**
 * A write keeps the stored office file number: its guard item can only move in a transaction
 * together with it, so a plain write that would change it must fail and take the rare path.
 */
const FILE_NUMBER_IS_STORED = '#gsi1pk = :storedLookup';
/** The same, for an applicant stored without an office file number. */
const NO_FILE_NUMBER_STORED = 'attribute_not_exists(#gsi1pk)';
/** Only the applicant that owns a file number's guard may release it. */
const GUARD_IS_OWNED = '#agdref = :agdref';

type Item = Record<string, unknown>;
type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

function toItem(applicant: Applicant): Item {
  // JSON round trip: a deep copy with `undefined` dropped, whatever the client's marshall options.
  const record = JSON.parse(JSON.stringify(applicant)) as Item;
  return {
    ...record,
    [TABLE.partitionKey.name]: applicantPk(applicant.agdref),
    [TABLE.sortKey.name]: PROFILE_SK,
    ...(applicant.ofpraFileNumber === null
      ? {}
      : {
          [TABLE.indexes.lookup.partitionKey.name]: fileNumberPk(applicant.ofpraFileNumber),
          [TABLE.indexes.lookup.sortKey.name]: APPLICANT_LOOKUP_SK,
        }),
  };
}

function toApplicant(item: Item): Applicant {
  const {
    [TABLE.partitionKey.name]: _pk,
    [TABLE.sortKey.name]: _sk,
    [TABLE.indexes.lookup.partitionKey.name]: _gsi1pk,
    [TABLE.indexes.lookup.sortKey.name]: _gsi1sk,
    ...record
  } = item;
  return record as unknown as Applicant;
}

function fileNumberCondition(fileNumber: string | null): { expression: string; values: Item } {
  return fileNumber === null
    ? { expression: NO_FILE_NUMBER_STORED, values: {} }
    : { expression: FILE_NUMBER_IS_STORED, values: { ':storedLookup': fileNumberPk(fileNumber) } };
}

/** ApplicantRepository on DynamoDB. */
export class DynamoDbApplicantRepository implements ApplicantRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: { readonly client: DynamoDBDocumentClient; readonly tableName: string }) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async create(applicant: Applicant): Promise<void> {
    const item = toItem(applicant);
    const fileNumber = applicant.ofpraFileNumber;
    if (fileNumber === null) {
      await storeCall(
        () =>
          this.client.send(
            new PutCommand({
              TableName: this.tableName,
              Item: item,
              ConditionExpression: ITEM_IS_NEW,
              ExpressionAttributeNames: { '#pk': NAMES['#pk'] },
            }),
          ),
        (cause) => new ItemAlreadyExistsError(applicantPk(applicant.agdref), { cause }),
      );
      return;
    }
    await storeCall(
      () =>
        this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: item,
                  ConditionExpression: ITEM_IS_NEW,
                  ExpressionAttributeNames: { '#pk': NAMES['#pk'] },
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: this.guardItem(fileNumber, applicant.agdref),
                  ConditionExpression: ITEM_IS_NEW,
                  ExpressionAttributeNames: { '#pk': NAMES['#pk'] },
                },
              },
            ],
          }),
        ),
      (cause, index) =>
        new ItemAlreadyExistsError(index === 0 ? applicantPk(applicant.agdref) : fileNumberPk(fileNumber), { cause }),
    );
  }

  async get(agdref: string): Promise<Applicant | null> {
    const result = await storeCall(() =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { [TABLE.partitionKey.name]: applicantPk(agdref), [TABLE.sortKey.name]: PROFILE_SK },
          ConsistentRead: true,
        }),
      ),
    );
    return result.Item === undefined ? null : toApplicant(result.Item);
  }

  /** An AGDREF-shaped identifier is tried as an AGDREF first (one GetItem), then as a file number (one Query on gsi1). */
  async findByIdentifier(identifier: string): Promise<Applicant | null> {
    if (AGDREF_SHAPE.test(identifier)) {
      const byAgdref = await this.get(identifier);
      if (byAgdref !== null) return byAgdref;
    }
    const result = await storeCall(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE.indexes.lookup.indexName,
          KeyConditionExpression: '#gsi1pk = :lookup AND #gsi1sk = :applicant',
          ExpressionAttributeNames: {
            '#gsi1pk': TABLE.indexes.lookup.partitionKey.name,
            '#gsi1sk': TABLE.indexes.lookup.sortKey.name,
          },
          ExpressionAttributeValues: { ':lookup': fileNumberPk(identifier), ':applicant': APPLICANT_LOOKUP_SK },
        }),
      ),
    );
    const item = result.Items?.[0];
    return item === undefined ? null : toApplicant(item);
  }

  /**
   * One conditional PutItem in the usual case. When the office file number changes, its guard
   * item moves in the same transaction (a rare path that reads the stored applicant first).
   */
  async update(next: Applicant, expectedVersion: number): Promise<void> {
    assertNextVersion(next, expectedVersion);
    const key = applicantPk(next.agdref);
    const sameFileNumber = fileNumberCondition(next.ofpraFileNumber);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(next),
          ConditionExpression: `${VERSION_IS_EXPECTED} AND ${sameFileNumber.expression}`,
          ExpressionAttributeNames: { '#version': NAMES['#version'], '#gsi1pk': NAMES['#gsi1pk'] },
          ExpressionAttributeValues: { ':expectedVersion': expectedVersion, ...sameFileNumber.values },
        }),
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw translateDynamoDbError(error);
    }
    // Either the version moved on, or the file number changes and its guard must move with it.
    const stored = await this.get(next.agdref);
    if (stored === null || stored.version !== expectedVersion || stored.ofpraFileNumber === next.ofpraFileNumber) {
      throw new ConcurrentUpdateError(key);
    }
    await this.moveFileNumber(stored, next, expectedVersion);
  }

  private async moveFileNumber(stored: Applicant, next: Applicant, expectedVersion: number): Promise<void> {
    const key = applicantPk(next.agdref);
    const storedFileNumber = fileNumberCondition(stored.ofpraFileNumber);
    const oldFileNumber = stored.ofpraFileNumber;
    const newFileNumber = next.ofpraFileNumber;
    const items: TransactItems = [
      {
        Put: {
          TableName: this.tableName,
          Item: toItem(next),
          ConditionExpression: `${VERSION_IS_EXPECTED} AND ${storedFileNumber.expression}`,
          ExpressionAttributeNames: { '#version': NAMES['#version'], '#gsi1pk': NAMES['#gsi1pk'] },
          ExpressionAttributeValues: { ':expectedVersion': expectedVersion, ...storedFileNumber.values },
        },
      },
      ...(oldFileNumber === null
        ? []
        : [
            {
              Delete: {
                TableName: this.tableName,
                Key: { [TABLE.partitionKey.name]: fileNumberPk(oldFileNumber), [TABLE.sortKey.name]: FILE_NUMBER_GUARD_SK },
                ConditionExpression: GUARD_IS_OWNED,
                ExpressionAttributeNames: { '#agdref': NAMES['#agdref'] },
                ExpressionAttributeValues: { ':agdref': next.agdref },
              },
            },
          ]),
      ...(newFileNumber === null
        ? []
        : [
            {
              Put: {
                TableName: this.tableName,
                Item: this.guardItem(newFileNumber, next.agdref),
                ConditionExpression: ITEM_IS_NEW,
                ExpressionAttributeNames: { '#pk': NAMES['#pk'] },
              },
            },
          ]),
    ];
    const newGuardIndex = items.length - 1;
    await storeCall(
      () => this.client.send(new TransactWriteCommand({ TransactItems: items })),
      (cause, index) =>
        newFileNumber !== null && index === newGuardIndex
          ? new ItemAlreadyExistsError(fileNumberPk(newFileNumber), { cause })
          : new ConcurrentUpdateError(key, { cause }),
    );
  }

  private guardItem(fileNumber: string, agdref: string): Item {
    return { [TABLE.partitionKey.name]: fileNumberPk(fileNumber), [TABLE.sortKey.name]: FILE_NUMBER_GUARD_SK, agdref };
  }
}
