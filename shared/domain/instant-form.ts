/**
 * The stored form of an instant, `YYYY-MM-DDTHH:mm:ss.sssZ` (what `Date#toISOString` and
 * Temporal write for years 0000–9999), read and written without the general parsers: every
 * trigger, alert and calendar question reads and shifts instants millions of times in a
 * simulation, and `Date.parse` / `toISOString` cost several hundred nanoseconds each.
 *
 * This is calendar arithmetic in UTC (the ISO-8601 format, ECMAScript's time values), not time-zone
 * reasoning: Paris offsets come from Temporal only (calendar.ts).
 */

const MAX_STORED_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/**
 * Epoch milliseconds of `text` if it is an instant in the stored form whose fields are in range
 * (year 0100–9999, month 1–12, day 1–28, hour 0–23, minute and second 0–59), else null. For those strings
 * `Date.parse`, `Temporal.Instant.from` and this agree, and the string is exactly what
 * `toISOString` writes for the instant; days 29–31 (whose validity depends on the month) and every
 * other string are left to the callers' general path.
 */
export function storedFormMs(text: string): number | null {
  if (text.length !== 24) return null;
  if (
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  ) {
    return null;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millisecond = digits(text, 20, 3);
  // Years 0–99 are left out too: Date.UTC would read them as 1900–1999.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  if (second < 0 || second > 59 || millisecond < 0) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

/** Epoch milliseconds of any ISO-8601 instant: the fast path for the stored form, `Date.parse` otherwise (NaN if invalid). */
export function instantMs(text: string): number {
  return storedFormMs(text) ?? Date.parse(text);
}

/** The decimal number written at `text[start, start + length)`, or -1 if any of it is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** `new Date(ms).toISOString()`: the same string, written without the Date object for years 0000–9999 (and by it otherwise). */
export function storedForm(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_STORED_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const hour = Math.floor(rest / HOUR_MS);
  rest -= hour * HOUR_MS;
  const minute = Math.floor(rest / MINUTE_MS);
  rest -= minute * MINUTE_MS;
  const second = Math.floor(rest / 1000);
  const millisecond = rest - second * 1000;
  // Civil date of a day count (the proleptic Gregorian calendar of ECMAScript's time values),
  // by eras of 400 years (H. Hinnant, "chrono-compatible low-level date algorithms").
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(millisecond, 3)}Z`;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const ZEROS = '0000';

function pad(value: number, width: number): string {
  const text = String(value);
  return text.length >= width ? text : ZEROS.slice(0, width - text.length) + text;
}
