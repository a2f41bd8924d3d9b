import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consultationDeadline,
  decide,
  hasConsultationWindow,
  notificationOf,
  windowEnd,
  type LifecycleEvent,
} from '../../../shared/domain/lifecycle.ts';
import { DEFAULT_RULES } from '../../../shared/domain/rules.ts';
import { DOCUMENT_TYPES, type Instant, type LetterFacts } from '../../../shared/domain/types.ts';

/** A notifiable letter available 2022-09-06 at 10:00 Paris (docs/rules.md R3's example); override what matters. */
function aLetter(overrides: Partial<LetterFacts> = {}): LetterFacts {
  return {
    type: 'convocation',
    outcome: null,
    availableAt: '2022-09-06T08:00:00.000Z',
    firstOpenedAt: null,
    deemedAt: null,
    postal: false,
    legalAid: null,
    ...overrides,
  };
}

const R3_WINDOW_END = '2022-09-21T22:00:00.000Z';
const WINDOW_END_VARIANT = { ...DEFAULT_RULES, deemedNotificationDate: 'windowEnd' } as const;

const parisDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const intlParisDate = (ms: number): string => parisDateFormat.format(new Date(ms));
const iso = (ms: number): Instant => new Date(ms).toISOString();
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

describe('availability', () => {
  it('R1 counts the window from the Paris date of a deposit at 2023-03-19T23:30Z (20 March)', () => {
    expect(consultationDeadline('2023-03-19T23:30:00Z')).toBe('2023-04-04');
    expect(windowEnd('2023-03-19T23:30:00Z')).toBe('2023-04-04T22:00:00.000Z');
  });

  it('R1 deems a letter deposited at 2023-03-19T23:30Z notified on 20 March, its Paris date', () => {
    const letter = aLetter({ availableAt: '2023-03-19T23:30:00.000Z' });

    const result = notificationOf(letter, DEFAULT_RULES, '2023-05-01T00:00:00.000Z');

    expect(result).toEqual({ notificationDate: '2023-03-20', notifiedBy: 'deemed' });
  });
});

