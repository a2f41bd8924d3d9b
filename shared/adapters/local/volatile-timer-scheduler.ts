/**
 * Timer-driven one-time triggers kept in memory only, for `STORE=memory npm start` (nothing
 * persists in that mode, so neither do triggers). The durable twin is TimerScheduler.
 */
import type { Clock, Scheduler, Trigger, TriggerPayload } from '../../ports.ts';

const MAX_TIMEOUT_MS = 2 ** 31 - 1;
const RETRY_DELAY_MS = 5_000;

export interface VolatileTimerSchedulerOptions {
  readonly clock: Clock;
  readonly run: (payload: TriggerPayload) => Promise<void>;
  readonly onError?: (error: unknown, name: string) => void;
}

export class VolatileTimerScheduler implements Scheduler {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #stopped = false;

  constructor(private readonly options: VolatileTimerSchedulerOptions) {}

  async schedule(trigger: Trigger): Promise<void> {
    if (this.#timers.has(trigger.name) || this.#stopped) return;
    this.#arm(trigger, Date.parse(trigger.at) - Date.parse(this.options.clock.now()));
  }

  async cancel(name: string): Promise<void> {
    clearTimeout(this.#timers.get(name));
    this.#timers.delete(name);
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #arm(trigger: Trigger, delayMs: number): void {
    const delay = Math.max(0, delayMs);
    const timer = setTimeout(() => {
      if (delay > MAX_TIMEOUT_MS) {
        this.#arm(trigger, Date.parse(trigger.at) - Date.parse(this.options.clock.now()));
        return;
      }
      this.options.run(trigger.payload).then(
        () => this.#timers.delete(trigger.name),
        (error: unknown) => {
          this.options.onError?.(error, trigger.name);
          if (!this.#stopped) this.#arm(trigger, RETRY_DELAY_MS);
        },
      );
    }, Math.min(delay, MAX_TIMEOUT_MS));
    timer.unref();
    this.#timers.set(trigger.name, timer);
  }
}
