import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  compareInstants,
  daysBetween,
  easterSunday,
  formatDisplayDate,
  frenchPublicHolidays,
  isPublicHoliday,
  isWeekend,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  parisDate,
  parisInstant,
  startOfParisDay,
  toInstant,
} from '../../../shared/domain/calendar.ts';

/** An oracle independent of Temporal: the platform's ICU time-zone data. */
const parisDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const parisTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const intlParisDate = (ms: number): string => parisDateFormat.format(new Date(ms));
const intlParisTime = (ms: number): string => parisTimeFormat.format(new Date(ms));

const instantMs = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) });
const anyDate = fc.integer({ min: 0, max: 36_500 }).map((n) => addDays('2000-01-01', n));

describe('parisDate', () => {
  it('R1 reads 2023-03-19T23:30Z as 20 March in Paris (midnight edge, winter)', () => {
    expect(parisDate('2023-03-19T23:30:00Z')).toBe('2023-03-20');
  });

  it('R1 reads 2023-03-19T22:59:59.999Z as still 19 March in Paris', () => {
    expect(parisDate('2023-03-19T22:59:59.999Z')).toBe('2023-03-19');
  });

  it('R1 reads 2023-07-13T22:00Z as 14 July in Paris (summer time, UTC+2)', () => {
    expect(parisDate('2023-07-13T22:00:00.000Z')).toBe('2023-07-14');
  });

  it('R1 reads instants with an offset by their Paris date', () => {
    expect(parisDate('2022-09-06T00:10:00+02:00')).toBe('2022-09-06');
    expect(parisDate('2022-09-05T23:50:00-01:00')).toBe('2022-09-06');
  });

  it('R1 reads the night of the spring change (last Sunday of March) correctly', () => {
    expect(parisDate('2024-03-30T23:00:00Z')).toBe('2024-03-31');
    expect(parisDate('2024-03-31T21:59:59Z')).toBe('2024-03-31');
    expect(parisDate('2024-03-31T22:00:00Z')).toBe('2024-04-01');
  });

  it('R1 reads the night of the autumn change (last Sunday of October) correctly', () => {
    expect(parisDate('2024-10-26T22:00:00Z')).toBe('2024-10-27');
    expect(parisDate('2024-10-27T22:59:59Z')).toBe('2024-10-27');
    expect(parisDate('2024-10-27T23:00:00Z')).toBe('2024-10-28');
  });

  it('R1 agrees with the platform time-zone data for any instant (property)', () => {
    fc.assert(
      fc.property(instantMs, (ms) => parisDate(new Date(ms).toISOString()) === intlParisDate(ms)),
      { numRuns: 200 },
    );
  });
});

describe('startOfParisDay', () => {
  it('R3 gives 23:00Z the day before in winter and 22:00Z in summer', () => {
    expect(startOfParisDay('2024-01-15')).toBe('2024-01-14T23:00:00.000Z');
    expect(startOfParisDay('2022-09-22')).toBe('2022-09-21T22:00:00.000Z');
  });

  it('R3 is DST-safe around the last Sunday of March', () => {
    expect(startOfParisDay('2024-03-31')).toBe('2024-03-30T23:00:00.000Z');
    expect(startOfParisDay('2024-04-01')).toBe('2024-03-31T22:00:00.000Z');
  });

  it('R3 is DST-safe around the last Sunday of October', () => {
    expect(startOfParisDay('2024-10-27')).toBe('2024-10-26T22:00:00.000Z');
    expect(startOfParisDay('2024-10-28')).toBe('2024-10-27T23:00:00.000Z');
  });

  it('R3 is the first instant of the Paris day for any date (property)', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const ms = Date.parse(startOfParisDay(date));
        return intlParisDate(ms) === date && intlParisDate(ms - 1) === addDays(date, -1) && intlParisTime(ms) === '00:00:00';
      }),
      { numRuns: 200 },
    );
  });
});

describe('parisInstant', () => {
  it('R11 places 10:00 Paris at 08:00Z in summer and 09:00Z in winter', () => {
    expect(parisInstant('2023-05-01', '10:00')).toBe('2023-05-01T08:00:00.000Z');
    expect(parisInstant('2023-01-10', '10:00')).toBe('2023-01-10T09:00:00.000Z');
  });

  it('R11 places 10:00 on the days of the changes by the new offset', () => {
    expect(parisInstant('2024-03-31', '10:00')).toBe('2024-03-31T08:00:00.000Z');
    expect(parisInstant('2024-10-27', '10:00')).toBe('2024-10-27T09:00:00.000Z');
  });

  it('refuses a malformed time', () => {
    expect(() => parisInstant('2023-05-01', '10h00')).toThrow(RangeError);
    expect(() => parisInstant('2023-05-01', '25:00')).toThrow(RangeError);
  });
});

describe('toInstant', () => {
  it('normalises an offset instant to UTC with milliseconds', () => {
    expect(toInstant('2023-04-20T10:00:00+02:00')).toBe('2023-04-20T08:00:00.000Z');
    expect(toInstant('2023-04-20T08:00:00Z')).toBe('2023-04-20T08:00:00.000Z');
    expect(toInstant('2023-04-20T08:00:00.5Z')).toBe('2023-04-20T08:00:00.500Z');
  });

  it('refuses a local date-time without an offset', () => {
    expect(() => toInstant('2023-04-20T10:00:00')).toThrow(RangeError);
  });

  it('orders instants whatever their offsets', () => {
    expect(compareInstants('2023-04-20T10:00:00+02:00', '2023-04-20T08:00:00.000Z')).toBe(0);
    expect(compareInstants('2023-04-20T09:59:59+01:00', '2023-04-20T09:00:00Z')).toBeLessThan(0);
  });
});

