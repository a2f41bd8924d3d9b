/**
 * The simulator's `Clock`: time moves only when the runner moves it, so a year of a timeline
 * runs in milliseconds and every use case sees the instant of the event it is handling.
 */
import type { Clock } from '../shared/ports.ts';
import { storedForm } from '../shared/domain/instant-form.ts';
import type { Instant } from '../shared/domain/types.ts';

export class VirtualClock implements Clock {
  private ms: number;
  private iso: Instant;

  constructor(startMs: number) {
    this.ms = startMs;
    this.iso = storedForm(startMs);
  }

  now(): Instant {
    return this.iso;
  }

  nowMs(): number {
    return this.ms;
  }

  /** Moves to `ms`; virtual time never goes backwards (an overdue event runs "now"). */
  advanceTo(ms: number): void {
    if (ms > this.ms) {
      this.ms = ms;
      this.iso = storedForm(ms);
    }
  }
}
