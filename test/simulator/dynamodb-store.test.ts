import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadTimeline } from '../../simulator/load.ts';
import { runTimeline } from '../../simulator/runner.ts';
import { dynamoDbStore, memoryStore } from '../../simulator/stores.ts';
import { exampleTimelines, scenariosDir, timelineFiles } from './support.ts';

const files = [...timelineFiles(exampleTimelines), ...timelineFiles(scenariosDir)];
const dynamodb = dynamoDbStore(inject('dynamoEndpoint'));

afterAll(async () => {
  await dynamodb.shutdown();
});

describe('the store never changes a date: DynamoDB Local gives the in-memory results', () => {
  it.each(files)(
    '%s',
    async (file) => {
      // Arrange
      const loaded = await loadTimeline(file);
      if (!loaded.ok) throw new Error(`invalid ${file}`);

      // Act
      const inMemory = await runTimeline(file, loaded.file, { store: memoryStore() });
      const onDynamoDb = await runTimeline(file, loaded.file, { store: dynamodb });

      // Assert
      expect(onDynamoDb.failures).toEqual([]);
      expect(JSON.stringify(onDynamoDb)).toBe(JSON.stringify(inMemory));
    },
    120_000,
  );
});