describe('consultation window', () => {
  it.each(['2022-09-05T22:00:00.000Z', '2022-09-06T08:00:00.000Z', '2022-09-06T21:59:59.999Z'])(
    'R3 gives a letter available 2022-09-06 (at %s) the deadline 2022-09-21 and window end 2022-09-21T22:00Z',
    (availableAt) => {
      expect(consultationDeadline(availableAt)).toBe('2022-09-21');
      expect(windowEnd(availableAt)).toBe(R3_WINDOW_END);
    },
  );

  it('R3 keeps calendar dates when the spring change falls inside the window', () => {
    expect(consultationDeadline('2024-03-20T09:00:00.000Z')).toBe('2024-04-04');
    expect(windowEnd('2024-03-20T09:00:00.000Z')).toBe('2024-04-04T22:00:00.000Z');
  });

  it('R3 keeps calendar dates when the autumn change falls inside the window', () => {
    expect(consultationDeadline('2024-10-20T08:00:00.000Z')).toBe('2024-11-04');
    expect(windowEnd('2024-10-20T08:00:00.000Z')).toBe('2024-11-04T23:00:00.000Z');
  });

  it('R3 ends a window whose last day is Saturday 30 March 2024 at 00:00 CET on 31 March', () => {
    expect(windowEnd('2024-03-15T11:00:00.000Z')).toBe('2024-03-30T23:00:00.000Z');
  });

  it('R3 ends a window whose last day is the spring-change Sunday 31 March 2024 at 00:00 CEST on 1 April', () => {
    expect(consultationDeadline('2024-03-16T11:00:00.000Z')).toBe('2024-03-31');
    expect(windowEnd('2024-03-16T11:00:00.000Z')).toBe('2024-03-31T22:00:00.000Z');
  });

  it('R3 ends a window whose last day is Saturday 26 October 2024 at 00:00 CEST on 27 October', () => {
    expect(windowEnd('2024-10-11T10:00:00.000Z')).toBe('2024-10-26T22:00:00.000Z');
  });

  it('R3 ends a window whose last day is the autumn-change Sunday 27 October 2024 at 00:00 CET on 28 October', () => {
    expect(consultationDeadline('2024-10-12T10:00:00.000Z')).toBe('2024-10-27');
    expect(windowEnd('2024-10-12T10:00:00.000Z')).toBe('2024-10-27T23:00:00.000Z');
  });

  it('R3 counts across month ends and 29 February', () => {
    expect(consultationDeadline('2024-01-31T10:00:00.000Z')).toBe('2024-02-15');
    expect(consultationDeadline('2024-02-14T10:00:00.000Z')).toBe('2024-02-29');
    expect(consultationDeadline('2023-02-14T10:00:00.000Z')).toBe('2023-03-01');
  });

  it('R3 counts across the year end (2023-12-31T23:30Z is already 1 January in Paris)', () => {
    expect(consultationDeadline('2023-12-20T10:00:00.000Z')).toBe('2024-01-04');
    expect(consultationDeadline('2023-12-31T22:30:00.000Z')).toBe('2024-01-15');
    expect(consultationDeadline('2023-12-31T23:30:00.000Z')).toBe('2024-01-16');
  });

  it('R3 window end is 00:00 Paris on the day after the deadline, for any availability (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 1) }), (ms) => {
        const end = Date.parse(windowEnd(iso(ms)));
        const deadline = consultationDeadline(iso(ms));
        // 15 full days plus the rest of the first day, give or take a daylight-saving hour.
        const span = end - ms;
        return intlParisDate(end - 1) === deadline && intlParisDate(end) !== deadline && span > 15 * DAY_MS - HOUR_MS && span <= 16 * DAY_MS + HOUR_MS;
      }),
      { numRuns: 200 },
    );
  });

  it('R2 gives a window only to notifiable letters without a paper derogation', () => {
    expect(hasConsultationWindow({ type: 'decision', postal: false })).toBe(true);
    expect(hasConsultationWindow({ type: 'decision', postal: true })).toBe(false);
    expect(hasConsultationWindow({ type: 'sixMonths', postal: false })).toBe(false);
  });
});

