/**
 * The AttemptLedger port (docs/api.md lockout, docs/architecture.md "guards hold under concurrency"), on DynamoDB
 * Local and on its in-memory twin: versioned conditional writes, subjects never stored in clear,
 * and — through the lockout's reserveAttempt — at most 5 reservations out of 50 parallel ones.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbAttemptLedger } from '../../shared/adapters/aws/dynamodb-attempt-ledger.ts';
import { InMemoryAttemptLedger } from '../../shared/adapters/memory/memory-attempt-ledger.ts';
import { ConcurrentUpdateError, TooManyAttemptsError } from '../../shared/errors.ts';
import type { AttemptLedger } from '../../shared/ports.ts';
import { LOCKOUT_THRESHOLD, clearAttempts, releaseAttempt, reserveAttempt } from '../../shared/use-cases/lockout.ts';
import { freshTable } from '../support/dynamodb.ts';

const NOW = '2023-04-20T08:00:00.000Z';
const LATER = '2023-04-20T08:05:00.000Z';

function attemptLedgerContract(adapter: string, makeLedger: () => Promise<AttemptLedger>): void {
  describe(`AttemptLedger contract (${adapter})`, () => {
    let ledger: AttemptLedger;

    beforeEach(async () => {
      ledger = await makeLedger();
    });

    it('has an empty record at version 0 for a subject never seen', async () => {
      expect(await ledger.get('applicant:7512345678')).toEqual({ attempts: [], version: 0 });
    });

    it('writes the next version on the expected one, and refuses a stale or a second first write', async () => {
      await ledger.put('s', [NOW], 0, LATER);

      await expect(ledger.put('s', [NOW, NOW], 0, LATER)).rejects.toBeInstanceOf(ConcurrentUpdateError);
      await ledger.put('s', [NOW, LATER], 1, LATER);
      await expect(ledger.put('s', [], 1, LATER)).rejects.toBeInstanceOf(ConcurrentUpdateError);
      expect(await ledger.get('s')).toEqual({ attempts: [NOW, LATER], version: 2 });
      expect(await ledger.get('other')).toEqual({ attempts: [], version: 0 });
    });

    it('reserves at most 5 attempts out of 50 parallel ones; the others are refused with 429, none fails otherwise', async () => {
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => reserveAttempt(ledger, 'identifier:7599999999', NOW)));

      const reserved = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
      const refused = outcomes.filter((outcome) => outcome.status === 'rejected' && outcome.reason instanceof TooManyAttemptsError).length;
      expect(reserved).toBeLessThanOrEqual(LOCKOUT_THRESHOLD);
      expect(reserved + refused).toBe(50);
      expect((await ledger.get('identifier:7599999999')).attempts.length).toBe(reserved);
    });

    it('releases one reservation without forgetting the others, and clears them all after a success', async () => {
      await reserveAttempt(ledger, 's', NOW);
      await reserveAttempt(ledger, 's', LATER);

      await releaseAttempt(ledger, 's', LATER, LATER);
      expect((await ledger.get('s')).attempts).toEqual([NOW]);
      await clearAttempts(ledger, 's', LATER);
      expect((await ledger.get('s')).attempts).toEqual([]);
    });
  });
}

attemptLedgerContract('in memory', async () => new InMemoryAttemptLedger());

attemptLedgerContract('DynamoDB Local', async () => {
  const { client, tableName } = await freshTable();
  return new DynamoDbAttemptLedger({ client, tableName, secret: 'a test key of at least thirty-two characters' });
});

describe('DynamoDbAttemptLedger items', () => {
  it('keys records by a keyed hash of the subject (never the identifier in clear) and sets a TTL', async () => {
    const { client, tableName } = await freshTable();
    const ledger = new DynamoDbAttemptLedger({ client, tableName, secret: 'a test key of at least thirty-two characters' });
    const other = new DynamoDbAttemptLedger({ client, tableName, secret: 'another key of at least thirty-two characters' });

    await ledger.put('identifier:7599999999', [NOW], 0, LATER);

    const items = (await client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
    expect(items).toHaveLength(1);
    expect(JSON.stringify(items)).not.toContain('7599999999');
    expect(items[0]?.ttl).toBe(Date.parse(LATER) / 1000);
    expect(await other.get('identifier:7599999999')).toEqual({ attempts: [], version: 0 });
  });
});
