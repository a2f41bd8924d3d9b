import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable, localClient } from '../../shared/adapters/local/dynamodb-local.ts';

/** A new, empty table on the run's DynamoDB Local, created from the shared table definition. */
export async function freshTable(): Promise<{ tableName: string; client: DynamoDBDocumentClient; endpoint: string }> {
  const endpoint = inject('dynamoEndpoint');
  const raw = localClient(endpoint);
  const tableName = `t-${randomUUID()}`;
  await ensureTable(raw, tableName);
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return { tableName, client, endpoint };
}
