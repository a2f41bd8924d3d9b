import { beforeEach, describe, expect, it } from 'vitest';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbSessionRepository } from '../../shared/adapters/aws/dynamodb-session-repository.ts';
import { InMemorySessionRepository } from '../../shared/adapters/memory/memory-session-repository.ts';
import { ItemAlreadyExistsError } from '../../shared/errors.ts';
import type { SessionRepository } from '../../shared/ports.ts';
import { freshTable } from '../support/dynamodb.ts';
import { aSession } from './records.ts';

const hashOf = (n: number): string => n.toString(16).padStart(64, '0');

/** The behaviour every SessionRepository shares; run below on each adapter. */
function sessionRepositoryContract(adapter: string, makeRepository: () => Promise<SessionRepository>): void {
  describe(`SessionRepository contract (${adapter})`, () => {
    let sessions: SessionRepository;

    beforeEach(async () => {
      sessions = await makeRepository();
    });

    describe('create and get', () => {
      it('returns a session until just before it expires', async () => {
        const session = aSession({ expiresAt: '2023-05-01T10:30:00.000Z' });
        await sessions.create(session);

        expect(await sessions.get(session.tokenHash, '2023-05-01T10:29:59.999Z')).toEqual(session);
      });

      it('never returns a session at or after its expiry, even before the store deletes it', async () => {
        const session = aSession({ expiresAt: '2023-05-01T10:30:00.000Z' });
        await sessions.create(session);

        expect(await sessions.get(session.tokenHash, '2023-05-01T10:30:00.000Z')).toBeNull();
        expect(await sessions.get(session.tokenHash, '2023-06-01T00:00:00.000Z')).toBeNull();
      });

      it('returns null for an unknown token hash', async () => {
        expect(await sessions.get(hashOf(404), '2023-05-01T10:00:00.000Z')).toBeNull();
      });

      it('refuses a second session with the same token hash and keeps the first', async () => {
        const first = aSession({ agdref: '1111111111' });
        await sessions.create(first);

        const creating = sessions.create(aSession({ agdref: '2222222222' }));

        await expect(creating).rejects.toBeInstanceOf(ItemAlreadyExistsError);
        expect(await sessions.get(first.tokenHash, first.createdAt)).toEqual(first);
      });
    });

    describe('touch', () => {
      it('slides the idle expiry', async () => {
        const session = aSession({ lastSeenAt: '2023-05-01T10:00:00.000Z', expiresAt: '2023-05-01T10:30:00.000Z' });
        await sessions.create(session);

        await sessions.touch(session.tokenHash, '2023-05-01T10:20:00.000Z', '2023-05-01T10:50:00.000Z');

        expect(await sessions.get(session.tokenHash, '2023-05-01T10:40:00.000Z')).toEqual({
          ...session,
          lastSeenAt: '2023-05-01T10:20:00.000Z',
          expiresAt: '2023-05-01T10:50:00.000Z',
        });
      });

      it('gives the same result when repeated', async () => {
        const session = aSession();
        await sessions.create(session);

        await sessions.touch(session.tokenHash, '2023-05-01T10:20:00.000Z', '2023-05-01T10:50:00.000Z');
        await sessions.touch(session.tokenHash, '2023-05-01T10:20:00.000Z', '2023-05-01T10:50:00.000Z');

        expect((await sessions.get(session.tokenHash, '2023-05-01T10:40:00.000Z'))?.expiresAt).toBe(
          '2023-05-01T10:50:00.000Z',
        );
      });

      it('keeps the later of two touches that arrive out of order', async () => {
        const session = aSession();
        await sessions.create(session);

        await sessions.touch(session.tokenHash, '2023-05-01T10:20:00.000Z', '2023-05-01T10:50:00.000Z');
        await sessions.touch(session.tokenHash, '2023-05-01T10:10:00.000Z', '2023-05-01T10:40:00.000Z');

        expect((await sessions.get(session.tokenHash, '2023-05-01T10:45:00.000Z'))?.lastSeenAt).toBe(
          '2023-05-01T10:20:00.000Z',
        );
      });

      it('does not bring back a deleted session', async () => {
        const session = aSession();
        await sessions.create(session);
        await sessions.delete(session.tokenHash);

        await sessions.touch(session.tokenHash, '2023-05-01T10:20:00.000Z', '2023-05-01T10:50:00.000Z');

        expect(await sessions.get(session.tokenHash, '2023-05-01T10:20:00.000Z')).toBeNull();
      });

      it('does not revive a session that had expired when it was seen', async () => {
        const session = aSession({ expiresAt: '2023-05-01T10:30:00.000Z' });
        await sessions.create(session);

        await sessions.touch(session.tokenHash, '2023-05-01T10:30:00.000Z', '2023-05-01T11:00:00.000Z');

        expect(await sessions.get(session.tokenHash, '2023-05-01T10:45:00.000Z')).toBeNull();
      });
    });

    describe('delete and deleteAllFor', () => {
      it('deletes one session, and deleting it again is a success', async () => {
        const session = aSession();
        await sessions.create(session);

        await sessions.delete(session.tokenHash);
        await sessions.delete(session.tokenHash);

        expect(await sessions.get(session.tokenHash, session.createdAt)).toBeNull();
      });

      it('deletes every session of one applicant and only theirs', async () => {
        const theirs = Array.from({ length: 30 }, (_, n) =>
          aSession({ tokenHash: hashOf(n), agdref: '1111111111', createdAt: `2023-05-01T10:${String(n).padStart(2, '0')}:00.000Z` }),
        );
        const someoneElses = aSession({ tokenHash: hashOf(999), agdref: '2222222222' });
        for (const session of [...theirs, someoneElses]) await sessions.create(session);

        await sessions.deleteAllFor('1111111111');

        for (const session of theirs) expect(await sessions.get(session.tokenHash, session.createdAt)).toBeNull();
        expect(await sessions.get(someoneElses.tokenHash, someoneElses.createdAt)).toEqual(someoneElses);
      });

      it('succeeds for an applicant without sessions', async () => {
        await expect(sessions.deleteAllFor('3333333333')).resolves.toBeUndefined();
      });
    });
  });
}

sessionRepositoryContract('in memory', async () => new InMemorySessionRepository());
sessionRepositoryContract('DynamoDB Local', async () => new DynamoDbSessionRepository(await freshTable()));

describe('DynamoDbSessionRepository time to live', () => {
  let client: DynamoDBDocumentClient;
  let tableName: string;
  let sessions: DynamoDbSessionRepository;

  beforeEach(async () => {
    ({ client, tableName } = await freshTable());
    sessions = new DynamoDbSessionRepository({ client, tableName });
  });

  async function storedTtl(tokenHash: string): Promise<unknown> {
    const result = await client.send(
      new GetCommand({ TableName: tableName, Key: { pk: `SESSION#${tokenHash}`, sk: 'SESSION' } }),
    );
    return result.Item?.ttl;
  }

  it('writes the expiry as the ttl attribute in epoch seconds, rounded up', async () => {
    const session = aSession({ expiresAt: '2023-05-01T10:30:00.250Z' });

    await sessions.create(session);

    expect(await storedTtl(session.tokenHash)).toBe(Date.parse('2023-05-01T10:30:01.000Z') / 1000);
  });

  it('moves the ttl attribute with the expiry when touched', async () => {
    const session = aSession();
    await sessions.create(session);

    await sessions.touch(session.tokenHash, '2023-05-01T10:20:00.000Z', '2023-05-01T10:50:00.000Z');

    expect(await storedTtl(session.tokenHash)).toBe(Date.parse('2023-05-01T10:50:00.000Z') / 1000);
  });
});