describe('notificationOf', () => {
  it('R4 notifies on the Paris date of a first opening in time', () => {
    const letter = aLetter({ firstOpenedAt: '2022-09-10T14:00:00.000Z' });

    expect(notificationOf(letter, DEFAULT_RULES, '2022-09-10T14:00:00.000Z')).toEqual({
      notificationDate: '2022-09-10',
      notifiedBy: 'consultation',
    });
  });

  it('R4 notifies an opening at 2023-03-20T23:30Z on 21 March (Paris date, not the UTC one)', () => {
    const letter = aLetter({ availableAt: '2023-03-19T23:30:00.000Z', firstOpenedAt: '2023-03-20T23:30:00.000Z' });

    expect(notificationOf(letter, DEFAULT_RULES, '2023-03-21T00:00:00.000Z').notificationDate).toBe('2023-03-21');
  });

  it('R4 counts an opening 1 ms before window end as a consultation on the last day', () => {
    const letter = aLetter({ firstOpenedAt: '2022-09-21T21:59:59.999Z' });

    expect(notificationOf(letter, DEFAULT_RULES, '2022-10-01T00:00:00.000Z')).toEqual({
      notificationDate: '2022-09-21',
      notifiedBy: 'consultation',
    });
  });

  it('R4 keeps the consultation even if a deem transition was recorded', () => {
    const letter = aLetter({ firstOpenedAt: '2022-09-10T14:00:00.000Z', deemedAt: R3_WINDOW_END });

    expect(notificationOf(letter, DEFAULT_RULES, '2022-10-01T00:00:00.000Z').notifiedBy).toBe('consultation');
  });

  it('R5 deems a convocation available 06/09/2022 and read 11/10/2022 notified on 06/09/2022', () => {
    const letter = aLetter({ firstOpenedAt: '2022-10-11T09:00:00.000Z', deemedAt: R3_WINDOW_END });

    expect(notificationOf(letter, DEFAULT_RULES, '2022-10-11T09:00:00.000Z')).toEqual({
      notificationDate: '2022-09-06',
      notifiedBy: 'deemed',
    });
  });

  it('R5 counts an opening exactly at window end as too late', () => {
    const letter = aLetter({ firstOpenedAt: R3_WINDOW_END });

    expect(notificationOf(letter, DEFAULT_RULES, R3_WINDOW_END).notifiedBy).toBe('deemed');
  });

  it('R5 deems at window end even when the scheduled transition has not run', () => {
    const letter = aLetter({ deemedAt: null });

    expect(notificationOf(letter, DEFAULT_RULES, R3_WINDOW_END)).toEqual({
      notificationDate: '2022-09-06',
      notifiedBy: 'deemed',
    });
  });

  it('R5 deems on a late opening even if the clock passed in lags behind it', () => {
    const letter = aLetter({ firstOpenedAt: '2022-10-11T09:00:00.000Z' });

    expect(notificationOf(letter, DEFAULT_RULES, '2022-09-21T21:00:00.000Z').notifiedBy).toBe('deemed');
  });

  it('R5 leaves an unopened letter unnotified 1 ms before window end', () => {
    expect(notificationOf(aLetter(), DEFAULT_RULES, '2022-09-21T21:59:59.999Z')).toEqual({
      notificationDate: null,
      notifiedBy: null,
    });
  });

  it('R5 variant windowEnd dates a deemed notification on the last day of the window', () => {
    expect(notificationOf(aLetter(), WINDOW_END_VARIANT, R3_WINDOW_END)).toEqual({
      notificationDate: '2022-09-21',
      notifiedBy: 'deemed',
    });
  });

  it('R5 variant windowEnd leaves a consultation in time on its own date', () => {
    const letter = aLetter({ firstOpenedAt: '2022-09-10T14:00:00.000Z' });

    expect(notificationOf(letter, WINDOW_END_VARIANT, R3_WINDOW_END).notificationDate).toBe('2022-09-10');
  });

  it('R2 never notifies a non-notifiable letter', () => {
    const letter = aLetter({ type: 'sixMonths', firstOpenedAt: '2022-09-07T08:00:00.000Z' });

    expect(notificationOf(letter, DEFAULT_RULES, '2023-01-01T00:00:00.000Z')).toEqual({
      notificationDate: null,
      notifiedBy: null,
    });
  });

  it('R11 never notifies a postal letter (paper derogation: no 15-day rule)', () => {
    const letter = aLetter({ type: 'decision', outcome: 'rejection', postal: true });

    expect(notificationOf(letter, DEFAULT_RULES, '2023-01-01T00:00:00.000Z')).toEqual({
      notificationDate: null,
      notifiedBy: null,
    });
  });

  it('R4/R5 date a notification by the opening (in time) or the availability (property)', () => {
    const openingOffset = fc.oneof(
      fc.integer({ min: 0, max: 40 * DAY_MS }).map((offset) => ({ from: 'available' as const, offset })),
      fc.integer({ min: -2_000, max: 2_000 }).map((offset) => ({ from: 'windowEnd' as const, offset })),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        openingOffset,
        fc.integer({ min: 0, max: 60 * DAY_MS }),
        (availableMs, opening, nowAfterOpening) => {
          const end = Date.parse(windowEnd(iso(availableMs)));
          const openedMs = Math.max(availableMs, (opening.from === 'available' ? availableMs : end) + opening.offset);
          const letter = aLetter({ type: 'decision', outcome: 'rejection', availableAt: iso(availableMs), firstOpenedAt: iso(openedMs) });

          const result = notificationOf(letter, DEFAULT_RULES, iso(openedMs + nowAfterOpening));

          const expected = openedMs < end ? intlParisDate(openedMs) : intlParisDate(availableMs);
          return result.notificationDate === expected && result.notifiedBy === (openedMs < end ? 'consultation' : 'deemed');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('decide', () => {
  it('R4 records the first opening with its exact instant as evidence', () => {
    const at = '2022-09-10T14:00:00.123Z';

    const result = decide(aLetter(), { kind: 'open', at }, at);

    expect(result).toEqual({
      changed: true,
      next: aLetter({ firstOpenedAt: at }),
      evidence: [{ at, event: 'firstOpened' }],
    });
  });

  it('R4 ignores later openings', () => {
    const letter = aLetter({ firstOpenedAt: '2022-09-10T14:00:00.000Z' });

    expect(decide(letter, { kind: 'open', at: '2022-09-12T14:00:00.000Z' }, '2022-09-12T14:00:00.000Z')).toEqual({
      changed: false,
    });
    expect(decide(letter, { kind: 'open', at: '2022-09-10T14:00:00.000Z' }, '2022-09-12T14:00:00.000Z')).toEqual({
      changed: false,
    });
  });

  it('R4 keeps the earliest opening when an earlier one is recorded late', () => {
    const letter = aLetter({ firstOpenedAt: '2022-09-10T14:00:00.000Z' });

    const result = decide(letter, { kind: 'open', at: '2022-09-10T13:59:59.000Z' }, '2022-09-10T14:00:01.000Z');

    expect(result.changed && result.next.firstOpenedAt).toBe('2022-09-10T13:59:59.000Z');
  });

  it('R4 records openings of non-notifiable letters (read/unread) without any deem', () => {
    const at = '2023-01-01T10:00:00.000Z';

    const result = decide(aLetter({ type: 'other' }), { kind: 'open', at }, at);

    expect(result).toEqual({ changed: true, next: aLetter({ type: 'other', firstOpenedAt: at }), evidence: [{ at, event: 'firstOpened' }] });
  });

  it('R5 deems an unopened letter at window end, the legal instant, even when the trigger is late', () => {
    const result = decide(aLetter(), { kind: 'deem' }, '2022-09-24T07:00:00.000Z');

    expect(result).toEqual({
      changed: true,
      next: aLetter({ deemedAt: R3_WINDOW_END }),
      evidence: [{ at: R3_WINDOW_END, event: 'deemedNotified' }],
    });
  });

  it('R5 does not deem before window end (an early trigger is a no-op)', () => {
    expect(decide(aLetter(), { kind: 'deem' }, '2022-09-21T21:59:59.999Z')).toEqual({ changed: false });
  });

  it('R5 deems exactly at window end', () => {
    expect(decide(aLetter(), { kind: 'deem' }, R3_WINDOW_END).changed).toBe(true);
  });

  it('R5 treats a duplicate deem trigger as a no-op', () => {
    const letter = aLetter({ deemedAt: R3_WINDOW_END });

    expect(decide(letter, { kind: 'deem' }, '2022-09-22T00:00:00.000Z')).toEqual({ changed: false });
  });

  it('R5 does not deem a letter opened in time', () => {
    const letter = aLetter({ firstOpenedAt: '2022-09-21T21:59:59.999Z' });

    expect(decide(letter, { kind: 'deem' }, '2022-09-22T00:00:00.000Z')).toEqual({ changed: false });
  });

  it('R5 deems a letter first opened after window end whose trigger had not run', () => {
    const letter = aLetter({ firstOpenedAt: '2022-10-11T09:00:00.000Z' });

    expect(decide(letter, { kind: 'deem' }, '2022-10-11T09:00:00.000Z')).toEqual({
      changed: true,
      next: { ...letter, deemedAt: R3_WINDOW_END },
      evidence: [{ at: R3_WINDOW_END, event: 'deemedNotified' }],
    });
  });

  it('R5 deems first, then records a late first opening, when the trigger had not run', () => {
    const at = '2022-10-11T09:00:00.000Z';

    const result = decide(aLetter(), { kind: 'open', at }, at);

    expect(result).toEqual({
      changed: true,
      next: aLetter({ firstOpenedAt: at, deemedAt: R3_WINDOW_END }),
      evidence: [
        { at: R3_WINDOW_END, event: 'deemedNotified' },
        { at, event: 'firstOpened' },
      ],
    });
  });

  it('R5 records only the opening when a late-opened letter was already deemed', () => {
    const at = '2022-10-11T09:00:00.000Z';

    const result = decide(aLetter({ deemedAt: R3_WINDOW_END }), { kind: 'open', at }, at);

    expect(result).toEqual({
      changed: true,
      next: aLetter({ firstOpenedAt: at, deemedAt: R3_WINDOW_END }),
      evidence: [{ at, event: 'firstOpened' }],
    });
  });

  it('R4 undoes a deem when an opening in time is written after the trigger ran', () => {
    const at = '2022-09-21T21:59:59.900Z';

    const result = decide(aLetter({ deemedAt: R3_WINDOW_END }), { kind: 'open', at }, '2022-09-21T22:00:00.100Z');

    expect(result.changed && result.next).toEqual(aLetter({ firstOpenedAt: at, deemedAt: null }));
  });

  it.each([
    ['a non-notifiable letter', aLetter({ type: 'interviewTranscript' })],
    ['a postal letter (R11)', aLetter({ type: 'decision', outcome: 'rejection', postal: true })],
  ])('R5 never deems %s', (_name, letter) => {
    expect(decide(letter, { kind: 'deem' }, '2023-01-01T00:00:00.000Z')).toEqual({ changed: false });
  });

  it('R4/R5 reach the same final facts whatever the order and repetition of events (property)', () => {
    const when = fc.oneof(
      fc.integer({ min: 0, max: 40 * DAY_MS }).map((offset) => ({ from: 'available' as const, offset })),
      fc.integer({ min: -1_500, max: 1_500 }).map((offset) => ({ from: 'windowEnd' as const, offset })),
    );
    const orderKeys = fc.array(fc.integer(), { minLength: 1, maxLength: 3 });
    const event = fc.record({ kind: fc.constantFrom('open' as const, 'deem' as const), when, keysA: orderKeys, keysB: orderKeys });

    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.constantFrom(...DOCUMENT_TYPES),
        fc.boolean(),
        fc.array(event, { maxLength: 6 }),
        (availableMs, type, postal, events) => {
          const initial = aLetter({ type, postal, availableAt: iso(availableMs) });
          const end = Date.parse(windowEnd(initial.availableAt));
          const timed = events.map((e) => ({
            ...e,
            ms: Math.max(availableMs, (e.when.from === 'available' ? availableMs : end) + e.when.offset),
          }));
          const run = (keyOf: (e: (typeof timed)[number]) => number[]): LetterFacts => {
            const sequence = timed
              .flatMap((e) => keyOf(e).map((key) => ({ key, e })))
              .sort((a, b) => a.key - b.key)
              .map(({ e }) => e);
            let facts = initial;
            for (const e of sequence) {
              const lifecycleEvent: LifecycleEvent = e.kind === 'open' ? { kind: 'open', at: iso(e.ms) } : { kind: 'deem' };
              const decision = decide(facts, lifecycleEvent, iso(e.ms));
              if (decision.changed) facts = decision.next;
            }
            return facts;
          };

          const openings = timed.filter((e) => e.kind === 'open').map((e) => e.ms);
          const firstOpenedMs = openings.length > 0 ? Math.min(...openings) : null;
          const windowPassed = timed.some((e) => e.ms >= end);
          const deemed = hasConsultationWindow(initial) && windowPassed && (firstOpenedMs === null || firstOpenedMs >= end);
          const expected: LetterFacts = {
            ...initial,
            firstOpenedAt: firstOpenedMs === null ? null : iso(firstOpenedMs),
            deemedAt: deemed ? iso(end) : null,
          };
          expect(run((e) => e.keysA)).toEqual(expected);
          expect(run((e) => e.keysB)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
