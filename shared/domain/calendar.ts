/**
 * The Paris calendar (docs/rules.md: all calendar reasoning happens in Europe/Paris) and French public
 * holidays (R10). Every conversion between instants and dates goes through Temporal's time-zone
 * database: no hand-made offsets, no slicing of UTC strings (2023-03-19T23:30Z is 20 March in Paris).
 * The Temporal computations themselves are in calendar-temporal.ts; this module remembers their
 * results (per date, per year, per span between two time-zone transitions) and answers from them.
 */
import { BoundedCache } from './bounded-cache.ts';
// calendar-temporal.ts, which the Lambda bundles load from beside themselves on first use (package.json `imports`).
import * as temporal from '#calendar-temporal';
import { storedFormMs } from './instant-form.ts';
import type { Instant, ParisDate } from './types.ts';

export { PARIS_TIME_ZONE } from '#calendar-temporal';

/*
 * Caches. Every answer below is computed by Temporal (calendar-temporal.ts) the first time it is
 * asked for, then remembered: a simulation asks for the same few thousand dates and the same two
 * offsets millions of times, and one Temporal conversion costs tens of microseconds. Only valid
 * inputs are remembered (an invalid one throws from Temporal each time), and each cache forgets
 * its oldest entries beyond a bound, so memory stays flat however long a process runs.
 */

const DAY_MS = 86_400_000;
const CACHE_LIMIT = 100_000;

interface DateFields {
  /** Days since 1970-01-01. */
  readonly epochDay: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** ISO: 1 = Monday … 7 = Sunday. */
  readonly dayOfWeek: number;
}

const fieldsByDate = new BoundedCache<string, DateFields>(CACHE_LIMIT);
const dateByEpochDay = new BoundedCache<number, ParisDate>(CACHE_LIMIT);

/** The fields of a valid `YYYY-MM-DD` date; RangeError (from Temporal) for anything else. */
function fieldsOf(date: ParisDate): DateFields {
  return fieldsByDate.get(date) ?? fieldsByDate.set(date, temporal.dateFields(date));
}

function dateOfEpochDay(epochDay: number): ParisDate {
  return dateByEpochDay.get(epochDay) ?? dateByEpochDay.set(epochDay, temporal.dateOfEpochDay(epochDay));
}

/** The stored form of an instant, `YYYY-MM-DDTHH:mm:ss.sssZ` (4-digit year), which alone takes the fast paths. */
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const msByInstant = new BoundedCache<string, number>(CACHE_LIMIT);

/**
 * Epoch milliseconds of an instant written in the stored form — a real instant, written exactly as
 * `Date#toISOString` (hence Temporal) writes it back — or null for any other string (offsets, other
 * precisions, `2023-02-30…`, `…T24:00…`), which the callers leave to Temporal.
 */
function storedInstantMs(instant: Instant): number | null {
  const direct = storedFormMs(instant);
  if (direct !== null) return direct;
  const known = msByInstant.get(instant);
  if (known !== undefined) return known;
  if (!STORED_INSTANT.test(instant)) return null;
  const ms = Date.parse(instant);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== instant) return null;
  return msByInstant.set(instant, ms);
}

interface OffsetSpan {
  readonly offsetMs: number;
  /** Inclusive, epoch ms. */
  readonly fromMs: number;
  /** Exclusive, epoch ms. */
  readonly untilMs: number;
}

/** Spans of constant Paris offset, as the time-zone database gives them (two a year). */
const offsetSpans: OffsetSpan[] = [];
const MAX_OFFSET_SPANS = 1_000;
let lastSpan: OffsetSpan | null = null;

/**
 * The Paris UTC offset at `epochMs` in whole milliseconds, or null when it is not (then the caller
 * asks Temporal directly). The offset comes from Temporal with the span between the two time-zone
 * transitions around `epochMs`; any instant of a span already seen is answered from it.
 */
function parisOffsetMs(epochMs: number): number | null {
  if (lastSpan !== null && epochMs >= lastSpan.fromMs && epochMs < lastSpan.untilMs) return lastSpan.offsetMs;
  const known = offsetSpans.find((span) => epochMs >= span.fromMs && epochMs < span.untilMs);
  if (known !== undefined) {
    lastSpan = known;
    return known.offsetMs;
  }
  const span = checkedSpan(epochMs);
  if (span === null) return null;
  if (offsetSpans.length >= MAX_OFFSET_SPANS) offsetSpans.length = 0;
  offsetSpans.push(span);
  lastSpan = span;
  return span.offsetMs;
}

/**
 * The span of Temporal's offset at `epochMs`, cross-checked with Temporal's offset at both ends; a
 * span Temporal gives no bound for on one side is cut at `epochMs` on that side.
 */
function checkedSpan(epochMs: number): OffsetSpan | null {
  const span = temporal.parisOffsetSpan(epochMs);
  if (!Number.isInteger(span.offsetMs)) return null;
  const fromMs = Number.isFinite(span.fromMs) ? span.fromMs : epochMs;
  const untilMs = Number.isFinite(span.untilMs) ? span.untilMs : epochMs + 1;
  const consistent =
    fromMs <= epochMs &&
    epochMs < untilMs &&
    temporal.parisOffsetMs(fromMs) === span.offsetMs &&
    temporal.parisOffsetMs(untilMs - 1) === span.offsetMs;
  return consistent ? { offsetMs: span.offsetMs, fromMs, untilMs } : { offsetMs: span.offsetMs, fromMs: epochMs, untilMs: epochMs + 1 };
}

/** The Paris calendar date of an instant (R1: availableDate, R4: date of first opening). */
export function parisDate(instant: Instant): ParisDate {
  const ms = storedInstantMs(instant);
  const offsetMs = ms === null ? null : parisOffsetMs(ms);
  if (ms === null || offsetMs === null) return temporal.parisDate(instant);
  return dateOfEpochDay(Math.floor((ms + offsetMs) / DAY_MS));
}

