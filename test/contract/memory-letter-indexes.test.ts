import { headOf } from '../../shared/domain/evidence.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryApplicantRepository } from '../../shared/adapters/memory/memory-applicant-repository.ts';
import { InMemoryLetterRepository } from '../../shared/adapters/memory/memory-letter-repository.ts';
import { deemDueAt, reminderDueAt } from '../../shared/adapters/store-rules.ts';
import type { Letter } from '../../shared/ports.ts';
import { aLetter, anApplicant, nextVersionOf } from './records.ts';

/*
 * The in-memory letter repository keeps its sparse indexes sorted on every write instead of
 * scanning and sorting all letters on every query; these properties hold it to the scan it replaced.
 */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function scanDue(all: readonly Letter[], dueAt: (letter: Letter) => string | null, before: string, limit: number): string[] {
  return all
    .flatMap((letter) => {
      const at = dueAt(letter);
      return at !== null && at <= before ? [{ at, letter }] : [];
    })
    .sort((a, b) => compare(a.at, b.at) || compare(a.letter.id, b.letter.id))
    .slice(0, Math.max(0, Math.floor(limit)))
    .map(({ letter }) => letter.id);
}

const instant = fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString());
const change = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  agdref: fc.constantFrom('1111111111', '2222222222'),
  notifiable: fc.boolean(),
  postal: fc.boolean(),
  windowEnd: fc.option(instant, { nil: null }),
  firstOpenedAt: fc.option(instant, { nil: null }),
  deemedAt: fc.option(instant, { nil: null }),
  nextReminderAt: fc.option(instant, { nil: null }),
  availableAt: instant,
});

describe('InMemoryLetterRepository indexes', () => {
  it('answer the due queries and listings exactly as a scan of every letter would (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 40 }), instant, fc.integer({ min: 0, max: 8 }), async (changes, before, limit) => {
        const letters = new InMemoryLetterRepository();
        const current = new Map<string, Letter>();
        for (const fields of changes) {
          const stored = current.get(fields.id);
          const next: Letter = stored === undefined ? aLetter(fields) : nextVersionOf(stored, fields);
          if (stored === undefined) await letters.create(next);
          else await letters.update(next, stored.version);
          current.set(next.id, next);
        }
        const all = [...current.values()];
        const deem = (await letters.pendingDeemedBefore(before, limit)).map((letter) => letter.id);
        const reminders = (await letters.remindersDueBefore(before, limit)).map((letter) => letter.id);
        for (const agdref of ['1111111111', '2222222222']) {
          const listed = (await letters.listForApplicant(agdref)).map((letter) => letter.id);
          const expected = all
            .filter((letter) => letter.agdref === agdref)
            .sort((a, b) => compare(`${b.availableAt}#${b.id}`, `${a.availableAt}#${a.id}`))
            .map((letter) => letter.id);
          if (JSON.stringify(listed) !== JSON.stringify(expected)) return false;
        }
        return (
          JSON.stringify(deem) === JSON.stringify(scanDue(all, deemDueAt, before, limit)) &&
          JSON.stringify(reminders) === JSON.stringify(scanDue(all, reminderDueAt, before, limit))
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('in-memory records (frozen-records.ts)', () => {
  it('keep stored state out of reach of the caller at every depth', async () => {
    // Arrange
    const letters = new InMemoryLetterRepository();
    const letter = aLetter({
      legalAid: { requestedOn: '2023-04-25', decisionNotifiedOn: null },
      alerts: [{ id: 'doc-1.deposit.0.sms', channel: 'sms', kind: 'deposit', day: 0, status: 'sending', attempts: 0, lastAttemptAt: null }],
    });
    await letters.create(letter);

    // Act: the caller changes what it wrote and what it read, at every depth it can.
    (letter.alerts[0] as { status: string }).status = 'delivered';
    (letter.legalAid as { requestedOn: string }).requestedOn = '2000-01-01';
    (letter as { title: string | null }).title = 'changed';
    const read = (await letters.get(letter.id)) as Letter;
    (read as { title: string | null }).title = 'changed again';
    (read.alerts as unknown[]).push('tampered');
    const nestedChange = (): void => {
      (read.evidence[0] as { hash: string }).hash = 'forged';
    };

    // Assert
    expect(nestedChange).toThrow(TypeError);
    const again = await letters.get(letter.id);
    expect(again?.title).toBeNull();
    expect(again?.alerts).toEqual([{ id: 'doc-1.deposit.0.sms', channel: 'sms', kind: 'deposit', day: 0, status: 'sending', attempts: 0, lastAttemptAt: null }]);
    expect(again?.legalAid).toEqual({ requestedOn: '2023-04-25', decisionNotifiedOn: null });
    expect(again?.evidence[0]?.hash).toBe('1'.repeat(64));
  });

  it('leave the objects a caller writes as they were (copies are frozen, not the originals)', async () => {
    const applicants = new InMemoryApplicantRepository();
    const applicant = anApplicant({ resetCode: { hash: 'h', expiresAt: '2023-04-01T09:00:00.000Z', wrongTries: 0 } });

    await applicants.create(applicant);

    expect(Object.isFrozen(applicant)).toBe(false);
    expect(Object.isFrozen(applicant.resetCode)).toBe(false);
    expect(Object.isFrozen(applicant.failedAttempts)).toBe(false);
  });

  it('write a read, changed and written back record whole: its unchanged and changed parts alike', async () => {
    const letters = new InMemoryLetterRepository();
    await letters.create(aLetter());
    const read = (await letters.get('doc-1')) as Letter;
    const evidence = [...read.evidence, { at: '2023-04-21T08:00:00.000Z', event: 'firstOpened', previousHash: '1'.repeat(64), hash: '2'.repeat(64) } as const];
    const next = nextVersionOf(read, { evidence, head: headOf(evidence) });

    await letters.update(next, read.version);

    expect(await letters.get('doc-1')).toEqual(next);
  });
});
