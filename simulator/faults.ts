/**
 * Fault injection (docs/timelines.md "Faults"): seeded wrappers around the ports the use cases see —
 * the scheduler, the notifier and the repositories — so the product code runs unchanged and
 * meets the failures it must survive. The same seed always injects the same failures.
 *
 * - schedulerDelay N: every one-time schedule is created N minutes later than asked.
 * - schedulerDuplicate: every schedule is created twice; the copy fires 0–5 minutes after it.
 * - schedulerDrop: schedules are accepted and never fire (only the daily sweep repairs).
 * - smsFailure N: the first N send attempts of every SMS (by alert id) fail temporarily.
 * - storeThrottle P: each repository call is refused with StoreThrottledError with probability P,
 *   before it touches the store (a throttled call has no effect, as in DynamoDB).
 */
import { StoreThrottledError } from '../shared/errors.ts';
import type { Notifier, OutgoingMessage, Scheduler, SendResult, Trigger } from '../shared/ports.ts';
import type { Fault } from './schema.ts';
import { rng, type Random } from './random.ts';

const MINUTE_MS = 60_000;

/** What the faults did during a run (reported in the JSON result). */
export interface FaultCounters {
  delayedSchedules: number;
  duplicatedSchedules: number;
  droppedSchedules: number;
  failedSmsAttempts: number;
  throttledStoreCalls: number;
}

export function emptyFaultCounters(): FaultCounters {
  return { delayedSchedules: 0, duplicatedSchedules: 0, droppedSchedules: 0, failedSmsAttempts: 0, throttledStoreCalls: 0 };
}

class DelayingScheduler implements Scheduler {
  constructor(
    private readonly inner: Scheduler,
    private readonly delayMs: number,
    private readonly counters: FaultCounters,
  ) {}

  async schedule(trigger: Trigger): Promise<void> {
    this.counters.delayedSchedules += 1;
    await this.inner.schedule({ ...trigger, at: new Date(Date.parse(trigger.at) + this.delayMs).toISOString() });
  }

  cancel(name: string): Promise<void> {
    return this.inner.cancel(name);
  }
}

class DuplicatingScheduler implements Scheduler {
  private readonly copies = new Map<string, string>();
  private sequence = 0;

  constructor(
    private readonly inner: Scheduler,
    private readonly random: Random,
    private readonly counters: FaultCounters,
  ) {}

  async schedule(trigger: Trigger): Promise<void> {
    await this.inner.schedule(trigger);
    let copyName = this.copies.get(trigger.name);
    if (copyName === undefined) {
      copyName = `dup.${++this.sequence}`;
      this.copies.set(trigger.name, copyName);
    }
    const lagMs = this.random.int(0, 300) * 1000;
    this.counters.duplicatedSchedules += 1;
    await this.inner.schedule({ ...trigger, name: copyName, at: new Date(Date.parse(trigger.at) + lagMs).toISOString() });
  }

  async cancel(name: string): Promise<void> {
    await this.inner.cancel(name);
    const copyName = this.copies.get(name);
    if (copyName !== undefined) await this.inner.cancel(copyName);
  }
}

class DroppingScheduler implements Scheduler {
  constructor(private readonly counters: FaultCounters) {}

  async schedule(_trigger: Trigger): Promise<void> {
    this.counters.droppedSchedules += 1;
  }

  async cancel(_name: string): Promise<void> {}
}

class FailingSmsNotifier implements Notifier {
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly inner: Notifier,
    private readonly failures: number,
    private readonly counters: FaultCounters,
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'sms') return this.inner.send(message);
    const attempt = (this.attempts.get(message.id) ?? 0) + 1;
    this.attempts.set(message.id, attempt);
    if (attempt <= this.failures) {
      this.counters.failedSmsAttempts += 1;
      return { status: 'temporaryFailure', reason: `injected failure (attempt ${attempt} of ${this.failures})` };
    }
    return this.inner.send(message);
  }
}

/** Every method of `target` refused with StoreThrottledError with probability `p`, before it runs. */
function throttling<T extends object>(target: T, random: Random, p: number, counters: FaultCounters): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        if (random.chance(p)) {
          counters.throttledStoreCalls += 1;
          return Promise.reject(new StoreThrottledError());
        }
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

export interface FaultablePorts<R extends object> {
  readonly scheduler: Scheduler;
  readonly notifier: Notifier;
  readonly repositories: R;
}

/**
 * The ports with `faults` applied, seeded by `seed`. Repositories are the record of
 * repositories (`{applicants, sessions, letters}`); each gets its own throttling stream.
 */
export function withFaults<R extends Record<string, object>>(
  faults: readonly Fault[],
  seed: string,
  ports: FaultablePorts<R>,
  counters: FaultCounters = emptyFaultCounters(),
): FaultablePorts<R> & { readonly counters: FaultCounters } {
  let scheduler = ports.scheduler;
  let notifier = ports.notifier;
  let repositories = ports.repositories;
  for (const fault of faults) {
    switch (fault.kind) {
      case 'schedulerDelay':
        scheduler = new DelayingScheduler(scheduler, fault.minutes * MINUTE_MS, counters);
        break;
      case 'schedulerDuplicate':
        scheduler = new DuplicatingScheduler(scheduler, rng(seed, 'schedulerDuplicate'), counters);
        break;
      case 'schedulerDrop':
        scheduler = new DroppingScheduler(counters);
        break;
      case 'smsFailure':
        notifier = new FailingSmsNotifier(notifier, fault.attempts, counters);
        break;
      case 'storeThrottle': {
        const wrapped: Record<string, object> = {};
        for (const [name, repository] of Object.entries(repositories)) {
          wrapped[name] = throttling(repository, rng(seed, `storeThrottle.${name}`), fault.probability, counters);
        }
        repositories = wrapped as R;
        break;
      }
    }
  }
  return { scheduler, notifier, repositories, counters };
}