const startByDate = new BoundedCache<string, Instant>(CACHE_LIMIT);

/** 00:00 Paris on `date`, as a UTC instant (23:00Z in winter, 22:00Z in summer). */
export function startOfParisDay(date: ParisDate): Instant {
  return startByDate.get(date) ?? startByDate.set(date, temporal.startOfParisDay(date));
}

const instantsByTime = new BoundedCache<string, BoundedCache<string, Instant>>(1_000);

/**
 * The instant of wall-clock time `hhmm` in Paris on `date` (R11 reminders at 10:00).
 * @example parisInstant('2023-05-01', '10:00') // '2023-05-01T08:00:00.000Z'
 */
export function parisInstant(date: ParisDate, hhmm: string): Instant {
  const byDate = instantsByTime.get(hhmm);
  const known = byDate?.get(date);
  if (known !== undefined) return known;
  const instant = temporal.parisInstant(date, hhmm);
  (byDate ?? instantsByTime.set(hhmm, new BoundedCache<string, Instant>(CACHE_LIMIT))).set(date, instant);
  return instant;
}

/** Normalises an ISO-8601 instant with any offset (or `Z`) to the stored form `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function toInstant(isoWithOffsetOrZ: string): Instant {
  return storedInstantMs(isoWithOffsetOrZ) === null ? temporal.toInstant(isoWithOffsetOrZ) : isoWithOffsetOrZ;
}

/** Compares two instants in time order (negative, zero, positive), whatever their offsets or precision. */
export function compareInstants(a: Instant, b: Instant): number {
  const msA = storedInstantMs(a);
  const msB = msA === null ? null : storedInstantMs(b);
  if (msA === null || msB === null) return temporal.compareInstants(a, b);
  return msA < msB ? -1 : msA > msB ? 1 : 0;
}

/** True iff instant `a` is strictly before instant `b`. */
export function isBefore(a: Instant, b: Instant): boolean {
  return compareInstants(a, b) < 0;
}

/** Compares two Paris dates in calendar order (negative, zero, positive). */
export function compareDates(a: ParisDate, b: ParisDate): number {
  const dayA = fieldsOf(a).epochDay;
  const dayB = fieldsOf(b).epochDay;
  return dayA < dayB ? -1 : dayA > dayB ? 1 : 0;
}

export function addDays(date: ParisDate, n: number): ParisDate {
  if (!Number.isSafeInteger(n)) return temporal.addDays(date, n);
  return dateOfEpochDay(fieldsOf(date).epochDay + n);
}

const monthsLater = new BoundedCache<number, BoundedCache<string, ParisDate>>(1_000);

/**
 * Adds calendar months; when the target month has no such day, the last day of that month (R7).
 * @example addMonthsClamped('2024-01-31', 1) // '2024-02-29'
 */
export function addMonthsClamped(date: ParisDate, n: number): ParisDate {
  const byDate = monthsLater.get(n);
  const known = byDate?.get(date);
  if (known !== undefined) return known;
  const later = temporal.addMonthsClamped(date, n);
  (byDate ?? monthsLater.set(n, new BoundedCache<string, ParisDate>(CACHE_LIMIT))).set(date, later);
  return later;
}

/** `to − from` in calendar days (negative when `to` is earlier). */
export function daysBetween(from: ParisDate, to: ParisDate): number {
  const fromDay = fieldsOf(from).epochDay;
  return fieldsOf(to).epochDay - fromDay;
}

const easterByYear = new BoundedCache<number, ParisDate>(10_000);

/**
 * Easter Sunday by the Gregorian computus (anonymous algorithm, Meeus/Jones/Butcher) — R10 says
 * Easter is computed, not listed.
 */
export function easterSunday(year: number): ParisDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`The Gregorian computus needs a year in 1583..9999, got ${year}`);
  }
  return easterByYear.get(year) ?? easterByYear.set(year, computus(year));
}

function computus(year: number): ParisDate {
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
  return temporal.dateOf(year, month, day);
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

const holidaysByYear = new BoundedCache<number, readonly ParisDate[]>(10_000);
const holidaySetByYear = new BoundedCache<number, ReadonlySet<ParisDate>>(10_000);

/**
 * R10: the metropolitan French public holidays of `year`, sorted, without duplicates (in 2008
 * Ascension fell on 1 May). Good Friday and 26 December (Alsace-Moselle only) are not included.
 */
export function frenchPublicHolidays(year: number): ParisDate[] {
  return [...holidaysOf(year)];
}

/** frenchPublicHolidays, computed once per year (callers get their own copy of the list). */
function holidaysOf(year: number): readonly ParisDate[] {
  const known = holidaysByYear.get(year);
  if (known !== undefined) return known;
  const easter = easterSunday(year);
  const movable = [
    addDays(easter, 1), // Lundi de Pâques
    addDays(easter, 39), // Ascension
    addDays(easter, 50), // Lundi de Pentecôte
  ];
  const fixed = FIXED_HOLIDAYS.map(([month, day]) => temporal.dateOf(year, month, day));
  return holidaysByYear.set(year, Object.freeze([...new Set([...fixed, ...movable])].sort(compareDates)));
}

export function isPublicHoliday(date: ParisDate): boolean {
  const year = fieldsOf(date).year;
  const holidays = holidaySetByYear.get(year) ?? holidaySetByYear.set(year, new Set(holidaysOf(year)));
  return holidays.has(date);
}

export function isWeekend(date: ParisDate): boolean {
  return fieldsOf(date).dayOfWeek >= 6;
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
  const { year, month, day } = fieldsOf(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}
