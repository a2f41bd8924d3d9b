/**
 * What the DynamoDB adapters do with the SDK's failures and page boundaries — the cases DynamoDB
 * Local cannot be made to produce on demand (throttling, cancelled transactions, unprocessed batch
 * items, a page break), played with aws-sdk-client-mock on the document client.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDbApplicantRepository } from '../../shared/adapters/aws/dynamodb-applicant-repository.ts';
import { translateDynamoDbError } from '../../shared/adapters/aws/dynamodb-errors.ts';
import { DynamoDbLetterRepository } from '../../shared/adapters/aws/dynamodb-letter-repository.ts';
import { DynamoDbSessionRepository } from '../../shared/adapters/aws/dynamodb-session-repository.ts';
import {
  ConcurrentUpdateError,
  ItemAlreadyExistsError,
  ServiceUnavailableError,
  StoreThrottledError,
  type AppError,
} from '../../shared/errors.ts';
import { aLetter, anApplicant } from './records.ts';

const $metadata = {};
const alreadyExists = (cause: unknown, index: number): AppError => new ItemAlreadyExistsError(`item ${index}`, { cause });

describe('translateDynamoDbError', () => {
  it('gives a failed condition the meaning the call chose', () => {
    const error = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata });

    const translated = translateDynamoDbError(error, alreadyExists);

    expect(translated).toBeInstanceOf(ItemAlreadyExistsError);
    expect(translated.cause).toBe(error);
  });

  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'])(
    'reports %s as throttling',
    (name) => {
      const error = Object.assign(new Error('slow down'), { name });

      expect(translateDynamoDbError(error)).toBeInstanceOf(StoreThrottledError);
    },
  );

  it('points at the transaction item whose condition failed', () => {
    const error = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata,
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });

    expect(translateDynamoDbError(error, alreadyExists).message).toContain('item 1');
  });

  it('reports a transaction cancelled for throttling as throttling', () => {
    const error = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata,
      CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }],
    });

    expect(translateDynamoDbError(error, alreadyExists)).toBeInstanceOf(StoreThrottledError);
  });

  it('reports a transaction that collided with another as a concurrent update', () => {
    const error = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata,
      CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
    });

    expect(translateDynamoDbError(error, alreadyExists)).toBeInstanceOf(ConcurrentUpdateError);
  });

  it('reports an unreachable store or a server fault as ServiceUnavailableError (503), keeping the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } });
    const serverFault = Object.assign(new Error('Internal server error'), {
      name: 'InternalServerError',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });

    for (const error of [refused, serverFault]) {
      const translated = translateDynamoDbError(error);
      expect(translated).toBeInstanceOf(ServiceUnavailableError);
      expect(translated.cause).toBe(error);
    }
  });

  it('wraps a request DynamoDB refused (a bug) in a plain Error that keeps the SDK exception as its cause', () => {
    const error = Object.assign(new Error('Requested resource not found'), {
      name: 'ResourceNotFoundException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });

    const translated = translateDynamoDbError(error);

    expect(translated.constructor).toBe(Error);
    expect(translated.message).toContain('ResourceNotFoundException');
    expect(translated.cause).toBe(error);
  });
});

describe('DynamoDB adapters against a mocked document client', () => {
  const tableName = 'mailbox';
  let client: DynamoDBDocumentClient;
  let dynamo: ReturnType<typeof mockClient>;

  beforeEach(() => {
    client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: 'eu-west-3', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
    );
    dynamo = mockClient(client);
  });

  afterEach(() => {
    dynamo.restore();
  });

  it('never lets a throttling exception reach the caller', async () => {
    dynamo.on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'throttled', $metadata }));

    await expect(new DynamoDbLetterRepository({ client, tableName }).get('doc-1')).rejects.toBeInstanceOf(
      StoreThrottledError,
    );
  });

  it('reports a taken office file number from the cancelled creation transaction', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata,
        CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );

    const creating = new DynamoDbApplicantRepository({ client, tableName }).create(
      anApplicant({ ofpraFileNumber: '1234567' }),
    );

    await expect(creating).rejects.toThrow(new ItemAlreadyExistsError('IDENTIFIER#1234567'));
  });

  it('retries the deletions DynamoDB left unprocessed', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [{ pk: 'SESSION#a', sk: 'SESSION' }, { pk: 'SESSION#b', sk: 'SESSION' }] });
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [tableName]: [{ DeleteRequest: { Key: { pk: 'SESSION#b', sk: 'SESSION' } } }] } })
      .resolves({});

    await new DynamoDbSessionRepository({ client, tableName }).deleteAllFor('0123456789');

    const batches = dynamo.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems?.[tableName]);
    expect(batches.map((batch) => batch?.length)).toEqual([2, 1]);
  });

  it('follows pages until the limit and asks each page only for what is still missing', async () => {
    const item = (id: string): Record<string, unknown> => ({ ...aLetter({ id }), pk: `LETTER#${id}`, sk: 'LETTER', duePk: 'DEEM' });
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [item('a')], LastEvaluatedKey: { pk: 'LETTER#a' } })
      .resolvesOnce({ Items: [item('b'), item('c')], LastEvaluatedKey: { pk: 'LETTER#c' } })
      .resolves({ Items: [item('d')] });

    const due = await new DynamoDbLetterRepository({ client, tableName }).pendingDeemedBefore('2023-06-01T00:00:00.000Z', 3);

    expect(due).toEqual([aLetter({ id: 'a' }), aLetter({ id: 'b' }), aLetter({ id: 'c' })]);
    const pages = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(pages.map((page) => [page.Limit, page.ExclusiveStartKey])).toEqual([
      [3, undefined],
      [2, { pk: 'LETTER#a' }],
    ]);
  });
});
