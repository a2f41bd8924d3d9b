/**
 * Where a simulation keeps its records: the in-memory twins (default, fast) or the DynamoDB
 * repositories on a fresh table of a DynamoDB Local — the same adapters the Lambdas use, to show
 * that the store never changes a date.
 */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbRepositories } from '../shared/adapters/aws/dynamodb-repositories.ts';
import { ensureTable, localClient, startDynamoDbLocal, type DynamoDbLocal } from '../shared/adapters/local/dynamodb-local.ts';
import type { ApplicantRepository, GrantRepository, HelperRepository, LetterRepository, SessionRepository } from '../shared/ports.ts';

export { memoryStore } from './memory-store.ts';

export type StoreKind = 'memory' | 'dynamodb';

export interface Repositories {
  readonly applicants: ApplicantRepository;
  readonly sessions: SessionRepository;
  readonly letters: LetterRepository;
  readonly helpers: HelperRepository;
  readonly helperSessions: SessionRepository;
  readonly grants: GrantRepository;
}

/** One empty store for one simulation. */
export interface StoreHandle extends Repositories {
  close(): Promise<void>;
}

export interface StoreProvider {
  readonly kind: StoreKind;
  /** A new, empty store. */
  open(): Promise<StoreHandle>;
  /** Releases what the provider started (DynamoDB Local), if anything. */
  shutdown(): Promise<void>;
}

/** The DynamoDB repositories, one fresh table per `open()`, on the DynamoDB Local at `endpoint`. */
export function dynamoDbStore(endpoint: string, onShutdown: () => Promise<void> = async () => {}): StoreProvider {
  const raw = localClient(endpoint);
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    kind: 'dynamodb',
    open: async () => {
      const tableName = `sim-${randomUUID()}`;
      await ensureTable(raw, tableName);
      return {
        ...dynamoDbRepositories({ client, tableName }),
        close: async () => {
          await raw.send(new DeleteTableCommand({ TableName: tableName }));
        },
      };
    },
    shutdown: async () => {
      client.destroy();
      await onShutdown();
    },
  };
}

/** Starts a DynamoDB Local of its own (Java) and stops it on `shutdown()`. */
export async function startedDynamoDbStore(): Promise<StoreProvider> {
  const local: DynamoDbLocal = await startDynamoDbLocal();
  return dynamoDbStore(local.endpoint, () => local.stop());
}
