/**
 * Letters in the single table (docs/table-design.md). Each letter is one item under `LETTER#<id>` — its own
 * consistency boundary: lifecycle state, alerts and evidence chain are written together with a
 * condition on the stored version. gsi1 lists an applicant's letters newest first
 * (`LETTERS#<agdref>`, sort key `<availableAt>#<id>`); the sparse gsi2 (`DEEM`, windowEnd) and
 * gsi3 (`REMIND`, nextReminderAt) hold a letter only while the sweep may have work for it.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/types.ts';
import type { Letter, LetterHead, LetterRepository } from '../../ports.ts';
import { assertHeadMatchesChain, assertNextVersion, deemDueAt, reminderDueAt, withStoredHead } from '../store-rules.ts';
import { storeCall } from './dynamodb-errors.ts';
import { SingleTableRepository, itemKey, plainRecord } from './dynamodb-items.ts';
import type { Item } from './dynamodb-items.ts';
import { TABLE } from './table-definition.ts';

const LETTER_SK = 'LETTER';
/** gsi2 partition of letters awaiting deemed notification (the local timer scheduler uses `TRIGGER`). */
export const DEEM_PARTITION = 'DEEM';
/** gsi3 partition of letters with a reminder still to send. */
export const REMIND_PARTITION = 'REMIND';

/**
 * R12: the evidence chain is append-only, so the head written never counts fewer events than the
 * stored one (items from before the head existed have none yet). The version condition already
 * orders writers; this one keeps even a buggy or hostile writer from shortening a chain.
 */
const HEAD_NEVER_SHRINKS = '(attribute_not_exists(#head) OR #head.#count <= :headCount)';

const letterPk = (id: string): string => `LETTER#${id}`;
const lettersOfPk = (agdref: string): string => `LETTERS#${agdref}`;

const { lookup, due, reminders } = TABLE.indexes;

/** Attributes that place the item in the table and its indexes; not part of the Letter record. */
const PLACEMENT_ATTRIBUTES = [
  TABLE.partitionKey.name,
  TABLE.sortKey.name,
  lookup.partitionKey.name,
  lookup.sortKey.name,
  due.partitionKey.name,
  due.sortKey.name,
  reminders.partitionKey.name,
  reminders.sortKey.name,
] as const;

/**
 * The whole item. A sparse index attribute is left out when it no longer applies, and since an
 * update replaces the whole item, that removes the letter from the index in the same write.
 */
function toItem(letter: Letter): Item {
  const record = plainRecord(letter);
  const dueAt = deemDueAt(letter);
  const remindAt = reminderDueAt(letter);
  return {
    ...record,
    ...itemKey(letterPk(letter.id), LETTER_SK),
    [lookup.partitionKey.name]: lettersOfPk(letter.agdref),
    [lookup.sortKey.name]: `${letter.availableAt}#${letter.id}`,
    ...(dueAt === null ? {} : { [due.partitionKey.name]: DEEM_PARTITION, [due.sortKey.name]: dueAt }),
    ...(remindAt === null
      ? {}
      : { [reminders.partitionKey.name]: REMIND_PARTITION, [reminders.sortKey.name]: remindAt }),
  };
}

function toLetter(item: Item): Letter {
  const record: Item = { ...item };
  for (const attribute of PLACEMENT_ATTRIBUTES) delete record[attribute];
  return withStoredHead(record as unknown as Letter);
}

/** LetterRepository on DynamoDB. */
export class DynamoDbLetterRepository extends SingleTableRepository implements LetterRepository {
  /** A create never overwrites: the office's document id is unique across the system. */
  async create(letter: Letter): Promise<void> {
    assertHeadMatchesChain(letter);
    await this.putNew(toItem(letter), letterPk(letter.id));
  }

  async get(id: string): Promise<Letter | null> {
    const item = await this.getItem(itemKey(letterPk(id), LETTER_SK));
    return item === undefined ? null : toLetter(item);
  }

  /** One Query on gsi1, newest first (a page holds hundreds of letters; more pages are followed). */
  async listForApplicant(agdref: string): Promise<Letter[]> {
    return this.query(
      {
        IndexName: lookup.indexName,
        KeyConditionExpression: '#partition = :partition',
        ExpressionAttributeNames: { '#partition': lookup.partitionKey.name },
        ExpressionAttributeValues: { ':partition': lettersOfPk(agdref) },
        ScanIndexForward: false,
      },
      Number.POSITIVE_INFINITY,
    );
  }

  async update(next: Letter, expectedVersion: number): Promise<void> {
    assertNextVersion(next, expectedVersion);
    assertHeadMatchesChain(next);
    await this.putVersioned(toItem(next), expectedVersion, letterPk(next.id), {
      condition: HEAD_NEVER_SHRINKS,
      names: { '#head': 'head', '#count': 'count' },
      values: { ':headCount': next.head.count },
    });
  }

  /** gsi2 (`DEEM`, windowEnd ≤ before), oldest first. */
  async pendingDeemedBefore(before: Instant, limit: number): Promise<Letter[]> {
    return this.dueBefore(due, DEEM_PARTITION, before, limit);
  }

  /** gsi3 (`REMIND`, nextReminderAt ≤ before), oldest first. */
  async remindersDueBefore(before: Instant, limit: number): Promise<Letter[]> {
    return this.dueBefore(reminders, REMIND_PARTITION, before, limit);
  }

  /**
   * R12: the one Scan of the table (docs/table-design.md), made once a day by the checkpoint: it must see every
   * letter, and a Scan read once a day costs less than an index every letter write would update.
   */
  async chainHeads(): Promise<LetterHead[]> {
    const heads: LetterHead[] = [];
    let startKey: Item | undefined;
    do {
      const page = await storeCall(() =>
        this.client.send(
          new ScanCommand({
            TableName: this.tableName,
            FilterExpression: '#sk = :letter',
            ProjectionExpression: '#id, #head, #evidence',
            ExpressionAttributeNames: { '#sk': TABLE.sortKey.name, '#id': 'id', '#head': 'head', '#evidence': 'evidence' },
            ExpressionAttributeValues: { ':letter': LETTER_SK },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const { head } = withStoredHead(item as unknown as Letter);
        heads.push({ documentId: String(item.id), count: head.count, hash: head.hash });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return heads;
  }

  private async dueBefore(
    index: (typeof TABLE.indexes)['due' | 'reminders'],
    partition: string,
    before: Instant,
    limit: number,
  ): Promise<Letter[]> {
    return this.query(
      {
        IndexName: index.indexName,
        KeyConditionExpression: '#partition = :partition AND #at <= :before',
        ExpressionAttributeNames: { '#partition': index.partitionKey.name, '#at': index.sortKey.name },
        ExpressionAttributeValues: { ':partition': partition, ':before': before },
        ScanIndexForward: true,
      },
      limit,
    );
  }

  private async query(input: Parameters<SingleTableRepository['queryItems']>[0], limit: number): Promise<Letter[]> {
    return (await this.queryItems(input, limit)).map(toLetter);
  }
}
