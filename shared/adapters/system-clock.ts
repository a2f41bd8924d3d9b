/** The wall clock: the only place that reads it (docs/architecture.md: time is a port). */
import type { Instant } from '../domain/types.ts';
import type { Clock } from '../ports.ts';

export class SystemClock implements Clock {
  now(): Instant {
    return new Date().toISOString();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
