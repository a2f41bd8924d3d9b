/**
 * Vitest global setup: one DynamoDB Local (in memory, free port) for the whole run. Test files
 * create their own uniquely named tables with `freshTable()` from `test/support/dynamodb.ts`.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, javaIsAvailable, type DynamoDbLocal } from '../../shared/adapters/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let running: DynamoDbLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!javaIsAvailable()) {
    throw new Error(
      'The store tests run on DynamoDB Local, which needs Java 17+: install it (Debian: apt-get install default-jre-headless).',
    );
  }
  // A shared, busy machine can take far longer than the usual ~3 s to start the JVM.
  running = await startDynamoDbLocal({ startTimeoutMs: 180_000 });
  project.provide('dynamoEndpoint', running.endpoint);
}

export async function teardown(): Promise<void> {
  await running?.stop();
}
