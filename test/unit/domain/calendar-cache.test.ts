import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  compareInstants,
  daysBetween,
  easterSunday,
  formatDisplayDate,
  frenchPublicHolidays,
  isPublicHoliday,
  isWeekend,
  parisDate,
  parisInstant,
  startOfParisDay,
  toInstant,
} from '../../../shared/domain/calendar.ts';
import * as uncached from '../../../shared/domain/calendar-temporal.ts';
import { consultationDeadline, windowEnd } from '../../../shared/domain/lifecycle.ts';

/*
 * calendar.ts answers from caches (per date, per year, per span of constant Paris offset) filled
 * by calendar-temporal.ts, which asks Temporal every time. These properties compare the two, on
 * first (cache-filling) and second (cached) calls, around the daylight-saving changes.
 */

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Every Paris offset change from 1970 to 2100, as epoch milliseconds (from Temporal's own time-zone data). */
const transitions: number[] = (() => {
  const found: number[] = [];
  let zoned: Temporal.ZonedDateTime | null = Temporal.Instant.from('1970-01-01T00:00:00Z').toZonedDateTimeISO('Europe/Paris');
  while (zoned !== null && zoned.year < 2100) {
    zoned = zoned.getTimeZoneTransition('next');
    if (zoned !== null) found.push(zoned.epochMilliseconds);
  }
  return found;
})();

/** Instants within three hours of a daylight-saving change, to the millisecond. */
const nearTransition = fc
  .tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * HOUR_MS, max: 3 * HOUR_MS }))
  .map(([at, delta]) => at + delta);
