/**
 * Applicants in the single table (docs/table-design.md): one item per applicant under
 * `APPLICANT#<agdref>`, found by office file number through gsi1, and one guard item per identifier
 * in use — each AGDREF number and each office file number — so that one identifier never names two
 * people (docs/api.md): two applicants never share a file number, and no file number equals another's AGDREF.
 */
import { PutCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { isAgdref } from '../../domain/identity.ts';
import { ConcurrentUpdateError, ItemAlreadyExistsError } from '../../errors.ts';
import type { Applicant, ApplicantRepository } from '../../ports.ts';
import { assertNextVersion } from '../store-rules.ts';
import { isConditionFailure, storeCall, translateDynamoDbError } from './dynamodb-errors.ts';
import { SingleTableRepository, VERSION_IS_EXPECTED, itemKey, plainRecord } from './dynamodb-items.ts';
import type { Item } from './dynamodb-items.ts';
import { TABLE } from './table-definition.ts';

const PROFILE_SK = 'PROFILE';
const IDENTIFIER_GUARD_SK = 'UNIQUE';
const APPLICANT_LOOKUP_SK = 'APPLICANT';

const applicantPk = (agdref: string): string => `APPLICANT#${agdref}`;
const fileNumberPk = (fileNumber: string): string => `FILENO#${fileNumber}`;
/** The guard of an identifier (AGDREF or file number): one namespace for both, so they cannot collide. */
const identifierGuardPk = (identifier: string): string => `IDENTIFIER#${identifier}`;

/** A file number needs its own guard unless it is the applicant's own AGDREF (already guarded). */
function guardedFileNumber(fileNumber: string | null, agdref: string): string | null {
  return fileNumber === null || fileNumber === agdref ? null : fileNumber;
}

const NAMES = {
  '#version': 'version',
  '#gsi1pk': TABLE.indexes.lookup.partitionKey.name,
  '#agdref': 'agdref',
} as const;

/**
 * A write keeps the stored office file number: its guard item can only move in a transaction
 * together with it, so a plain write that would change it must fail and take the rare path.
 */
const FILE_NUMBER_IS_STORED = '#gsi1pk = :storedLookup';
/** The same, for an applicant stored without an office file number. */
const NO_FILE_NUMBER_STORED = 'attribute_not_exists(#gsi1pk)';
/** Only the applicant that owns a file number's guard may release it. */
const GUARD_IS_OWNED = '#agdref = :agdref';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

function toItem(applicant: Applicant): Item {
  return {
    ...plainRecord(applicant),
    ...itemKey(applicantPk(applicant.agdref), PROFILE_SK),
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
export class DynamoDbApplicantRepository extends SingleTableRepository implements ApplicantRepository {
  /** A create never overwrites: the AGDREF (and the file number, through its guard item) must be free. */
  async create(applicant: Applicant): Promise<void> {
    const item = toItem(applicant);
    const fileNumber = guardedFileNumber(applicant.ofpraFileNumber, applicant.agdref);
    const keys = [applicantPk(applicant.agdref), identifierGuardPk(applicant.agdref), ...(fileNumber === null ? [] : [identifierGuardPk(fileNumber)])];
    await storeCall(
      () =>
        this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: this.newItemPut(item) },
              { Put: this.newItemPut(this.guardItem(applicant.agdref, applicant.agdref)) },
              ...(fileNumber === null ? [] : [{ Put: this.newItemPut(this.guardItem(fileNumber, applicant.agdref)) }]),
            ],
          }),
        ),
      (cause, index) => new ItemAlreadyExistsError(keys[index] ?? applicantPk(applicant.agdref), { cause }),
    );
  }

  async get(agdref: string): Promise<Applicant | null> {
    const item = await this.getItem(itemKey(applicantPk(agdref), PROFILE_SK));
    return item === undefined ? null : toApplicant(item);
  }

  /** An AGDREF-shaped identifier is tried as an AGDREF first (one GetItem), then as a file number (one Query on gsi1). */
  async findByIdentifier(identifier: string): Promise<Applicant | null> {
    // An office file number may have 10 digits too (6 to 12): an AGDREF-shaped one is tried both ways.
    if (isAgdref(identifier)) {
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
    try {
      await this.client.send(new PutCommand(this.versionedPut(next, expectedVersion, next.ofpraFileNumber)));
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
    const oldFileNumber = guardedFileNumber(stored.ofpraFileNumber, next.agdref);
    const newFileNumber = guardedFileNumber(next.ofpraFileNumber, next.agdref);
    const items: TransactItems = [
      { Put: this.versionedPut(next, expectedVersion, stored.ofpraFileNumber) },
      ...(oldFileNumber === null
        ? []
        : [
            {
              Delete: {
                TableName: this.tableName,
                Key: itemKey(identifierGuardPk(oldFileNumber), IDENTIFIER_GUARD_SK),
                ConditionExpression: GUARD_IS_OWNED,
                ExpressionAttributeNames: { '#agdref': NAMES['#agdref'] },
                ExpressionAttributeValues: { ':agdref': next.agdref },
              },
            },
          ]),
      ...(newFileNumber === null ? [] : [{ Put: this.newItemPut(this.guardItem(newFileNumber, next.agdref)) }]),
    ];
    const newGuardIndex = items.length - 1;
    await storeCall(
      () => this.client.send(new TransactWriteCommand({ TransactItems: items })),
      (cause, index) =>
        newFileNumber !== null && index === newGuardIndex
          ? new ItemAlreadyExistsError(identifierGuardPk(newFileNumber), { cause })
          : new ConcurrentUpdateError(key, { cause }),
    );
  }

  /** The Put of `next`, if the stored applicant is at `expectedVersion` with `storedFileNumber`. */
  private versionedPut(next: Applicant, expectedVersion: number, storedFileNumber: string | null) {
    const fileNumber = fileNumberCondition(storedFileNumber);
    return {
      TableName: this.tableName,
      Item: toItem(next),
      ConditionExpression: `${VERSION_IS_EXPECTED} AND ${fileNumber.expression}`,
      ExpressionAttributeNames: { '#version': NAMES['#version'], '#gsi1pk': NAMES['#gsi1pk'] },
      ExpressionAttributeValues: { ':expectedVersion': expectedVersion, ...fileNumber.values },
    };
  }

  private guardItem(identifier: string, agdref: string): Item {
    return { ...itemKey(identifierGuardPk(identifier), IDENTIFIER_GUARD_SK), agdref };
  }
}
