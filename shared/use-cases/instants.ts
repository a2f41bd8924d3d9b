/** Instant arithmetic in exact durations (sessions, lockout, codes, retries); calendar reasoning stays in shared/domain. */
import { storedForm, storedFormMs } from '../domain/instant-form.ts';
import type { Instant } from '../domain/types.ts';

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;

/** `Date.parse(instant)`, without the general parser for the stored form (instant-form.ts). */
function parsed(instant: Instant): number {
  return storedFormMs(instant) ?? Date.parse(instant);
}

/** `new Date(ms).toISOString()` (instant-form.ts: the same string, written faster). */
function formatted(ms: number): Instant {
  return storedForm(ms);
}

/** `instant` plus `ms` milliseconds, in the stored form `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function plusMs(instant: Instant, ms: number): Instant {
  return formatted(parsed(instant) + ms);
}

/** Milliseconds from `from` to `to` (negative if `to` is earlier). */
export function msBetween(from: Instant, to: Instant): number {
  if (from === to) {
    // The same string: 0, or NaN as before for a string that is not an instant (one read suffices).
    const ms = parsed(to);
    return ms - ms;
  }
  return parsed(to) - parsed(from);
}

/** The earlier of two instants. */
export function earliest(a: Instant, b: Instant): Instant {
  return parsed(a) <= parsed(b) ? a : b;
}

/** The first whole second at or after `instant` (schedulers fire on whole seconds, never before). */
export function ceilToSecond(instant: Instant): Instant {
  return formatted(Math.ceil(parsed(instant) / SECOND_MS) * SECOND_MS);
}
