/**
 * The `Scheduler` port on virtual time: each one-time trigger becomes an entry of the
 * simulation's event queue. It keeps EventBridge Scheduler's contract — names of at most 64
 * characters of `[0-9a-zA-Z-_.]`, creating an existing name is a success that keeps the first
 * schedule, cancelling an unknown name is a success, a fired one-time schedule is deleted — so a
 * use case that breaks it fails here as it would in the cloud.
 */
import { instantMs } from '../shared/domain/instant-form.ts';
import { isTriggerName } from '../shared/adapters/trigger-name.ts';
import { SchedulerThrottledError } from '../shared/errors.ts';
import type { Clock, Scheduler, Trigger, TriggerPayload } from '../shared/ports.ts';
import { TokenBucket } from './token-bucket.ts';

/** Where fired triggers go: the simulation's queue. */
export interface TriggerSink {
  /** Queue a firing of `name` (generation `token`) at `ms`, or as soon as possible if that is past. */
  enqueueTrigger(ms: number, name: string, token: number): void;
}

export class InvalidTriggerNameError extends RangeError {
  constructor(name: string) {
    super(`Trigger name refused by the scheduler (≤ 64 of [0-9a-zA-Z-_.]): ${name}`);
  }
}

interface Pending {
  readonly trigger: Trigger;
  readonly token: number;
}

export class VirtualScheduler implements Scheduler {
  private readonly pending = new Map<string, Pending>();
  private nextToken = 1;
  /** How many schedules were created (not counting repeats of an existing name). */
  created = 0;
  /** CreateSchedule calls, repeats of an existing name included (each counts against the quota). */
  calls = 0;
  private readonly quota: { readonly bucket: TokenBucket; readonly clock: Clock } | null;

  /** `quota` (campaign mode): at most `perSecond` creations per second; beyond, the call fails as the service's ThrottlingException does. */
  constructor(
    private readonly sink: TriggerSink,
    quota?: { readonly perSecond: number; readonly clock: Clock },
  ) {
    this.quota = quota === undefined ? null : { bucket: new TokenBucket(quota.perSecond), clock: quota.clock };
  }

  /** Creations refused for the quota. */
  get throttled(): number {
    return this.quota?.bucket.refused ?? 0;
  }

  async schedule(trigger: Trigger): Promise<void> {
    if (!isTriggerName(trigger.name)) throw new InvalidTriggerNameError(trigger.name);
    if (this.quota !== null && !this.quota.bucket.take(instantMs(this.quota.clock.now()))) throw new SchedulerThrottledError();
    this.calls += 1;
    if (this.pending.has(trigger.name)) return;
    const ms = instantMs(trigger.at);
    if (Number.isNaN(ms)) throw new RangeError(`Trigger ${trigger.name} has no valid instant: ${trigger.at}`);
    const token = this.nextToken++;
    this.pending.set(trigger.name, { trigger, token });
    this.created += 1;
    this.sink.enqueueTrigger(ms, trigger.name, token);
  }

  async cancel(name: string): Promise<void> {
    this.pending.delete(name);
  }

  /**
   * Called when a queued firing comes due: the payload if that schedule still exists (it is
   * then deleted, as a one-time schedule is after it fires), undefined if it was cancelled.
   */
  claim(name: string, token: number): TriggerPayload | undefined {
    const entry = this.pending.get(name);
    if (entry === undefined || entry.token !== token) return undefined;
    this.pending.delete(name);
    return entry.trigger.payload;
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}
