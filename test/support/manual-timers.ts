/**
 * Timers that fire only when a test moves time (the local schedulers' `timers` option), on the
 * same FixedClock the adapter reads: no wall-clock waits, so nothing depends on the machine's load.
 */
import type { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';
import type { Timers } from '../../shared/adapters/local/timers.ts';

interface Pending {
  readonly atMs: number;
  readonly order: number;
  readonly callback: () => void;
}

export class ManualTimers implements Timers {
  readonly #pending = new Set<Pending>();
  #order = 0;
  /** Every delay asked for, in order. */
  readonly delays: number[] = [];

  constructor(private readonly clock: FixedClock) {}

  set(callback: () => void, delayMs: number): unknown {
    this.delays.push(delayMs);
    const timer: Pending = { atMs: Date.parse(this.clock.now()) + delayMs, order: this.#order++, callback };
    this.#pending.add(timer);
    return timer;
  }

  clear(handle: unknown): void {
    this.#pending.delete(handle as Pending);
  }

  /** How many timers are armed. */
  get armed(): number {
    return this.#pending.size;
  }

  /**
   * Moves the clock to `until`, firing on the way each timer due by then, in time order, with the
   * clock at the timer's instant; `settle` (the adapter's work started by a timer) is awaited
   * before the next one and at the end.
   */
  async advanceTo(until: string, settle: () => Promise<void>): Promise<void> {
    const endMs = Date.parse(until);
    for (;;) {
      await settle();
      const [next] = [...this.#pending].sort((a, b) => a.atMs - b.atMs || a.order - b.order);
      if (next === undefined || next.atMs > endMs) break;
      this.#pending.delete(next);
      if (next.atMs > Date.parse(this.clock.now())) this.clock.set(new Date(next.atMs).toISOString());
      next.callback();
    }
    if (endMs > Date.parse(this.clock.now())) this.clock.set(until);
    await settle();
  }
}