/** Instants anywhere in 1900–2300. */
const anyInstantMs = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2300, 0, 1) });
const instantMs = fc.oneof(nearTransition, anyInstantMs);
/** The stored form, and other ways of writing the same instant (left to Temporal by the caches). */
const instantText = fc.oneof(
  instantMs.map((ms) => new Date(ms).toISOString()),
  instantMs.map((ms) => new Date(ms).toISOString().replace('.000Z', 'Z')),
  fc.tuple(instantMs, fc.constantFrom('+02:00', '-01:00', '+00:00')).map(([ms, offset]) =>
    Temporal.Instant.fromEpochMilliseconds(ms).toString({ timeZone: offset === '+00:00' ? 'UTC' : offset }),
  ),
);
/** Paris dates around the changes and anywhere in 1900–2300 (day 29–31 included). */
const anyDate = fc.oneof(
  nearTransition.map((ms) => new Date(ms).toISOString().slice(0, 10)),
  fc.integer({ min: -25_567, max: 120_000 }).map((n) => uncached.dateOfEpochDay(n)),
);
const wallTime = fc.oneof(
  fc.constantFrom('00:00', '01:59', '02:00', '02:30', '02:59', '03:00', '03:30', '10:00', '23:59'),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(
    ([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
  ),
);

/** `f` twice (filling, then hitting its cache): both answers must be `expected`. */
function sameTwice<T>(f: () => T, expected: T): boolean {
  const first = f();
  const second = f();
  return JSON.stringify(first) === JSON.stringify(expected) && JSON.stringify(second) === JSON.stringify(expected);
}

describe('the cached Paris calendar equals Temporal computed afresh', () => {
  it('R1 parisDate of any instant, around every daylight-saving change (property)', () => {
    fc.assert(
      fc.property(instantText, (text) => sameTwice(() => parisDate(text), uncached.parisDate(text))),
      { numRuns: 3_000 },
    );
  });

  it('R1 parisDate of every millisecond-exact change instant and its neighbours', () => {
    for (const at of transitions) {
      for (const ms of [at - 1, at, at + 1, at - HOUR_MS, at + HOUR_MS - 1]) {
        const text = new Date(ms).toISOString();
        expect(parisDate(text)).toBe(uncached.parisDate(text));
      }
    }
  });

  it('R3 startOfParisDay and R11 parisInstant of any date and wall time, including 02:30 on change days (property)', () => {
    fc.assert(
      fc.property(anyDate, wallTime, (date, hhmm) =>
        sameTwice(() => startOfParisDay(date), uncached.startOfParisDay(date)) &&
        sameTwice(() => parisInstant(date, hhmm), uncached.parisInstant(date, hhmm)),
      ),
      { numRuns: 2_000 },
    );
  });

  it('R3 consultationDeadline and windowEnd of any availability instant (property)', () => {
    fc.assert(
      fc.property(instantText, (text) => {
        const deadline = uncached.addDays(uncached.parisDate(text), 15);
        const end = uncached.startOfParisDay(uncached.addDays(deadline, 1));
        return sameTwice(() => consultationDeadline(text), deadline) && sameTwice(() => windowEnd(text), end);
      }),
      { numRuns: 2_000 },
    );
  });

  it('toInstant and compareInstants of any two instants, whatever their form (property)', () => {
    fc.assert(
      fc.property(instantText, instantText, (a, b) =>
        sameTwice(() => toInstant(a), uncached.toInstant(a)) &&
        sameTwice(() => compareInstants(a, b), uncached.compareInstants(a, b)),
      ),
      { numRuns: 2_000 },
    );
  });

  it('date arithmetic: addDays, daysBetween, compareDates, addMonthsClamped (property)', () => {
    fc.assert(
      fc.property(anyDate, anyDate, fc.integer({ min: -800, max: 800 }), fc.integer({ min: -30, max: 30 }), (a, b, days, months) =>
        sameTwice(() => addDays(a, days), uncached.addDays(a, days)) &&
        sameTwice(() => daysBetween(a, b), uncached.daysBetween(a, b)) &&
        sameTwice(() => compareDates(a, b), uncached.compareDates(a, b)) &&
        sameTwice(() => addMonthsClamped(a, months), uncached.addMonthsClamped(a, months)),
      ),
      { numRuns: 2_000 },
    );
  });

  it('R10 weekends, holidays and display dates of any date (property)', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const plain = uncached.plainDate(date);
        const year = plain.year;
        const easter = easterSunday(year);
        const holidays = [
          ...['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${String(year).padStart(4, '0')}-${md}`),
          uncached.addDays(easter, 1),
          uncached.addDays(easter, 39),
          uncached.addDays(easter, 50),
        ];
        const display = `${String(plain.day).padStart(2, '0')}/${String(plain.month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
        return (
          sameTwice(() => isPublicHoliday(date), holidays.includes(date)) &&
          sameTwice(() => isWeekend(date), plain.dayOfWeek >= 6) &&
          sameTwice(() => formatDisplayDate(date), display) &&
          sameTwice(() => frenchPublicHolidays(year), [...new Set(holidays)].sort())
        );
      }),
      { numRuns: 1_000 },
    );
  });

  it('R10 gives every caller its own list of holidays: changing one changes no later answer', () => {
    const first = frenchPublicHolidays(2024);
    first.push('2024-12-26');
    first.splice(0, 1);

    expect(frenchPublicHolidays(2024)).toHaveLength(11);
    expect(frenchPublicHolidays(2024)[0]).toBe('2024-01-01');
    expect(isPublicHoliday('2024-12-26')).toBe(false);
  });

  it('refuses invalid dates and times every time: nothing invalid is remembered', () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(() => addDays('2023-02-30', 1)).toThrow(RangeError);
      expect(() => startOfParisDay('2023-02-30')).toThrow(RangeError);
      expect(() => parisInstant('2023-05-01', '24:00')).toThrow(RangeError);
      expect(() => parisInstant('2023-02-30', '10:00')).toThrow(RangeError);
      expect(() => parisDate('2023-02-30T10:00:00.000Z')).toThrow(RangeError);
      expect(() => parisDate('2023-03-01T24:00:00.000Z')).toThrow(RangeError);
      expect(() => toInstant('2023-03-01T10:00:00')).toThrow(RangeError);
      expect(() => compareDates('2023-02-29', '2023-03-01')).toThrow(RangeError);
      expect(() => addMonthsClamped('2023-01-31', 0.5)).toThrow(RangeError);
    }
  });

  it('answers from a span of constant offset only inside it: the minutes around 2024-03-31T01:00Z', () => {
    // Arrange: learn the winter span from an instant hours before the change.
    const change = Date.UTC(2024, 2, 31, 1, 0);
    parisDate(new Date(change - 5 * HOUR_MS).toISOString());

    // Act + Assert: every minute on both sides of the change, answered from the spans.
    for (let ms = change - 90 * MINUTE_MS; ms <= change + 90 * MINUTE_MS; ms += MINUTE_MS) {
      const text = new Date(ms).toISOString();
      expect(parisDate(text)).toBe(uncached.parisDate(text));
    }
    expect(parisInstant('2024-03-31', '03:00')).toBe('2024-03-31T01:00:00.000Z');
    expect(startOfParisDay('2024-04-01')).toBe('2024-03-31T22:00:00.000Z');
  });
});
