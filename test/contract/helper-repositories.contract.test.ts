/**
 * docs/api.md "Helpers" stores: HelperRepository, GrantRepository and the helpers' SessionRepository,
 * one contract run on the in-memory twins and on DynamoDB Local (docs/table-design.md "Helpers"), plus the
 * DynamoDB items' TTLs and the separation of helper and applicant sessions in the one table.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbGrantRepository, DynamoDbHelperRepository } from '../../shared/adapters/aws/dynamodb-helper-repository.ts';
import { DynamoDbSessionRepository } from '../../shared/adapters/aws/dynamodb-session-repository.ts';
import { InMemoryGrantRepository, InMemoryHelperRepository } from '../../shared/adapters/memory/memory-helper-repository.ts';
import { ConcurrentUpdateError, ItemAlreadyExistsError } from '../../shared/errors.ts';
import type { AccessLogEntry, Grant, GrantRepository, Helper, HelperRepository } from '../../shared/ports.ts';
import { freshTable } from '../support/dynamodb.ts';
import { aSession } from './records.ts';

function aHelper(overrides: Partial<Helper> = {}): Helper {
  return {
    helperId: 'helper-1',
    email: 'a.martin@cada-example.org',
    name: 'Anne Martin',
    organisation: 'CADA Example',
    connectionKeyHash: 'key-hash',
    passwordHash: null,
    activatedAt: null,
    createdAt: '2023-04-20T08:00:00.000Z',
    failedAttempts: [],
    grantCode: null,
    version: 1,
    ...overrides,
  };
}

function aGrant(overrides: Partial<Grant> = {}): Grant {
  return {
    agdref: '0123456789',
    helperId: 'helper-1',
    helperName: 'Anne Martin',
    organisation: 'CADA Example',
    grantedAt: '2023-04-20T08:00:00.000Z',
    expiresAt: '2023-10-20T22:00:00.000Z',
    ...overrides,
  };
}

function anEntry(overrides: Partial<AccessLogEntry> = {}): AccessLogEntry {
  return {
    agdref: '0123456789',
    helperId: 'helper-1',
    helperName: 'Anne Martin',
    organisation: 'CADA Example',
    at: '2023-04-21T08:00:00.000Z',
    what: 'documents',
    ...overrides,
  };
}

const NOW = '2023-05-01T10:00:00.000Z';

function helperStoresContract(adapter: string, make: () => Promise<{ helpers: HelperRepository; grants: GrantRepository }>): void {
  describe(`HelperRepository and GrantRepository contract (${adapter})`, () => {
    let helpers: HelperRepository;
    let grants: GrantRepository;

    beforeEach(async () => {
      ({ helpers, grants } = await make());
    });

    describe('helpers', () => {
      it('returns every field of a created helper, by id and by e-mail', async () => {
        const helper = aHelper({ failedAttempts: ['2023-04-20T09:00:00.000Z'], grantCode: { code: 'AB12CD34', expiresAt: '2023-04-21T08:00:00.000Z' } });
        await helpers.create(helper);

        expect(await helpers.get(helper.helperId)).toEqual(helper);
        expect(await helpers.findByEmail(helper.email)).toEqual(helper);
        expect(await helpers.findByEmail('nobody@example.org')).toBeNull();
        expect(await helpers.get('helper-404')).toBeNull();
      });

      it('refuses a second helper with the same e-mail and stores nothing of it', async () => {
        await helpers.create(aHelper());

        await expect(helpers.create(aHelper({ helperId: 'helper-2' }))).rejects.toBeInstanceOf(ItemAlreadyExistsError);
        expect(await helpers.get('helper-2')).toBeNull();
      });

      it('updates on the expected version only; a stale version is ConcurrentUpdateError', async () => {
        const helper = aHelper();
        await helpers.create(helper);
        await helpers.update({ ...helper, passwordHash: 'p', version: 2 }, 1);

        await expect(helpers.update({ ...helper, name: 'stale', version: 2 }, 1)).rejects.toBeInstanceOf(ConcurrentUpdateError);
        expect(await helpers.get(helper.helperId)).toMatchObject({ passwordHash: 'p', name: 'Anne Martin', version: 2 });
      });

      it('never changes the e-mail in an update (its uniqueness guard cannot move)', async () => {
        const helper = aHelper();
        await helpers.create(helper);

        await expect(helpers.update({ ...helper, email: 'other@example.org', version: 2 }, 1)).rejects.toBeInstanceOf(ConcurrentUpdateError);
        expect((await helpers.get(helper.helperId))?.email).toBe(helper.email);
      });
    });

    describe('grant codes', () => {
      it('finds a live code until its expiry, never after', async () => {
        const code = { code: 'AB12CD34', helperId: 'helper-1', expiresAt: '2023-05-02T10:00:00.000Z' };
        await grants.createCode(code);

        expect(await grants.findCode('AB12CD34', NOW)).toEqual(code);
        expect(await grants.findCode('AB12CD34', '2023-05-02T10:00:00.000Z')).toBeNull();
        expect(await grants.findCode('ZZZZZZZZ', NOW)).toBeNull();
      });

      it('refuses a code that already exists', async () => {
        await grants.createCode({ code: 'AB12CD34', helperId: 'helper-1', expiresAt: '2023-05-02T10:00:00.000Z' });

        await expect(grants.createCode({ code: 'AB12CD34', helperId: 'helper-2', expiresAt: '2023-05-02T11:00:00.000Z' })).rejects.toBeInstanceOf(
          ItemAlreadyExistsError,
        );
        expect((await grants.findCode('AB12CD34', NOW))?.helperId).toBe('helper-1');
      });
    });

    describe('grants', () => {
      it('returns a live grant until its expiry, by helper and by applicant', async () => {
        const grant = aGrant();
        await grants.putGrant(grant);

        expect(await grants.getGrant('helper-1', '0123456789', NOW)).toEqual(grant);
        expect(await grants.grantsOfHelper('helper-1', NOW)).toEqual([grant]);
        expect(await grants.grantsOfApplicant('0123456789', NOW)).toEqual([grant]);
        expect(await grants.getGrant('helper-1', '0123456789', grant.expiresAt)).toBeNull();
        expect(await grants.grantsOfHelper('helper-1', grant.expiresAt)).toEqual([]);
        expect(await grants.grantsOfApplicant('0123456789', grant.expiresAt)).toEqual([]);
      });

      it('lists only the helper\'s own grants, by AGDREF, and only the applicant\'s own, by helper id', async () => {
        await grants.putGrant(aGrant({ agdref: '2222222222' }));
        await grants.putGrant(aGrant({ agdref: '1111111111' }));
        await grants.putGrant(aGrant({ agdref: '1111111111', helperId: 'helper-2' }));
        await grants.putGrant(aGrant({ agdref: '3333333333', expiresAt: '2023-04-30T00:00:00.000Z' }));

        expect((await grants.grantsOfHelper('helper-1', NOW)).map((grant) => grant.agdref)).toEqual(['1111111111', '2222222222']);
        expect((await grants.grantsOfApplicant('1111111111', NOW)).map((grant) => grant.helperId)).toEqual(['helper-1', 'helper-2']);
      });

      it('renews to a later expiry; an earlier one never shortens a grant', async () => {
        await grants.putGrant(aGrant());
        await grants.putGrant(aGrant({ grantedAt: '2023-06-01T08:00:00.000Z', expiresAt: '2023-12-01T23:00:00.000Z' }));
        await grants.putGrant(aGrant({ grantedAt: '2023-04-25T08:00:00.000Z', expiresAt: '2023-10-25T22:00:00.000Z' }));

        expect((await grants.getGrant('helper-1', '0123456789', NOW))?.expiresAt).toBe('2023-12-01T23:00:00.000Z');
      });

      it('revokes at once; revoking what does not exist says so', async () => {
        await grants.putGrant(aGrant());

        expect(await grants.deleteGrant('helper-1', '0123456789')).toBe(true);
        expect(await grants.getGrant('helper-1', '0123456789', NOW)).toBeNull();
        expect(await grants.grantsOfHelper('helper-1', NOW)).toEqual([]);
        expect(await grants.deleteGrant('helper-1', '0123456789')).toBe(false);
      });
    });

    describe('digest preference', () => {
      const on = { helperId: 'helper-1', email: 'a.martin@cada-example.org', language: 'fr', enabled: true } as const;

      it('is null until set; set keeps lastDigestOn; only helpers whose digest is on are subscribers', async () => {
        expect(await helpers.getDigest('helper-1')).toBeNull();
        expect(await helpers.digestSubscribers()).toEqual([]);

        expect(await helpers.setDigest(on)).toEqual({ ...on, lastDigestOn: null });
        await helpers.setDigest({ ...on, helperId: 'helper-2', email: 'b@example.org', language: 'en' });
        await helpers.setDigest({ ...on, helperId: 'helper-3', email: 'c@example.org', enabled: false });
        expect(await helpers.claimDigestDay({ ...on, lastDigestOn: null }, '2023-05-02')).toBe(true);

        expect(await helpers.getDigest('helper-1')).toEqual({ ...on, lastDigestOn: '2023-05-02' });
        const subscribers = await helpers.digestSubscribers();
        expect(subscribers.map((digest) => digest.helperId).sort()).toEqual(['helper-1', 'helper-2']);
        expect(subscribers.find((digest) => digest.helperId === 'helper-2')).toEqual({ ...on, helperId: 'helper-2', email: 'b@example.org', language: 'en', lastDigestOn: null });

        expect(await helpers.setDigest({ ...on, enabled: false })).toEqual({ ...on, enabled: false, lastDigestOn: '2023-05-02' });
        expect((await helpers.digestSubscribers()).map((digest) => digest.helperId)).toEqual(['helper-2']);
        expect(await helpers.setDigest({ ...on, language: 'en' })).toEqual({ ...on, language: 'en', lastDigestOn: '2023-05-02' });
      });

      it('claims a day once: not again that day, nor an earlier one; the next day yes; never while off or when the preference changed since read', async () => {
        const read = await helpers.setDigest(on);

        expect(await helpers.claimDigestDay(read, '2023-05-02')).toBe(true);
        expect(await helpers.claimDigestDay(read, '2023-05-02')).toBe(false);
        expect(await helpers.claimDigestDay({ ...read, lastDigestOn: '2023-05-02' }, '2023-05-01')).toBe(false);
        expect(await helpers.claimDigestDay({ ...read, lastDigestOn: '2023-05-02' }, '2023-05-03')).toBe(true);
        expect(await helpers.claimDigestDay({ ...read, helperId: 'helper-404' }, '2023-05-04')).toBe(false);

        await helpers.setDigest({ ...on, language: 'en' });
        expect(await helpers.claimDigestDay({ ...read, lastDigestOn: '2023-05-03' }, '2023-05-04')).toBe(false);
        const off = await helpers.setDigest({ ...on, enabled: false });
        expect(await helpers.claimDigestDay(off, '2023-05-04')).toBe(false);
        expect(await helpers.getDigest('helper-1')).toEqual({ ...on, enabled: false, lastDigestOn: '2023-05-03' });
      });

      it('releases a claimed day back to what it was (then it can be claimed again), and only that day', async () => {
        const read = await helpers.setDigest(on);
        await helpers.claimDigestDay(read, '2023-05-02');
        const claimed = { ...read, lastDigestOn: '2023-05-02' };
        await helpers.claimDigestDay(claimed, '2023-05-03');

        await helpers.releaseDigestDay(claimed, '2023-05-03');
        expect(await helpers.getDigest('helper-1')).toEqual(claimed);
        await helpers.releaseDigestDay(read, '2023-05-03');
        expect(await helpers.getDigest('helper-1')).toEqual(claimed);
        await helpers.releaseDigestDay(read, '2023-05-02');
        expect(await helpers.getDigest('helper-1')).toEqual(read);
        expect(await helpers.claimDigestDay(read, '2023-05-02')).toBe(true);
      });

      it('of 10 claims of the same day at once, exactly one wins', async () => {
        const read = await helpers.setDigest(on);

        const claims = await Promise.all(Array.from({ length: 10 }, () => helpers.claimDigestDay(read, '2023-05-02')));

        expect(claims.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('access log', () => {
      it('returns one applicant\'s lines newest first, at most `limit`', async () => {
        await grants.logAccess([anEntry({ at: '2023-04-21T08:00:00.000Z', what: 'list' })]);
        await grants.logAccess([anEntry({ at: '2023-04-22T08:00:00.000Z' }), anEntry({ agdref: '9999999999', at: '2023-04-22T08:00:00.000Z' })]);
        await grants.logAccess([anEntry({ at: '2023-04-23T08:00:00.000Z', helperId: 'helper-2', helperName: 'B', organisation: 'SPADA' })]);

        const log = await grants.accessLog('0123456789', 2);

        expect(log).toEqual([
          anEntry({ at: '2023-04-23T08:00:00.000Z', helperId: 'helper-2', helperName: 'B', organisation: 'SPADA' }),
          anEntry({ at: '2023-04-22T08:00:00.000Z' }),
        ]);
        expect(await grants.accessLog('9999999999', 10)).toHaveLength(1);
      });

      it('keeps every line of a list view of 30 applicants (more than one batch)', async () => {
        const agdrefs = Array.from({ length: 30 }, (_, i) => String(1_000_000_000 + i));

        await grants.logAccess(agdrefs.map((agdref) => anEntry({ agdref, what: 'list' })));

        for (const agdref of [agdrefs[0] ?? '', agdrefs[29] ?? '']) expect(await grants.accessLog(agdref, 10)).toEqual([anEntry({ agdref, what: 'list' })]);
      });
    });
  });
}

helperStoresContract('in memory', async () => ({ helpers: new InMemoryHelperRepository(), grants: new InMemoryGrantRepository() }));
helperStoresContract('DynamoDB Local', async () => {
  const table = await freshTable();
  return { helpers: new DynamoDbHelperRepository(table), grants: new DynamoDbGrantRepository(table) };
});

describe('helper items on DynamoDB Local (docs/table-design.md Helpers)', () => {
  let client: DynamoDBDocumentClient;
  let tableName: string;

  beforeEach(async () => {
    ({ client, tableName } = await freshTable());
  });

  async function stored(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    return (await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk } }))).Item;
  }

  it('writes a grant code and a grant with their expiry as ttl (epoch seconds), and the access log with a year\'s ttl', async () => {
    const grants = new DynamoDbGrantRepository({ client, tableName });
    await grants.createCode({ code: 'AB12CD34', helperId: 'helper-1', expiresAt: '2023-05-02T10:00:00.000Z' });
    await grants.putGrant(aGrant());
    await grants.logAccess([anEntry()]);

    expect((await stored('GRANTCODE#AB12CD34', 'GRANTCODE'))?.ttl).toBe(Date.parse('2023-05-02T10:00:00.000Z') / 1000);
    expect(await stored('HELPERGRANTS#helper-1', 'GRANT#0123456789')).toMatchObject({
      ttl: Date.parse('2023-10-20T22:00:00.000Z') / 1000,
      gsi1pk: 'GRANTS#0123456789',
      gsi1sk: 'helper-1',
    });
    const log = await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ACCESSLOG#0123456789' } }));
    expect(log.Items?.[0]?.ttl).toBe(Date.parse('2023-04-21T08:00:00.000Z') / 1000 + 400 * 24 * 3600);
  });

  it('keeps the digest preference in the sparse gsi1 partition HELPERDIGESTS only while it is on', async () => {
    const helpers = new DynamoDbHelperRepository({ client, tableName });
    const on = { helperId: 'helper-1', email: 'a.martin@cada-example.org', language: 'fr', enabled: true } as const;

    await helpers.setDigest(on);
    expect(await stored('HELPER#helper-1', 'DIGEST')).toMatchObject({ gsi1pk: 'HELPERDIGESTS', gsi1sk: 'helper-1', enabled: true });
    await helpers.claimDigestDay({ ...on, lastDigestOn: null }, '2023-05-02');
    expect(await stored('HELPER#helper-1', 'DIGEST')).toMatchObject({ gsi1pk: 'HELPERDIGESTS', lastDigestOn: '2023-05-02' });
    await helpers.setDigest({ ...on, enabled: false });
    const off = await stored('HELPER#helper-1', 'DIGEST');
    expect(off).toMatchObject({ enabled: false, lastDigestOn: '2023-05-02' });
    expect(off).not.toHaveProperty('gsi1pk');
    expect(off).not.toHaveProperty('gsi1sk');
  });

  it('keeps helper sessions apart from applicant sessions in the one table (a helper token is no applicant session)', async () => {
    const applicantSessions = new DynamoDbSessionRepository({ client, tableName });
    const helperSessions = new DynamoDbSessionRepository({ client, tableName, kind: 'helper' });
    const session = aSession({ agdref: 'helper-1' });

    await helperSessions.create(session);

    expect(await helperSessions.get(session.tokenHash, '2023-05-01T10:00:00.000Z')).toEqual(session);
    expect(await applicantSessions.get(session.tokenHash, '2023-05-01T10:00:00.000Z')).toBeNull();
    expect(await stored(`HELPERSESSION#${session.tokenHash}`, 'SESSION')).toMatchObject({ gsi1pk: 'HELPERSESSIONS#helper-1' });
    await applicantSessions.deleteAllFor('helper-1');
    expect(await helperSessions.get(session.tokenHash, '2023-05-01T10:00:00.000Z')).toEqual(session);
  });
});
