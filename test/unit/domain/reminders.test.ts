import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowEnd } from '../../../shared/domain/lifecycle.ts';
import { reminderInstants } from '../../../shared/domain/reminders.ts';
import { DEFAULT_RULES } from '../../../shared/domain/rules.ts';
import type { RuleVariants } from '../../../shared/domain/types.ts';

const withDays = (reminderDays: readonly number[]): RuleVariants => ({ ...DEFAULT_RULES, reminderDays });

const parisDateTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

describe('reminderInstants', () => {
  it('R11 reminds on days 7 and 14 at 10:00 Paris (available 2022-09-06)', () => {
    expect(reminderInstants('2022-09-06T08:00:00.000Z', DEFAULT_RULES)).toEqual([
      '2022-09-13T08:00:00.000Z',
      '2022-09-20T08:00:00.000Z',
    ]);
  });

  it('R11 reminds at 10:00 CEST on the spring-change Sunday 2024-03-31', () => {
    expect(reminderInstants('2024-03-24T09:00:00.000Z', DEFAULT_RULES)).toEqual([
      '2024-03-31T08:00:00.000Z',
      '2024-04-07T08:00:00.000Z',
    ]);
  });

  it('R11 reminds at 10:00 CET on the autumn-change Sunday 2024-10-27', () => {
    expect(reminderInstants('2024-10-20T08:00:00.000Z', DEFAULT_RULES)).toEqual([
      '2024-10-27T09:00:00.000Z',
      '2024-11-03T09:00:00.000Z',
    ]);
  });

  it('R11 counts from the Paris date of a deposit at 2023-03-19T23:30Z (20 March)', () => {
    expect(reminderInstants('2023-03-19T23:30:00.000Z', DEFAULT_RULES)).toEqual([
      '2023-03-27T08:00:00.000Z',
      '2023-04-03T08:00:00.000Z',
    ]);
  });

  it('R11 counts from 19 March for a deposit at 23:30 Paris on 19 March 2023 (2023-03-19T22:30Z)', () => {
    expect(reminderInstants('2023-03-19T22:30:00.000Z', DEFAULT_RULES)).toEqual([
      '2023-03-26T08:00:00.000Z',
      '2023-04-02T08:00:00.000Z',
    ]);
  });

  it('R11 reminds on 29 February across a leap month end', () => {
    expect(reminderInstants('2024-02-22T09:00:00.000Z', DEFAULT_RULES)[0]).toBe('2024-02-29T09:00:00.000Z');
  });

  it('R11 reminds across the year end', () => {
    expect(reminderInstants('2023-12-25T09:00:00.000Z', DEFAULT_RULES)).toEqual([
      '2024-01-01T09:00:00.000Z',
      '2024-01-08T09:00:00.000Z',
    ]);
  });

  it('R11 sends no reminders when reminderDays is []', () => {
    expect(reminderInstants('2022-09-06T08:00:00.000Z', withDays([]))).toEqual([]);
  });

  it('R11 keeps a reminder on the last day of the window and drops one after it', () => {
    expect(reminderInstants('2022-09-06T08:00:00.000Z', withDays([16, 15]))).toEqual(['2022-09-21T08:00:00.000Z']);
  });

  it('R11 never schedules a reminder before the deposit', () => {
    expect(reminderInstants('2022-09-06T10:00:00.000Z', withDays([0]))).toEqual([]);
  });

  it('R11 returns reminders sorted and once each', () => {
    expect(reminderInstants('2022-09-06T08:00:00.000Z', withDays([14, 7, 7]))).toEqual([
      '2022-09-13T08:00:00.000Z',
      '2022-09-20T08:00:00.000Z',
    ]);
  });

  it('R11 puts every reminder at 10:00 Paris inside the window, in order (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 4 }),
        (availableMs, days) => {
          const availableAt = new Date(availableMs).toISOString();
          const end = Date.parse(windowEnd(availableAt));
          const instants = reminderInstants(availableAt, withDays(days)).map(Date.parse);
          const expectedCount = new Set(days.filter((d) => d <= 15)).size;
          return (
            instants.length === expectedCount &&
            instants.every((ms, i) => ms > availableMs && ms < end && (i === 0 || (instants[i - 1] ?? 0) < ms)) &&
            instants.every((ms) => parisDateTime.format(new Date(ms)).endsWith('10:00:00'))
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
