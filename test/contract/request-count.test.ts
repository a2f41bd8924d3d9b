/**
 * How many DynamoDB requests each repository operation costs, counted by wrapping the document
 * client's `send` on DynamoDB Local. docs/table-design.md quotes these numbers; a change that adds a round
 * trip to a hot path fails here first.
 */
import { afterAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbApplicantRepository } from '../../shared/adapters/aws/dynamodb-applicant-repository.ts';
import { DynamoDbLetterRepository } from '../../shared/adapters/aws/dynamodb-letter-repository.ts';
import { DynamoDbSessionRepository } from '../../shared/adapters/aws/dynamodb-session-repository.ts';
import { freshTable } from '../support/dynamodb.ts';
import { aLetter, anApplicant, aSession, nextVersionOf } from './records.ts';

describe('DynamoDB requests per operation', () => {
  const measured: Array<{ operation: string; requests: string[] }> = [];
  let client: DynamoDBDocumentClient;
  let send: MockInstance;
  let applicants: DynamoDbApplicantRepository;
  let sessions: DynamoDbSessionRepository;
  let letters: DynamoDbLetterRepository;

  beforeEach(async () => {
    const table = await freshTable();
    client = table.client;
    applicants = new DynamoDbApplicantRepository(table);
    sessions = new DynamoDbSessionRepository(table);
    letters = new DynamoDbLetterRepository(table);
    send = vi.spyOn(client, 'send');
  });

  afterAll(() => {
    const lines = measured.map(({ operation, requests }) => `  ${operation}: ${requests.length} (${requests.join(', ')})`);
    process.stdout.write(`\nDynamoDB requests per operation:\n${lines.join('\n')}\n`);
  });

  /** The commands `action` sent, by name, recorded under `operation`. */
  async function requestsOf(operation: string, action: () => Promise<unknown>): Promise<string[]> {
    send.mockClear();
    await action();
    const requests = send.mock.calls.map(([command]) => (command as object).constructor.name.replace(/Command$/, ''));
    measured.push({ operation, requests });
    return requests;
  }

  it('lists an applicant\'s letters with one Query', async () => {
    for (const id of ['doc-1', 'doc-2', 'doc-3']) await letters.create(aLetter({ id }));

    expect(await requestsOf('letters.listForApplicant (3 letters)', () => letters.listForApplicant('0123456789'))).toEqual(['Query']);
  });

  it('creates a letter with one PutItem', async () => {
    expect(await requestsOf('letters.create', () => letters.create(aLetter()))).toEqual(['Put']);
  });

  it('reads then updates a letter with one GetItem and one conditional PutItem', async () => {
    await letters.create(aLetter());

    const requests = await requestsOf('letters.get + letters.update', async () => {
      const letter = await letters.get('doc-1');
      if (letter === null) throw new Error('letter missing');
      await letters.update(nextVersionOf(letter, { firstOpenedAt: '2023-04-21T08:00:00.000Z' }), letter.version);
    });

    expect(requests).toEqual(['Get', 'Put']);
  });

  it('finds the letters due for the sweep with one Query per index', async () => {
    await letters.create(aLetter({ nextReminderAt: '2023-04-27T08:00:00.000Z' }));

    expect(await requestsOf('letters.pendingDeemedBefore', () => letters.pendingDeemedBefore('2023-06-01T00:00:00.000Z', 50))).toEqual(['Query']);
    expect(await requestsOf('letters.remindersDueBefore', () => letters.remindersDueBefore('2023-06-01T00:00:00.000Z', 50))).toEqual(['Query']);
  });

  it('finds an applicant by AGDREF with one GetItem', async () => {
    await applicants.create(anApplicant({ agdref: '0123456789', ofpraFileNumber: '7654321' }));

    expect(await requestsOf('applicants.findByIdentifier (AGDREF)', () => applicants.findByIdentifier('0123456789'))).toEqual(['Get']);
  });

  it('finds an applicant by office file number with one Query', async () => {
    await applicants.create(anApplicant({ agdref: '0123456789', ofpraFileNumber: '7654321' }));

    expect(await requestsOf('applicants.findByIdentifier (file number)', () => applicants.findByIdentifier('7654321'))).toEqual(['Query']);
  });

  it('finds an applicant by a ten-digit office file number with a missed GetItem then one Query', async () => {
    await applicants.create(anApplicant({ agdref: '0123456789', ofpraFileNumber: '5555555555' }));

    expect(await requestsOf('applicants.findByIdentifier (10-digit file number)', () => applicants.findByIdentifier('5555555555'))).toEqual(['Get', 'Query']);
  });

  it('creates an applicant and its file-number guard in one transaction, and updates with one PutItem', async () => {
    const applicant = anApplicant({ ofpraFileNumber: '7654321' });

    expect(await requestsOf('applicants.create (with file number)', () => applicants.create(applicant))).toEqual(['TransactWrite']);
    expect(await requestsOf('applicants.update', () => applicants.update(nextVersionOf(applicant, { language: 'en' }), applicant.version))).toEqual(['Put']);
  });

  it('reads and touches a session with one request each', async () => {
    const session = aSession();
    await sessions.create(session);

    expect(await requestsOf('sessions.get', () => sessions.get(session.tokenHash, session.createdAt))).toEqual(['Get']);
    expect(await requestsOf('sessions.touch', () => sessions.touch(session.tokenHash, '2023-05-01T10:10:00.000Z', '2023-05-01T10:40:00.000Z'))).toEqual(['Update']);
  });

  it('deletes an applicant\'s sessions with one Query and one BatchWriteItem per 25', async () => {
    for (let n = 0; n < 3; n += 1) await sessions.create(aSession({ tokenHash: `hash-${n}` }));

    expect(await requestsOf('sessions.deleteAllFor (3 sessions)', () => sessions.deleteAllFor('0123456789'))).toEqual(['Query', 'BatchWrite']);
  });
});
