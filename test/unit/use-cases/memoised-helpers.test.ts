import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasConsultationWindow } from '../../../shared/domain/lifecycle.ts';
import { reminderInstants } from '../../../shared/domain/reminders.ts';
import { DEFAULT_RULES } from '../../../shared/domain/rules.ts';
import type { DocumentType, RuleVariants } from '../../../shared/domain/types.ts';
import { ceilToSecond, earliest, msBetween, plusMs } from '../../../shared/use-cases/instants.ts';
import { reminderPlan } from '../../../shared/domain/reminders.ts';

/** reminderPlan as it was computed on every call, before it was remembered per letter. */
function referencePlan(letter: { type: DocumentType; postal: boolean; availableAt: string }, rules: RuleVariants) {
  if (!hasConsultationWindow(letter)) return [];
  const days = [...new Set(rules.reminderDays)].sort((a, b) => a - b);
  return days.flatMap((day) => reminderInstants(letter.availableAt, { ...rules, reminderDays: [day] }).map((at) => ({ day, at })));
}

const HOUR_MS = 3_600_000;
/** Instants around the 2020–2030 daylight-saving changes and anywhere in 2000–2100. */
const availableAt = fc
  .oneof(
    fc.tuple(fc.integer({ min: 2020, max: 2030 }), fc.constantFrom(2, 9), fc.integer({ min: -20 * 24, max: 3 * 24 })).map(([year, month, hours]) =>
      Date.UTC(year, month, 24) + hours * HOUR_MS,
    ),
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
  )
  .map((ms) => new Date(ms).toISOString());

describe('R11 reminderPlan, remembered per availability instant and reminder days', () => {
  it('equals the plan computed afresh, on first and later calls, around the daylight-saving changes (property)', () => {
    fc.assert(
      fc.property(availableAt, fc.constantFrom<readonly number[]>(DEFAULT_RULES.reminderDays, [7, 14], [14, 7, 7], [1, 15, 16], []), (at, days) => {
        const rules = { ...DEFAULT_RULES, reminderDays: days };
        const letter = { type: 'decision' as const, postal: false, availableAt: at };
        const expected = JSON.stringify(referencePlan(letter, rules));
        return JSON.stringify(reminderPlan(letter, rules)) === expected && JSON.stringify(reminderPlan(letter, rules)) === expected;
      }),
      { numRuns: 1_000 },
    );
  });

  it('gives every caller its own array: changing one changes no later plan', () => {
    const letter = { type: 'decision' as const, postal: false, availableAt: '2022-09-06T08:00:00.000Z' };
    const first = reminderPlan(letter, DEFAULT_RULES);
    first.pop();

    expect(reminderPlan(letter, DEFAULT_RULES)).toEqual([
      { day: 7, at: '2022-09-13T08:00:00.000Z' },
      { day: 14, at: '2022-09-20T08:00:00.000Z' },
    ]);
  });

  it('follows a list of reminder days changed in place between calls', () => {
    const letter = { type: 'decision' as const, postal: false, availableAt: '2022-09-06T08:00:00.000Z' };
    const days = [7, 14];
    const rules: RuleVariants = { ...DEFAULT_RULES, reminderDays: days };
    expect(reminderPlan(letter, rules).map((slot) => slot.day)).toEqual([7, 14]);

    days.push(10);

    expect(reminderPlan(letter, rules).map((slot) => slot.day)).toEqual([7, 10, 14]);
  });

  it('plans nothing for a postal letter or a letter without a consultation window', () => {
    expect(reminderPlan({ type: 'decision', postal: true, availableAt: '2022-09-06T08:00:00.000Z' }, DEFAULT_RULES)).toEqual([]);
    expect(reminderPlan({ type: 'interviewTranscript', postal: false, availableAt: '2022-09-06T08:00:00.000Z' }, DEFAULT_RULES)).toEqual(
      referencePlan({ type: 'interviewTranscript', postal: false, availableAt: '2022-09-06T08:00:00.000Z' }, DEFAULT_RULES),
    );
  });
});

describe('instant arithmetic (instants.ts) equals the Date-based definitions', () => {
  const instant = fc.oneof(
    fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }).map((ms) => new Date(ms).toISOString()),
    fc.constantFrom('2024-01-31T23:59:59.999Z', '2024-02-29T12:00:00.000Z', '2024-03-31T01:00:00Z', '2024-03-31T03:00:00+02:00', 'not an instant'),
  );

  it('plusMs, msBetween, earliest and ceilToSecond (property)', () => {
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: -1e10, max: 1e10 }), (a, b, ms) => {
        const same = (f: () => unknown, g: () => unknown): boolean => {
          let x: unknown;
          let y: unknown;
          try {
            x = f();
          } catch (error) {
            x = error instanceof Error ? error.name : 'error';
          }
          try {
            y = g();
          } catch (error) {
            y = error instanceof Error ? error.name : 'error';
          }
          return Object.is(x, y);
        };
        return (
          same(() => plusMs(a, ms), () => new Date(Date.parse(a) + ms).toISOString()) &&
          same(() => msBetween(a, b), () => Date.parse(b) - Date.parse(a)) &&
          same(() => msBetween(a, a), () => Date.parse(a) - Date.parse(a)) &&
          same(() => earliest(a, b), () => (Date.parse(a) <= Date.parse(b) ? a : b)) &&
          same(() => ceilToSecond(a), () => new Date(Math.ceil(Date.parse(a) / 1000) * 1000).toISOString())
        );
      }),
      { numRuns: 5_000 },
    );
  });
});
