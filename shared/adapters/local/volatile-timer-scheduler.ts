/**
 * Timer-driven one-time triggers kept in memory only, for `STORE=memory npm start` (nothing
 * persists in that mode, so neither do triggers). The durable twin is TimerScheduler.
 */
import type { Clock, Scheduler, Trigger, TriggerPayload } from '../../ports.ts';
import { assertTriggerName } from '../trigger-name.ts';
import { MAX_TIMER_DELAY_MS, NODE_TIMERS, type Timers } from './timers.ts';

const RETRY_DELAY_MS = 5_000;

export interface VolatileTimerSchedulerOptions {
  readonly clock: Clock;
  readonly run: (payload: TriggerPayload) => Promise<void>;
  readonly onError?: (error: unknown, name: string) => void;
  /** What wakes the process (Node's timers by default). */
  readonly timers?: Timers;
}

/** One scheduled trigger: its pending timer, if any (none while it runs). */
interface Entry {
  readonly trigger: Trigger;
  handle: unknown;
}

export class VolatileTimerScheduler implements Scheduler {
  readonly #entries = new Map<string, Entry>();
  readonly #timers: Timers;
  #stopped = false;

  constructor(private readonly options: VolatileTimerSchedulerOptions) {
    this.#timers = options.timers ?? NODE_TIMERS;
  }

  async schedule(trigger: Trigger): Promise<void> {
    assertTriggerName(trigger.name);
    if (this.#entries.has(trigger.name) || this.#stopped) return;
    const entry: Entry = { trigger: structuredClone(trigger), handle: null };
    this.#entries.set(trigger.name, entry);
    this.#arm(entry, Date.parse(trigger.at) - Date.parse(this.options.clock.now()));
  }

  async cancel(name: string): Promise<void> {
    const entry = this.#entries.get(name);
    if (entry === undefined) return;
    if (entry.handle !== null) this.#timers.clear(entry.handle);
    this.#entries.delete(name);
  }

  stop(): void {
    this.#stopped = true;
    for (const entry of this.#entries.values()) if (entry.handle !== null) this.#timers.clear(entry.handle);
    this.#entries.clear();
  }

  /** Still the scheduled entry of its name (not cancelled, nor replaced after a cancel)? */
  #current(entry: Entry): boolean {
    return !this.#stopped && this.#entries.get(entry.trigger.name) === entry;
  }

  #arm(entry: Entry, delayMs: number): void {
    const delay = Math.max(0, delayMs);
    entry.handle = this.#timers.set(() => {
      entry.handle = null;
      if (!this.#current(entry)) return;
      if (delay > MAX_TIMER_DELAY_MS) {
        // Woken early by setTimeout's limit: wait the rest.
        this.#arm(entry, Date.parse(entry.trigger.at) - Date.parse(this.options.clock.now()));
        return;
      }
      this.options.run(structuredClone(entry.trigger.payload)).then(
        () => {
          if (this.#current(entry)) this.#entries.delete(entry.trigger.name);
        },
        (error: unknown) => {
          this.options.onError?.(error, entry.trigger.name);
          if (this.#current(entry)) this.#arm(entry, RETRY_DELAY_MS);
        },
      );
    }, Math.min(delay, MAX_TIMER_DELAY_MS));
  }
}
