/**
 * AttemptLedger in the single table (docs/table-design.md): one item per subject under
 * `ATTEMPTS#<keyed hash>`, written with a condition on its version (or on its absence), with a
 * TTL so that records of identifiers nobody has stop costing anything.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/types.ts';
import { ConcurrentUpdateError } from '../../errors.ts';
import type { AttemptLedger, AttemptRecord } from '../../ports.ts';
import { attemptKey } from '../store-rules.ts';
import { storeCall } from './dynamodb-errors.ts';
import { SingleTableRepository, VERSION_IS_EXPECTED, itemKey, type TableOptions } from './dynamodb-items.ts';
import { ttlOf } from './dynamodb-session-repository.ts';
import { TABLE } from './table-definition.ts';

const ATTEMPTS_SK = 'ATTEMPTS';
const attemptsPk = (key: string): string => `ATTEMPTS#${key}`;

export class DynamoDbAttemptLedger extends SingleTableRepository implements AttemptLedger {
  private readonly secret: string | Uint8Array;

  /** `secret`: the deployment's key for hashing subjects (never stored in the table). */
  constructor(options: TableOptions & { readonly secret: string | Uint8Array }) {
    super(options);
    this.secret = options.secret;
  }

  async get(subject: string): Promise<AttemptRecord> {
    const item = await this.getItem(itemKey(attemptsPk(attemptKey(this.secret, subject)), ATTEMPTS_SK));
    if (item === undefined) return { attempts: [], version: 0 };
    return { attempts: item.attempts as Instant[], version: item.version as number };
  }

  /** One conditional PutItem: on the stored version, or on the item's absence for version 0. */
  async put(subject: string, attempts: readonly Instant[], expectedVersion: number, expiresAt: Instant): Promise<void> {
    const pk = attemptsPk(attemptKey(this.secret, subject));
    const item = {
      ...itemKey(pk, ATTEMPTS_SK),
      attempts: [...attempts],
      version: expectedVersion + 1,
      [TABLE.ttlAttribute]: ttlOf(expiresAt),
    };
    await storeCall(
      () =>
        this.client.send(
          new PutCommand(
            expectedVersion === 0
              ? this.newItemPut(item)
              : {
                  TableName: this.tableName,
                  Item: item,
                  ConditionExpression: VERSION_IS_EXPECTED,
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expectedVersion': expectedVersion },
                },
          ),
        ),
      (cause) => new ConcurrentUpdateError(pk, { cause }),
    );
  }
}
