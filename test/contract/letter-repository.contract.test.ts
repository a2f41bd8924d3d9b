import { beforeEach, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbLetterRepository } from '../../shared/adapters/aws/dynamodb-letter-repository.ts';
import { InMemoryLetterRepository } from '../../shared/adapters/memory/memory-letter-repository.ts';
import { appendEvidence, headOf } from '../../shared/domain/evidence.ts';
import { ConcurrentUpdateError, ItemAlreadyExistsError } from '../../shared/errors.ts';
import type { Letter, LetterRepository } from '../../shared/ports.ts';
import { freshTable } from '../support/dynamodb.ts';
import { aLetter, nextVersionOf } from './records.ts';

const ids = (letters: readonly Letter[]): string[] => letters.map((letter) => letter.id);

/** A notifiable letter made available at `availableAt` whose window ends at `windowEnd`. */
function pending(id: string, windowEnd: string, overrides: Partial<Letter> = {}): Letter {
  return aLetter({ id, windowEnd, ...overrides });
}

/** The behaviour every LetterRepository shares; run below on each adapter. */
function letterRepositoryContract(adapter: string, makeRepository: () => Promise<LetterRepository>): void {
  describe(`LetterRepository contract (${adapter})`, () => {
    let letters: LetterRepository;

    beforeEach(async () => {
      letters = await makeRepository();
    });

    describe('create and get', () => {
      it('returns every field of a created letter, evidence and alerts included', async () => {
        const letter = aLetter({
          title: 'Décision',
          legalAid: { requestedOn: '2023-04-25', decisionNotifiedOn: null },
          alerts: [
            { id: 'doc-1.deposit.0.sms', channel: 'sms', kind: 'deposit', day: 0, status: 'delivered', attempts: 1, lastAttemptAt: '2023-04-20T08:00:01.000Z' },
          ],
          nextReminderAt: '2023-04-27T08:00:00.000Z',
          evidence: [
            { at: '2023-04-20T08:00:00.000Z', event: 'deposited', previousHash: '0'.repeat(64), hash: '1'.repeat(64) },
            { at: '2023-04-20T08:00:01.000Z', event: 'alertSent', channel: 'sms', kind: 'deposit', day: 0, previousHash: '1'.repeat(64), hash: '2'.repeat(64) },
          ],
        });

        await letters.create(letter);

        expect(await letters.get(letter.id)).toEqual(letter);
      });

      it('returns null for an unknown id', async () => {
        expect(await letters.get('unknown')).toBeNull();
      });

      it('refuses a second letter with the same id, even for another applicant, and keeps the first', async () => {
        const first = aLetter({ id: 'doc-1', agdref: '1111111111' });
        await letters.create(first);

        const creating = letters.create(aLetter({ id: 'doc-1', agdref: '2222222222' }));

        await expect(creating).rejects.toBeInstanceOf(ItemAlreadyExistsError);
        expect(await letters.get('doc-1')).toEqual(first);
        expect(await letters.listForApplicant('2222222222')).toEqual([]);
      });

      it('keeps stored state out of reach of the caller', async () => {
        const letter = aLetter();
        await letters.create(letter);

        (letter.evidence as unknown[]).push('tampered');
        const read = await letters.get(letter.id);
        (read?.evidence as unknown[] | undefined)?.push('tampered');

        expect((await letters.get(letter.id))?.evidence).toHaveLength(1);
      });
    });

    describe('listForApplicant', () => {
      it('lists one applicant\'s letters newest first', async () => {
        await letters.create(aLetter({ id: 'march', availableAt: '2023-03-01T08:00:00.000Z' }));
        await letters.create(aLetter({ id: 'may', availableAt: '2023-05-01T08:00:00.000Z' }));
        await letters.create(aLetter({ id: 'april', availableAt: '2023-04-01T08:00:00.000Z' }));

        expect(ids(await letters.listForApplicant('0123456789'))).toEqual(['may', 'april', 'march']);
      });

      it('orders letters made available at the same instant by id, descending', async () => {
        await letters.create(aLetter({ id: 'doc-a' }));
        await letters.create(aLetter({ id: 'doc-c' }));
        await letters.create(aLetter({ id: 'doc-b' }));

        expect(ids(await letters.listForApplicant('0123456789'))).toEqual(['doc-c', 'doc-b', 'doc-a']);
      });

      it('lists only the applicant\'s own letters', async () => {
        await letters.create(aLetter({ id: 'mine', agdref: '1111111111' }));
        await letters.create(aLetter({ id: 'theirs', agdref: '2222222222' }));

        expect(ids(await letters.listForApplicant('1111111111'))).toEqual(['mine']);
        expect(await letters.listForApplicant('3333333333')).toEqual([]);
      });

      it('lists letters whole and as last written', async () => {
        const letter = aLetter();
        await letters.create(letter);
        const opened = nextVersionOf(letter, { firstOpenedAt: '2023-04-21T08:00:00.000Z' });
        await letters.update(opened, letter.version);

        expect(await letters.listForApplicant(letter.agdref)).toEqual([opened]);
      });
    });

    describe('update', () => {
      it('writes the next version when the stored version is the expected one', async () => {
        const letter = aLetter({ version: 4 });
        await letters.create(letter);
        const next = nextVersionOf(letter, { firstOpenedAt: '2023-04-21T08:00:00.000Z' });

        await letters.update(next, 4);

        expect(await letters.get(letter.id)).toEqual(next);
      });

      it('refuses a write against a stale version and keeps the stored one', async () => {
        const letter = aLetter();
        await letters.create(letter);
        const winner = nextVersionOf(letter, { firstOpenedAt: '2023-04-21T08:00:00.000Z' });
        await letters.update(winner, letter.version);

        const repeated = letters.update(nextVersionOf(letter, { deemedAt: letter.windowEnd }), letter.version);

        await expect(repeated).rejects.toBeInstanceOf(ConcurrentUpdateError);
        expect(await letters.get(letter.id)).toEqual(winner);
      });

      it('refuses to write a letter that does not exist', async () => {
        await expect(letters.update(nextVersionOf(aLetter()), 1)).rejects.toBeInstanceOf(ConcurrentUpdateError);
        expect(await letters.get(aLetter().id)).toBeNull();
      });

      it('refuses a write whose version is not the expected one plus one', async () => {
        const letter = aLetter();
        await letters.create(letter);

        await expect(letters.update(letter, letter.version)).rejects.toBeInstanceOf(RangeError);
      });
    });

    describe('chain head (R12)', () => {
      it('R12 stores the head written with the chain and returns it with every read', async () => {
        const letter = aLetter();
        await letters.create(letter);
        const evidence = appendEvidence(letter.evidence, { at: '2023-04-21T08:00:00.000Z', event: 'firstOpened' });
        const next = nextVersionOf(letter, { evidence, head: headOf(evidence) });

        await letters.update(next, letter.version);

        expect((await letters.get(letter.id))?.head).toEqual({ count: 2, hash: evidence[1]?.hash });
        expect((await letters.listForApplicant(letter.agdref))[0]?.head).toEqual(headOf(evidence));
      });

      it('R12 refuses a letter whose head does not match its chain, on create and on update', async () => {
        const letter = aLetter();
        const evidence = appendEvidence(letter.evidence, { at: '2023-04-21T08:00:00.000Z', event: 'firstOpened' });

        await expect(letters.create(aLetter({ id: 'other', head: { count: 2, hash: letter.head.hash } }))).rejects.toBeInstanceOf(RangeError);
        await letters.create(letter);
        // The event appended without moving the head: the last event could later be dropped unseen.
        await expect(letters.update(nextVersionOf(letter, { evidence }), letter.version)).rejects.toBeInstanceOf(RangeError);
        expect(await letters.get(letter.id)).toEqual(letter);
        expect(await letters.get('other')).toBeNull();
      });

      it('R12 refuses a write that would shorten the chain, even at the expected version', async () => {
        const evidence = appendEvidence(aLetter().evidence, { at: '2023-04-21T08:00:00.000Z', event: 'firstOpened' });
        const letter = aLetter({ evidence, head: headOf(evidence) });
        await letters.create(letter);
        const shortened = evidence.slice(0, 1);

        const writing = letters.update(nextVersionOf(letter, { evidence: shortened, head: headOf(shortened) }), letter.version);

        await expect(writing).rejects.toBeInstanceOf(ConcurrentUpdateError);
        expect((await letters.get(letter.id))?.head).toEqual(headOf(evidence));
      });

      it('R12 lists every letter\'s head for the daily checkpoint, whatever its applicant', async () => {
        const opened = appendEvidence(aLetter().evidence, { at: '2023-04-21T08:00:00.000Z', event: 'firstOpened' });
        await letters.create(aLetter({ id: 'a', agdref: '1111111111' }));
        await letters.create(aLetter({ id: 'b', agdref: '2222222222', evidence: opened, head: headOf(opened) }));

        const heads = await letters.chainHeads();

        expect(heads.sort((x, y) => x.documentId.localeCompare(y.documentId))).toEqual([
          { documentId: 'a', ...headOf(aLetter().evidence) },
          { documentId: 'b', ...headOf(opened) },
        ]);
      });
    });

    describe('pendingDeemedBefore (R5)', () => {
      it('lists letters whose window ended by then, oldest first, and not those still open', async () => {
        await letters.create(pending('late', '2023-05-03T22:00:00.000Z'));
        await letters.create(pending('early', '2023-05-01T22:00:00.000Z'));
        await letters.create(pending('exactly', '2023-05-05T22:00:00.000Z'));
        await letters.create(pending('open', '2023-05-05T22:00:00.001Z'));

        const due = await letters.pendingDeemedBefore('2023-05-05T22:00:00.000Z', 10);

        expect(ids(due)).toEqual(['early', 'late', 'exactly']);
      });

      it('returns at most `limit` letters, the oldest', async () => {
        for (let day = 10; day < 20; day += 1) await letters.create(pending(`d${day}`, `2023-05-${day}T22:00:00.000Z`));

        expect(ids(await letters.pendingDeemedBefore('2023-06-01T00:00:00.000Z', 3))).toEqual(['d10', 'd11', 'd12']);
        expect(await letters.pendingDeemedBefore('2023-06-01T00:00:00.000Z', 0)).toEqual([]);
      });

      it('leaves out letters that can never be deemed: not notifiable, postal', async () => {
        await letters.create(pending('plain', '2023-05-01T22:00:00.000Z', { type: 'other', outcome: null, notifiable: false, windowEnd: null }));
        await letters.create(pending('postal', '2023-05-01T22:00:00.000Z', { postal: true }));

        expect(await letters.pendingDeemedBefore('2023-06-01T00:00:00.000Z', 10)).toEqual([]);
      });

      it('drops a letter once it is deemed', async () => {
        const letter = pending('doc-1', '2023-05-01T22:00:00.000Z');
        await letters.create(letter);

        await letters.update(nextVersionOf(letter, { deemedAt: letter.windowEnd }), letter.version);

        expect(await letters.pendingDeemedBefore('2023-06-01T00:00:00.000Z', 10)).toEqual([]);
      });

      it('drops a letter once it is opened in time', async () => {
        const letter = pending('doc-1', '2023-05-01T22:00:00.000Z');
        await letters.create(letter);

        await letters.update(nextVersionOf(letter, { firstOpenedAt: '2023-05-01T21:59:59.999Z' }), letter.version);

        expect(await letters.pendingDeemedBefore('2023-06-01T00:00:00.000Z', 10)).toEqual([]);
      });

      it('keeps a letter opened only after its window ended until it is deemed', async () => {
        const letter = pending('doc-1', '2023-05-01T22:00:00.000Z');
        await letters.create(letter);
        const openedLate = nextVersionOf(letter, { firstOpenedAt: '2023-05-01T22:00:00.000Z' });

        await letters.update(openedLate, letter.version);

        expect(await letters.pendingDeemedBefore('2023-06-01T00:00:00.000Z', 10)).toEqual([openedLate]);
      });
    });

    describe('remindersDueBefore (R11)', () => {
      it('lists letters whose next reminder is due by then, oldest first', async () => {
        await letters.create(aLetter({ id: 'second', nextReminderAt: '2023-05-04T08:00:00.000Z' }));
        await letters.create(aLetter({ id: 'first', nextReminderAt: '2023-04-27T08:00:00.000Z' }));
        await letters.create(aLetter({ id: 'later', nextReminderAt: '2023-05-04T08:00:00.001Z' }));
        await letters.create(aLetter({ id: 'none', nextReminderAt: null }));

        expect(ids(await letters.remindersDueBefore('2023-05-04T08:00:00.000Z', 10))).toEqual(['first', 'second']);
      });

      it('returns at most `limit` letters, the oldest', async () => {
        for (let day = 10; day < 20; day += 1) {
          await letters.create(aLetter({ id: `d${day}`, nextReminderAt: `2023-05-${day}T08:00:00.000Z` }));
        }

        expect(ids(await letters.remindersDueBefore('2023-06-01T00:00:00.000Z', 2))).toEqual(['d10', 'd11']);
      });

      it('follows the next reminder as it is set, moved and cleared', async () => {
        const letter = aLetter({ nextReminderAt: null });
        await letters.create(letter);
        const scheduled = nextVersionOf(letter, { nextReminderAt: '2023-04-27T08:00:00.000Z' });
        const moved = nextVersionOf(scheduled, { nextReminderAt: '2023-05-04T08:00:00.000Z' });
        const cleared = nextVersionOf(moved, { nextReminderAt: null });
        const before = '2023-04-30T00:00:00.000Z';

        await letters.update(scheduled, letter.version);
        const afterScheduling = ids(await letters.remindersDueBefore(before, 10));
        await letters.update(moved, scheduled.version);
        const afterMoving = ids(await letters.remindersDueBefore(before, 10));
        await letters.update(cleared, moved.version);
        const afterClearing = ids(await letters.remindersDueBefore('2023-06-01T00:00:00.000Z', 10));

        expect([afterScheduling, afterMoving, afterClearing]).toEqual([['doc-1'], [], []]);
      });
    });
  });
}

