/** A clock that only moves when told to: tests and the simulator set time explicitly. */
import { toInstant } from '../../domain/calendar.ts';
import type { Instant } from '../../domain/types.ts';
import type { Clock } from '../../ports.ts';

export interface Duration {
  readonly days?: number;
  readonly hours?: number;
  readonly minutes?: number;
  readonly seconds?: number;
  readonly milliseconds?: number;
}

export class FixedClock implements Clock {
  private current: Instant;

  /** @param start any ISO-8601 instant with an offset or `Z`, e.g. `2023-04-20T10:00:00+02:00`. */
  constructor(start: string = '2023-01-02T09:00:00.000Z') {
    this.current = toInstant(start);
  }

  now(): Instant {
    return this.current;
  }

  /** Jumps to `instant` (any offset; backwards too). */
  set(instant: string): void {
    this.current = toInstant(instant);
  }

  /** Moves forward by an exact duration (days are 24 hours, not calendar days). */
  advance(duration: Duration): Instant {
    const ms =
      (duration.days ?? 0) * 86_400_000 +
      (duration.hours ?? 0) * 3_600_000 +
      (duration.minutes ?? 0) * 60_000 +
      (duration.seconds ?? 0) * 1_000 +
      (duration.milliseconds ?? 0);
    this.current = new Date(Date.parse(this.current) + ms).toISOString();
    return this.current;
  }
}
