/**
 * Scheduler in memory: one-time triggers kept by name, released by a test or a loop when their
 * time comes. It keeps EventBridgeScheduler's contract (test/contract/scheduler.contract.test.ts):
 * creating an existing name is a success that changes nothing, cancelling an unknown name is a
 * success, and a trigger whose instant has already passed (due ≤ now) runs at once, inside
 * `schedule()`, through `runNow` — as the cloud adapter does, since EventBridge Scheduler cannot
 * create a schedule in the past.
 */
import type { Instant } from '../../domain/types.ts';
import type { Clock, Scheduler, Trigger, TriggerPayload } from '../../ports.ts';
import { assertTriggerName } from '../trigger-name.ts';

export interface InMemorySchedulerOptions {
  readonly clock: Clock;
  /** Runs a trigger whose instant has already passed (the deadline handler), as EventBridgeScheduler's `runNow`. */
  readonly runNow: (payload: TriggerPayload) => Promise<void>;
}

export class InMemoryScheduler implements Scheduler {
  private readonly byName = new Map<string, Trigger>();
  private failures: Array<Error | null> = [];

  constructor(private readonly options: InMemorySchedulerOptions) {}

  async schedule(trigger: Trigger): Promise<void> {
    assertTriggerName(trigger.name);
    this.failIfTold();
    if (Date.parse(trigger.at) <= Date.parse(this.options.clock.now())) {
      await this.options.runNow(structuredClone(trigger.payload));
      return;
    }
    if (!this.byName.has(trigger.name)) this.byName.set(trigger.name, structuredClone(trigger));
  }

  async cancel(name: string): Promise<void> {
    this.failIfTold();
    this.byName.delete(name);
  }

  /** Removes and returns the triggers due at or before `until`, in time order (ties by name). */
  due(until: Instant): Trigger[] {
    const due = this.pending().filter((trigger) => Date.parse(trigger.at) <= Date.parse(until));
    for (const trigger of due) this.byName.delete(trigger.name);
    return due;
  }

  /** Every trigger still scheduled, in time order (ties by name). */
  pending(): Trigger[] {
    return [...this.byName.values()]
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((trigger) => structuredClone(trigger));
  }

  /**
   * Makes `count` calls (schedule or cancel) throw `error` — a throttled or unavailable scheduler —
   * after letting the next `after` calls through.
   */
  failNext(count: number, error: () => Error, after = 0): void {
    this.failures = [...Array.from({ length: after }, () => null), ...Array.from({ length: count }, error)];
  }

  private failIfTold(): void {
    const failure = this.failures.shift();
    if (failure !== undefined && failure !== null) throw failure;
  }
}
