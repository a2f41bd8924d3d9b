/**
 * The Paris calendar (RULES.md: all calendar reasoning happens in Europe/Paris) and French public
 * holidays (R10). Every conversion between instants and dates goes through Temporal's time-zone
 * database: no hand-made offsets, no slicing of UTC strings (2023-03-19T23:30Z is 20 March in Paris).
 */
import { Temporal } from 'temporal-polyfill';
import type { Instant, ParisDate } from './types.ts';

export const PARIS_TIME_ZONE = 'Europe/Paris';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_SHAPE = /^\d{2}:\d{2}$/;

/** Parses a `YYYY-MM-DD` Paris date strictly: `2023-02-30` or a date-time string is a RangeError, never coerced. */
function plainDate(date: ParisDate): Temporal.PlainDate {
  if (!DATE_SHAPE.test(date)) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  }
  return Temporal.PlainDate.from(date, { overflow: 'reject' });
}

function toIso(instant: Temporal.Instant): Instant {
  return instant.toString({ fractionalSecondDigits: 3 });
}

/** The Paris calendar date of an instant (R1: availableDate, R4: date of first opening). */
export function parisDate(instant: Instant): ParisDate {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(PARIS_TIME_ZONE).toPlainDate().toString();
}

/** 00:00 Paris on `date`, as a UTC instant (23:00Z in winter, 22:00Z in summer). */
export function startOfParisDay(date: ParisDate): Instant {
  return toIso(plainDate(date).toZonedDateTime({ timeZone: PARIS_TIME_ZONE }).toInstant());
}

/**
 * The instant of wall-clock time `hhmm` in Paris on `date` (R11 reminders at 10:00).
 * @example parisInstant('2023-05-01', '10:00') // '2023-05-01T08:00:00.000Z'
 */
export function parisInstant(date: ParisDate, hhmm: string): Instant {
  if (!TIME_SHAPE.test(hhmm)) {
    throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  }
  const plainTime = Temporal.PlainTime.from(hhmm, { overflow: 'reject' });
  return toIso(plainDate(date).toZonedDateTime({ timeZone: PARIS_TIME_ZONE, plainTime }).toInstant());
}

/** Normalises an ISO-8601 instant with any offset (or `Z`) to the stored form `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function toInstant(isoWithOffsetOrZ: string): Instant {
  return toIso(Temporal.Instant.from(isoWithOffsetOrZ));
}

/** Compares two instants in time order (negative, zero, positive), whatever their offsets or precision. */
export function compareInstants(a: Instant, b: Instant): number {
  return Temporal.Instant.compare(Temporal.Instant.from(a), Temporal.Instant.from(b));
}

/** True iff instant `a` is strictly before instant `b`. */
export function isBefore(a: Instant, b: Instant): boolean {
  return compareInstants(a, b) < 0;
}

/** Compares two Paris dates in calendar order (negative, zero, positive). */
export function compareDates(a: ParisDate, b: ParisDate): number {
  return Temporal.PlainDate.compare(plainDate(a), plainDate(b));
}

export function addDays(date: ParisDate, n: number): ParisDate {
  return plainDate(date).add({ days: n }).toString();
}

/**
 * Adds calendar months; when the target month has no such day, the last day of that month (R7).
 * @example addMonthsClamped('2024-01-31', 1) // '2024-02-29'
 */
export function addMonthsClamped(date: ParisDate, n: number): ParisDate {
  return plainDate(date).add({ months: n }, { overflow: 'constrain' }).toString();
}

/** `to − from` in calendar days (negative when `to` is earlier). */
export function daysBetween(from: ParisDate, to: ParisDate): number {
  return plainDate(from).until(plainDate(to), { largestUnit: 'days' }).days;
}

/**
 * Easter Sunday by the Gregorian computus (anonymous algorithm, Meeus/Jones/Butcher) — R10 says
 * Easter is computed, not listed.
 */
export function easterSunday(year: number): ParisDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`The Gregorian computus needs a year in 1583..9999, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' }).toString();
}

const FIXED_HOLIDAYS: ReadonlyArray<readonly [month: number, day: number]> = [
  [1, 1], // Jour de l'an
  [5, 1], // Fête du travail
  [5, 8], // Victoire 1945
  [7, 14], // Fête nationale
  [8, 15], // Assomption
  [11, 1], // Toussaint
  [11, 11], // Armistice
  [12, 25], // Noël
];

/**
 * R10: the metropolitan French public holidays of `year`, sorted, without duplicates (in 2008
 * Ascension fell on 1 May). Good Friday and 26 December (Alsace-Moselle only) are not included.
 */
export function frenchPublicHolidays(year: number): ParisDate[] {
  const easter = easterSunday(year);
  const movable = [
    addDays(easter, 1), // Lundi de Pâques
    addDays(easter, 39), // Ascension
    addDays(easter, 50), // Lundi de Pentecôte
  ];
  const fixed = FIXED_HOLIDAYS.map(([month, day]) => Temporal.PlainDate.from({ year, month, day }).toString());
  return [...new Set([...fixed, ...movable])].sort(compareDates);
}

export function isPublicHoliday(date: ParisDate): boolean {
  return frenchPublicHolidays(plainDate(date).year).includes(date);
}

export function isWeekend(date: ParisDate): boolean {
  return plainDate(date).dayOfWeek >= 6;
}

/** Neither a Saturday, a Sunday nor a public holiday (R7's extension, R10). */
export function isWorkingDay(date: ParisDate): boolean {
  return !isWeekend(date) && !isPublicHoliday(date);
}

/** `date` itself if it is a working day, else the next one (R7: code de procédure civile art. 642). */
export function nextWorkingDayOnOrAfter(date: ParisDate): ParisDate {
  let day = date;
  while (!isWorkingDay(day)) {
    day = addDays(day, 1);
  }
  return day;
}

/** R6 display form `DD/MM/YYYY` ("Lu le 21/04/2023"). */
export function formatDisplayDate(date: ParisDate): string {
  const { year, month, day } = plainDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}
