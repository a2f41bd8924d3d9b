import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, daysBetween, frenchPublicHolidays } from '../../../shared/domain/calendar.ts';
import { appealDeadline, daysLeft, deadlinesOf, legalAidDeadline } from '../../../shared/domain/deadlines.ts';
import { DEFAULT_RULES } from '../../../shared/domain/rules.ts';
import type { LegalAid, LetterFacts, RuleVariants } from '../../../shared/domain/types.ts';

/** docs/timelines.md's decision: a rejection available 2023-04-20 at 10:00 Paris, unopened. */
function aDecision(overrides: Partial<LetterFacts> = {}): LetterFacts {
  return {
    type: 'decision',
    outcome: 'rejection',
    availableAt: '2023-04-20T08:00:00.000Z',
    firstOpenedAt: null,
    deemedAt: null,
    postal: false,
    legalAid: null,
    ...overrides,
  };
}

/** docs/rules.md R3's convocation, available 2022-09-06 at 10:00 Paris, unopened. */
function aConvocation(overrides: Partial<LetterFacts> = {}): LetterFacts {
  return aDecision({ type: 'convocation', outcome: null, availableAt: '2022-09-06T08:00:00.000Z', ...overrides });
}

const EXTENDED_LEGAL_AID: RuleVariants = { ...DEFAULT_RULES, legalAidHolidayExtension: true };
const DEEMED_AT_WINDOW_END: RuleVariants = { ...DEFAULT_RULES, deemedNotificationDate: 'windowEnd' };
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('daysLeft', () => {
  it('R6 shows 16 days left on the day of availability', () => {
    expect(daysLeft(aConvocation(), DEFAULT_RULES, '2022-09-06T08:00:00.000Z')).toBe(16);
  });

  it('R6 shows 15 days left from 00:00 Paris the next day (2022-09-06T22:30Z is 7 September)', () => {
    expect(daysLeft(aConvocation(), DEFAULT_RULES, '2022-09-06T22:30:00.000Z')).toBe(15);
  });

  it('R6 shows 1 day left until the last instant of the last day', () => {
    expect(daysLeft(aConvocation(), DEFAULT_RULES, '2022-09-21T00:00:00.000Z')).toBe(1);
    expect(daysLeft(aConvocation(), DEFAULT_RULES, '2022-09-21T21:59:59.999Z')).toBe(1);
  });

  it('R6 shows no days left once deemed at window end, even before the transition ran', () => {
    expect(daysLeft(aConvocation(), DEFAULT_RULES, '2022-09-21T22:00:00.000Z')).toBeNull();
  });

  it('R6 shows 1 day left on the last day when it is the spring-change Sunday', () => {
    const letter = aConvocation({ availableAt: '2024-03-16T11:00:00.000Z' });

    expect(daysLeft(letter, DEFAULT_RULES, '2024-03-31T21:30:00.000Z')).toBe(1);
  });

  it('R6 shows 1 day left on the last day when it is the autumn-change Sunday', () => {
    const letter = aConvocation({ availableAt: '2024-10-12T10:00:00.000Z' });

    expect(daysLeft(letter, DEFAULT_RULES, '2024-10-27T22:30:00.000Z')).toBe(1);
  });

  it('R6 shows no days left once notified by consultation', () => {
    const letter = aConvocation({ firstOpenedAt: '2022-09-10T08:00:00.000Z' });

    expect(daysLeft(letter, DEFAULT_RULES, '2022-09-10T08:00:00.000Z')).toBeNull();
  });

  it('R6 shows no days left for a non-notifiable letter (R2)', () => {
    expect(daysLeft(aConvocation({ type: 'sixMonths' }), DEFAULT_RULES, '2022-09-06T08:00:00.000Z')).toBeNull();
  });

  it('R6 shows no days left for a postal letter (R11)', () => {
    expect(daysLeft(aConvocation({ postal: true }), DEFAULT_RULES, '2022-09-06T08:00:00.000Z')).toBeNull();
  });

  it('R6 counts days left between 1 and 16 while the window is open (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.integer({ min: 0, max: 17 * 86_400_000 }),
        (availableMs, elapsed) => {
          const letter = aConvocation({ availableAt: new Date(availableMs).toISOString() });
          const left = daysLeft(letter, DEFAULT_RULES, new Date(availableMs + elapsed).toISOString());
          return left === null || (left >= 1 && left <= 16);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('appealDeadline without legal aid', () => {
  it.each([
    ['R7 runs one month from the day after notification (notified 2023-04-21 → 2023-05-22)', '2023-04-21', '2023-05-22'],
    ['R7 clamps 2024-01-31 + 1 month to Thursday 2024-02-29 (notified 2024-01-30)', '2024-01-30', '2024-02-29'],
    ['R7 clamps 2023-01-31 + 1 month to Tuesday 2023-02-28 (notified 2023-01-30)', '2023-01-30', '2023-02-28'],
    ['R7 moves an expiry on 8 May 2024 past Ascension to 10 May', '2024-04-07', '2024-05-10'],
    ['R7 moves an expiry on Saturday 2024-06-15 to Monday 2024-06-17', '2024-05-14', '2024-06-17'],
    ['R7 moves an expiry on Saturday 2024-05-18 past Whit Monday to Tuesday 2024-05-21', '2024-04-17', '2024-05-21'],
    ['R7 moves an expiry on Easter Monday 2024-04-01 to 2024-04-02', '2024-02-29', '2024-04-02'],
    ['R7 keeps an expiry on Good Friday 2024-03-29 (not a holiday)', '2024-02-28', '2024-03-29'],
    ['R7 moves an expiry on Friday 14 July 2023 past the weekend to Monday 17 July', '2023-06-13', '2023-07-17'],
    ['R7 moves an expiry on 1 January 2024 (notified 2023-11-30) to 2 January', '2023-11-30', '2024-01-02'],
    ['R7 runs from 31 December to 31 January across the year end (notified 2023-12-30)', '2023-12-30', '2024-01-31'],
    ['R7 runs from 31 December to 31 January across the year end (notified 2024-12-30)', '2024-12-30', '2025-01-31'],
    ['R7 moves an expiry on Christmas 2024 to 26 December', '2024-11-24', '2024-12-26'],
  ])('%s', (_title, notified, expiry) => {
    expect(appealDeadline(notified, null, DEFAULT_RULES)).toBe(expiry);
  });
});

describe('legalAidDeadline', () => {
  it('R8 gives 15 days from notification (notified 2023-04-21 → 2023-05-06)', () => {
    expect(legalAidDeadline('2023-04-21', DEFAULT_RULES)).toBe('2023-05-06');
  });

  it('R8 does not extend a deadline on Saturday 2023-05-06 by default (conservative)', () => {
    expect(weekday(legalAidDeadline('2023-04-21', DEFAULT_RULES))).toBe(6);
  });

  it('R8 variant legalAidHolidayExtension moves Saturday 2023-05-06 past Sunday and 8 May to 2023-05-09', () => {
    expect(legalAidDeadline('2023-04-21', EXTENDED_LEGAL_AID)).toBe('2023-05-09');
  });

  it('R8 counts across 29 February and the year end', () => {
    expect(legalAidDeadline('2024-02-20', DEFAULT_RULES)).toBe('2024-03-06');
    expect(legalAidDeadline('2023-12-20', DEFAULT_RULES)).toBe('2024-01-04');
  });
});

describe('appealDeadline with legal aid', () => {
  it.each([
    ['R9 worked example: notified 2019-06-04, request 2019-06-17, decision 2019-08-06 → 2019-08-26', '2019-06-04', '2019-06-17', '2019-08-06', '2019-08-26'],
    ['R9 simulator example: notified 2023-04-21, request 2023-04-28, decision 2023-06-02 → 2023-06-27', '2023-04-21', '2023-04-28', '2023-06-02', '2023-06-27'],
    ['R9 suspends for a request on the legal-aid deadline itself (14 used, 16 left → 2023-06-19)', '2023-04-21', '2023-05-06', '2023-06-02', '2023-06-19'],
    // Nominal expiry Saturday 2024-06-15 (31 days from 2024-05-15); 5 used, 26 left from 2024-07-02.
    ['R9 counts the days left from the nominal expiry, not from its weekend extension', '2024-05-14', '2024-05-20', '2024-07-01', '2024-07-29'],
    ['R9 counts no day used for a request on the notification day itself', '2023-04-21', '2023-04-21', '2023-06-02', '2023-07-03'],
    ['R9 resumes the day after a decision notified on the day of the request, then applies R7 (Sat 2019-07-06 → Mon 07-08)', '2019-06-04', '2019-06-17', '2019-06-17', '2019-07-08'],
  ])('%s', (_title, notified, requestedOn, decisionNotifiedOn, expiry) => {
    expect(appealDeadline(notified, { requestedOn, decisionNotifiedOn }, DEFAULT_RULES)).toBe(expiry);
  });

  it('R9 suspends the appeal (null) while the legal-aid request is pending', () => {
    expect(appealDeadline('2023-04-21', { requestedOn: '2023-04-28', decisionNotifiedOn: null }, DEFAULT_RULES)).toBeNull();
  });

  it('R9 suspends nothing for a request the day after the legal-aid deadline', () => {
    expect(appealDeadline('2023-04-21', { requestedOn: '2023-05-07', decisionNotifiedOn: null }, DEFAULT_RULES)).toBe('2023-05-22');
    expect(appealDeadline('2023-04-21', { requestedOn: '2023-05-07', decisionNotifiedOn: '2023-06-02' }, DEFAULT_RULES)).toBe(
      '2023-05-22',
    );
  });

  it('R9 with the R8 extension variant suspends for a request on 8 May 2023 (deadline moved to 9 May)', () => {
    const legalAid: LegalAid = { requestedOn: '2023-05-08', decisionNotifiedOn: '2023-06-02' };

    expect(appealDeadline('2023-04-21', legalAid, DEFAULT_RULES)).toBe('2023-05-22');
    expect(appealDeadline('2023-04-21', legalAid, EXTENDED_LEGAL_AID)).toBe('2023-06-19');
  });

  it('R9 refuses a legal-aid decision notified before the request (RangeError)', () => {
    const legalAid: LegalAid = { requestedOn: '2019-06-17', decisionNotifiedOn: '2019-06-16' };

    expect(() => appealDeadline('2019-06-04', legalAid, DEFAULT_RULES)).toThrow(RangeError);
  });
});

describe('appealDeadline properties', () => {
  const notificationDate = fc.integer({ min: 0, max: 36_500 }).map((n) => addDays('2000-01-01', n));
  const legalAid = fc.option(
    fc.record({
      requestOffset: fc.integer({ min: 0, max: 20 }),
      decisionOffset: fc.option(fc.integer({ min: 0, max: 200 })),
    }),
  );
  const rules = fc.constantFrom(DEFAULT_RULES, EXTENDED_LEGAL_AID);
  const toLegalAid = (
    notified: string,
    aid: { requestOffset: number; decisionOffset: number | null } | null,
  ): LegalAid | null => {
    if (aid === null) return null;
    const requestedOn = addDays(notified, aid.requestOffset);
    return { requestedOn, decisionNotifiedOn: aid.decisionOffset === null ? null : addDays(requestedOn, aid.decisionOffset) };
  };

  it('R7/R10 never put an appeal deadline on a weekend or a public holiday (property)', () => {
    fc.assert(
      fc.property(notificationDate, legalAid, rules, (notified, aid, variant) => {
        const deadline = appealDeadline(notified, toLegalAid(notified, aid), variant);
        if (deadline === null) return true;
        const day = weekday(deadline);
        const year = Number(deadline.slice(0, 4));
        return day !== 0 && day !== 6 && !frenchPublicHolidays(year).includes(deadline);
      }),
      { numRuns: 200 },
    );
  });

  it('R7/R9 never give less than notification + 28 days (property)', () => {
    fc.assert(
      fc.property(notificationDate, legalAid, rules, (notified, aid, variant) => {
        const deadline = appealDeadline(notified, toLegalAid(notified, aid), variant);
        return deadline === null || daysBetween(notified, deadline) >= 28;
      }),
      { numRuns: 200 },
    );
  });

  it('R7 without legal aid lands on the nominal expiry or the first working day after it, within 4 days (property)', () => {
    fc.assert(
      fc.property(notificationDate, (notified) => {
        const nominal = addMonthsClamped(addDays(notified, 1), 1);
        const deadline = appealDeadline(notified, null, DEFAULT_RULES);
        return deadline !== null && daysBetween(nominal, deadline) >= 0 && daysBetween(nominal, deadline) <= 4;
      }),
      { numRuns: 200 },
    );
  });

  it('R9 never shortens the appeal period: a suspended deadline is on or after the plain one (property)', () => {
    fc.assert(
      fc.property(notificationDate, legalAid, (notified, aid) => {
        const suspended = appealDeadline(notified, toLegalAid(notified, aid), DEFAULT_RULES);
        const plain = appealDeadline(notified, null, DEFAULT_RULES);
        return suspended === null || plain === null || daysBetween(plain, suspended) >= 0;
      }),
      { numRuns: 200 },
    );
  });
});

describe('deadlinesOf', () => {
  /** What a letter outside the 15-day rule (R2, R11) shows: no window, no notification, no countdown. */
  const NO_WINDOW = {
    notifiable: false,
    consultationDeadline: null,
    windowEnd: null,
    notificationDate: null,
    notifiedBy: null,
    daysLeft: null,
  } as const;

  it('R4/R7/R8/R9 give the simulator example its dates (opened 2023-04-21, legal aid 2023-04-28 → 2023-06-02)', () => {
    const letter = aDecision({
      firstOpenedAt: '2023-04-21T07:00:00.000Z',
      legalAid: { requestedOn: '2023-04-28', decisionNotifiedOn: '2023-06-02' },
    });

    expect(deadlinesOf(letter, DEFAULT_RULES, '2023-06-02T09:00:00.000Z')).toEqual({
      status: 'read',
      notifiable: true,
      consultationDeadline: '2023-05-05',
      windowEnd: '2023-05-05T22:00:00.000Z',
      notificationDate: '2023-04-21',
      notifiedBy: 'consultation',
      daysLeft: null,
      appealDeadline: '2023-06-27',
      legalAidDeadline: '2023-05-06',
    });
  });

  it('R6/R7 show an unread decision in its window with days left and no deadlines yet', () => {
    expect(deadlinesOf(aDecision(), DEFAULT_RULES, '2023-04-20T08:00:00.000Z')).toEqual({
      status: 'unread',
      notifiable: true,
      consultationDeadline: '2023-05-05',
      windowEnd: '2023-05-05T22:00:00.000Z',
      notificationDate: null,
      notifiedBy: null,
      daysLeft: 16,
      appealDeadline: null,
      legalAidDeadline: null,
    });
  });

  it('R5/R7/R8 run the deadlines of a deemed decision from its availability date', () => {
    const shown = deadlinesOf(aDecision(), DEFAULT_RULES, '2023-05-10T08:00:00.000Z');

    expect(shown).toMatchObject({
      status: 'unread',
      notificationDate: '2023-04-20',
      notifiedBy: 'deemed',
      daysLeft: null,
      legalAidDeadline: '2023-05-05',
      appealDeadline: '2023-05-22',
    });
  });

  it('R5 variant windowEnd runs the deadlines of a deemed decision from the last day of the window', () => {
    const shown = deadlinesOf(aDecision(), DEEMED_AT_WINDOW_END, '2023-05-10T08:00:00.000Z');

    expect(shown).toMatchObject({ notificationDate: '2023-05-05', legalAidDeadline: '2023-05-20', appealDeadline: '2023-06-06' });
  });

  it('R9 shows a null appeal deadline while legal aid is pending, and the legal-aid deadline still', () => {
    const letter = aDecision({
      firstOpenedAt: '2023-04-21T07:00:00.000Z',
      legalAid: { requestedOn: '2023-04-28', decisionNotifiedOn: null },
    });

    expect(deadlinesOf(letter, DEFAULT_RULES, '2023-05-01T08:00:00.000Z')).toMatchObject({
      appealDeadline: null,
      legalAidDeadline: '2023-05-06',
    });
  });

  it('R7/R8 give no appeal or legal-aid deadline for refugee status', () => {
    const letter = aDecision({ outcome: 'refugeeStatus', firstOpenedAt: '2023-04-21T07:00:00.000Z' });

    expect(deadlinesOf(letter, DEFAULT_RULES, '2023-04-21T07:00:00.000Z')).toMatchObject({
      notificationDate: '2023-04-21',
      appealDeadline: null,
      legalAidDeadline: null,
    });
  });

  it('R7 leaves the appeal fields out for letters that are not decisions', () => {
    const shown = deadlinesOf(aConvocation(), DEFAULT_RULES, '2022-09-06T08:00:00.000Z');

    expect('appealDeadline' in shown).toBe(false);
    expect('legalAidDeadline' in shown).toBe(false);
  });

  it('R2 shows a non-notifiable letter read or unread, with no window and no notification', () => {
    const letter = aConvocation({ type: 'interviewTranscript', firstOpenedAt: '2022-09-07T08:00:00.000Z' });

    expect(deadlinesOf(letter, DEFAULT_RULES, '2023-01-01T00:00:00.000Z')).toEqual({ status: 'read', ...NO_WINDOW });
  });

  it('R11 applies no 15-day rule to a postal decision (paper derogation)', () => {
    const letter = aDecision({ postal: true });

    expect(deadlinesOf(letter, DEFAULT_RULES, '2023-08-01T00:00:00.000Z')).toEqual({
      status: 'unread',
      ...NO_WINDOW,
      appealDeadline: null,
      legalAidDeadline: null,
    });
  });

  it('R6 says read as soon as the letter was opened, even after window end', () => {
    const letter = aConvocation({ firstOpenedAt: '2022-10-11T09:00:00.000Z' });

    expect(deadlinesOf(letter, DEFAULT_RULES, '2022-10-11T09:00:00.000Z')).toMatchObject({
      status: 'read',
      notificationDate: '2022-09-06',
      notifiedBy: 'deemed',
    });
  });
});