describe('date arithmetic', () => {
  it('adds days across month ends, 29 February and year ends', () => {
    expect(addDays('2023-01-31', 1)).toBe('2023-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
  });

  it('R7 clamps 2024-01-31 + 1 month to 2024-02-29', () => {
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('R7 clamps 2023-01-31 + 1 month to 2023-02-28', () => {
    expect(addMonthsClamped('2023-01-31', 1)).toBe('2023-02-28');
  });

  it('R7 adds a month across year ends (31 Dec + 1 month = 31 Jan)', () => {
    expect(addMonthsClamped('2023-12-31', 1)).toBe('2024-01-31');
    expect(addMonthsClamped('2024-12-31', 2)).toBe('2025-02-28');
    expect(addMonthsClamped('2024-03-31', 1)).toBe('2024-04-30');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('R7 keeps the day of month when the target month has it (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 24 }), (date, n) => {
        const result = addMonthsClamped(date, n);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const targetMonthIndex = y * 12 + (m - 1) + n;
        const lastDay = new Date(Date.UTC(Math.floor(targetMonthIndex / 12), (targetMonthIndex % 12) + 1, 0)).getUTCDate();
        const expected = `${Math.floor(targetMonthIndex / 12)}-${String((targetMonthIndex % 12) + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
        return result === expected;
      }),
      { numRuns: 200 },
    );
  });

  it('counts calendar days, not hours, across the DST changes', () => {
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2019-06-17', '2019-06-05')).toBe(-12);
  });

  it('refuses impossible dates and date-time strings instead of coercing them', () => {
    expect(() => addDays('2023-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2023-03-19T23:30:00Z', 0)).toThrow(RangeError);
    expect(() => daysBetween('2023-3-1', '2023-03-02')).toThrow(RangeError);
  });
});

describe('French public holidays', () => {
  it.each([
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('R10 computes Easter %i on %s (Gregorian computus)', (year, easter) => {
    expect(easterSunday(year)).toBe(easter);
  });

  it('R10 refuses years before the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });

  it('R10 lists the eleven holidays of 2024 in order', () => {
    expect(frenchPublicHolidays(2024)).toEqual([
      '2024-01-01',
      '2024-04-01', // Easter Monday
      '2024-05-01',
      '2024-05-08',
      '2024-05-09', // Ascension = Easter + 39
      '2024-05-20', // Whit Monday = Easter + 50
      '2024-07-14',
      '2024-08-15',
      '2024-11-01',
      '2024-11-11',
      '2024-12-25',
    ]);
  });

  it('R10 lists 2008 Ascension and 1 May once (they coincided)', () => {
    const holidays = frenchPublicHolidays(2008);
    expect(holidays).toHaveLength(10);
    expect(holidays.filter((d) => d === '2008-05-01')).toHaveLength(1);
  });

  it('R10 puts Ascension on a Thursday and Easter and Whit Mondays on Mondays in every year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        const weekday = (d: string): number => new Date(`${d}T00:00:00Z`).getUTCDay();
        return (
          weekday(easter) === 0 &&
          weekday(addDays(easter, 1)) === 1 &&
          weekday(addDays(easter, 39)) === 4 &&
          weekday(addDays(easter, 50)) === 1 &&
          easter >= `${year}-03-22` &&
          easter <= `${year}-04-25`
        );
      }),
      { numRuns: 200 },
    );
  });

  it('R10 does not count Good Friday, Whit Sunday or 26 December (Alsace-Moselle only)', () => {
    expect(isPublicHoliday('2024-03-29')).toBe(false);
    expect(isPublicHoliday('2024-05-19')).toBe(false);
    expect(isPublicHoliday('2024-12-26')).toBe(false);
  });

  it('R10 knows weekends and working days', () => {
    expect(isWeekend('2024-05-11')).toBe(true);
    expect(isWeekend('2024-05-12')).toBe(true);
    expect(isWeekend('2024-05-10')).toBe(false);
    expect(isWorkingDay('2024-05-09')).toBe(false);
    expect(isWorkingDay('2024-05-10')).toBe(true);
  });

  it('R10 moves 8 May 2024 past Ascension to Friday 10 May', () => {
    expect(nextWorkingDayOnOrAfter('2024-05-08')).toBe('2024-05-10');
  });

  it('R10 moves Saturday 31 December 2022 past the Sunday 1 January to 2 January 2023', () => {
    expect(nextWorkingDayOnOrAfter('2022-12-31')).toBe('2023-01-02');
  });

  it('R10 keeps a working day as it is', () => {
    expect(nextWorkingDayOnOrAfter('2024-03-29')).toBe('2024-03-29');
  });
});

describe('formatDisplayDate', () => {
  it('R6 shows dates as DD/MM/YYYY ("Lu le 21/04/2023")', () => {
    expect(formatDisplayDate('2023-04-21')).toBe('21/04/2023');
    expect(formatDisplayDate('2022-09-06')).toBe('06/09/2022');
  });
});
