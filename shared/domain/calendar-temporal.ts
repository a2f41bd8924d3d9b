/**
 * The Paris calendar computed directly by Temporal, with no cache: every call parses, converts
 * through the time-zone database and formats again. calendar.ts answers from memoised results of
 * these same computations (a Temporal call costs tens of microseconds, and the same few thousand
 * dates and offsets come back millions of times in a simulation); these functions are what it
 * computes on a cache miss, and the reference its tests compare it with.
 */
import { Temporal } from 'temporal-polyfill';
import type { Instant, ParisDate } from './types.ts';

export const PARIS_TIME_ZONE = 'Europe/Paris';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_SHAPE = /^\d{2}:\d{2}$/;

/** Parses a `YYYY-MM-DD` Paris date strictly: `2023-02-30` or a date-time string is a RangeError, never coerced. */
export function plainDate(date: ParisDate): Temporal.PlainDate {
  if (!DATE_SHAPE.test(date)) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  }
  return Temporal.PlainDate.from(date, { overflow: 'reject' });
}

function toIso(instant: Temporal.Instant): Instant {
  return instant.toString({ fractionalSecondDigits: 3 });
}

export function parisDate(instant: Instant): ParisDate {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(PARIS_TIME_ZONE).toPlainDate().toString();
}

export function startOfParisDay(date: ParisDate): Instant {
  return toIso(plainDate(date).toZonedDateTime({ timeZone: PARIS_TIME_ZONE }).toInstant());
}

export function parisInstant(date: ParisDate, hhmm: string): Instant {
  if (!TIME_SHAPE.test(hhmm)) {
    throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  }
  const plainTime = Temporal.PlainTime.from(hhmm, { overflow: 'reject' });
  return toIso(plainDate(date).toZonedDateTime({ timeZone: PARIS_TIME_ZONE, plainTime }).toInstant());
}

export function toInstant(isoWithOffsetOrZ: string): Instant {
  return toIso(Temporal.Instant.from(isoWithOffsetOrZ));
}

export function compareInstants(a: Instant, b: Instant): number {
  return Temporal.Instant.compare(Temporal.Instant.from(a), Temporal.Instant.from(b));
}

export function compareDates(a: ParisDate, b: ParisDate): number {
  return Temporal.PlainDate.compare(plainDate(a), plainDate(b));
}

export function addDays(date: ParisDate, n: number): ParisDate {
  return plainDate(date).add({ days: n }).toString();
}

export function addMonthsClamped(date: ParisDate, n: number): ParisDate {
  return plainDate(date).add({ months: n }, { overflow: 'constrain' }).toString();
}

export function daysBetween(from: ParisDate, to: ParisDate): number {
  return plainDate(from).until(plainDate(to), { largestUnit: 'days' }).days;
}

/** A valid Paris date of `year`, `month` and `day` (RangeError otherwise). */
export function dateOf(year: number, month: number, day: number): ParisDate {
  return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' }).toString();
}

/** The Paris date `epochDay` days after 1970-01-01 (negative: before). */
export function dateOfEpochDay(epochDay: number): ParisDate {
  return EPOCH.add({ days: epochDay }).toString();
}

/** Days from 1970-01-01 to `date`, with its year, month, day and ISO day of the week (1 = Monday … 7 = Sunday). */
export function dateFields(date: ParisDate): {
  readonly epochDay: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly dayOfWeek: number;
} {
  const parsed = plainDate(date);
  return {
    epochDay: EPOCH.until(parsed, { largestUnit: 'days' }).days,
    year: parsed.year,
    month: parsed.month,
    day: parsed.day,
    dayOfWeek: parsed.dayOfWeek,
  };
}

const EPOCH = Temporal.PlainDate.from('1970-01-01');

/**
 * The Paris UTC offset at `epochMs`, in milliseconds, and the span of instants around it over which
 * the time-zone database keeps that offset: from the last transition at or before `epochMs`
 * (inclusive) to the next one after it (exclusive), in epoch milliseconds; infinite on a side
 * without a transition.
 */
export function parisOffsetSpan(epochMs: number): { readonly offsetMs: number; readonly fromMs: number; readonly untilMs: number } {
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(PARIS_TIME_ZONE);
  const next = zoned.getTimeZoneTransition('next');
  // A transition exactly at `epochMs` already applies to it: look for the previous one from 1 ns later.
  const previous = zoned.add({ nanoseconds: 1 }).getTimeZoneTransition('previous');
  return {
    offsetMs: zoned.offsetNanoseconds / 1e6,
    fromMs: previous === null ? Number.NEGATIVE_INFINITY : previous.epochMilliseconds,
    untilMs: next === null ? Number.POSITIVE_INFINITY : next.epochMilliseconds,
  };
}

/** The Paris UTC offset at `epochMs`, in milliseconds. */
export function parisOffsetMs(epochMs: number): number {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(PARIS_TIME_ZONE).offsetNanoseconds / 1e6;
}
