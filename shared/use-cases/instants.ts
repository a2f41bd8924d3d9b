/** Instant arithmetic in exact durations (sessions, lockout, codes, retries); calendar reasoning stays in shared/domain. */
import { instantMs, storedForm } from '../domain/instant-form.ts';
import type { Instant } from '../domain/types.ts';

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;

/** `instant` plus `ms` milliseconds, in the stored form `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function plusMs(instant: Instant, ms: number): Instant {
  return storedForm(instantMs(instant) + ms);
}

/** Milliseconds from `from` to `to` (negative if `to` is earlier). */
export function msBetween(from: Instant, to: Instant): number {
  return instantMs(to) - instantMs(from);
}

/** The earlier of two instants. */
export function earliest(a: Instant, b: Instant): Instant {
  return instantMs(a) <= instantMs(b) ? a : b;
}

/** The first whole second at or after `instant` (schedulers fire on whole seconds, never before). */
export function ceilToSecond(instant: Instant): Instant {
  return storedForm(Math.ceil(instantMs(instant) / SECOND_MS) * SECOND_MS);
}