letterRepositoryContract('in memory', async () => new InMemoryLetterRepository());
letterRepositoryContract('DynamoDB Local', async () => new DynamoDbLetterRepository(await freshTable()));

describe('DynamoDbLetterRepository in the shared table', () => {
  it('R12 migration: reads a letter item written before the head existed with the head of its stored chain', async () => {
    const { client, tableName } = await freshTable();
    const letters = new DynamoDbLetterRepository({ client, tableName });
    const chain = appendEvidence(appendEvidence([], { at: '2023-04-20T08:00:00.000Z', event: 'deposited' }), { at: '2023-04-21T08:00:00.000Z', event: 'firstOpened' });
    const { head: _head, ...legacy } = aLetter({ id: 'legacy', evidence: chain });
    await client.send(new PutCommand({ TableName: tableName, Item: { ...legacy, pk: 'LETTER#legacy', sk: 'LETTER', gsi1pk: `LETTERS#${legacy.agdref}`, gsi1sk: `${legacy.availableAt}#legacy` } }));

    expect((await letters.get('legacy'))?.head).toEqual({ count: 2, hash: chain[1]?.hash });
    expect(await letters.chainHeads()).toEqual([{ documentId: 'legacy', count: 2, hash: chain[1]?.hash }]);
    // Its next write adds the head (the condition accepts an item that has none yet).
    const stored = await letters.get('legacy');
    if (stored === null) throw new Error('not read');
    await letters.update(nextVersionOf(stored), stored.version);
    expect((await letters.get('legacy'))?.version).toBe(stored.version + 1);
  });


  it('does not mistake the local scheduler\'s TRIGGER items in gsi2 for letters', async () => {
    const { client, tableName } = await freshTable();
    const letters = new DynamoDbLetterRepository({ client, tableName });
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: 'TRIGGER#deem-doc-9', sk: 'TRIGGER', duePk: 'TRIGGER', dueAt: '2023-05-01T00:00:00.000Z' },
      }),
    );
    await letters.create(pending('doc-1', '2023-05-01T22:00:00.000Z'));

    expect(ids(await letters.pendingDeemedBefore('2023-06-01T00:00:00.000Z', 10))).toEqual(['doc-1']);
  });
});
