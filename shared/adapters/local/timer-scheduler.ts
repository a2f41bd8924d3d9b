/**
 * The Scheduler port for `npm start`: triggers are items of the local DynamoDB table, so they
 * survive a restart, and one timer wakes the process for the next one. On start it fires what
 * came due while it was stopped (R5: a late trigger changes no date, it only applies the state
 * that time already decided).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SchedulerThrottledError } from '../../errors.ts';
import type { Clock, Scheduler, Trigger, TriggerPayload } from '../../ports.ts';
import { isThrottlingException } from '../aws/dynamodb-errors.ts';
import { TABLE } from '../aws/table-definition.ts';
import { assertTriggerName } from '../trigger-name.ts';
import { MAX_TIMER_DELAY_MS, NODE_TIMERS, type Timers } from './timers.ts';

const TRIGGER_PARTITION = 'TRIGGER';
const TRIGGER_SORT_KEY = 'TRIGGER';

/** Each trigger name is stored once; scheduling it again is a success that changes nothing. */
const notStoredYet = 'attribute_not_exists(pk)';
/** Delete only the trigger that fired: one rescheduled under the same name while it ran stays. */
const stillTheFiredTrigger = '#dueAt = :firedAt';

interface TriggerItem {
  readonly pk: string;
  readonly sk: string;
  readonly duePk: string;
  readonly dueAt: string;
  readonly name: string;
  readonly payload: TriggerPayload;
}

export interface TimerSchedulerOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly clock: Clock;
  /** Runs a due trigger (the deadline handler); a rejection is retried with backoff. */
  readonly run: (payload: TriggerPayload) => Promise<void>;
  /** Told about each failure (a trigger's run, or the store); `name` is the trigger's, if any. */
  readonly onError?: (error: unknown, name: string | null) => void;
  /** Backoff between retries of a failing trigger; defaults: 1 s doubling up to 5 min. */
  readonly retry?: { readonly initialDelayMs: number; readonly maxDelayMs: number };
  /** What wakes the process (Node's timers by default; a longer wait wakes early, finds nothing due and re-arms). */
  readonly timers?: Timers;
}

/**
 * Durable one-time triggers on the local table (pk `TRIGGER#<name>`, the `due` index with
 * `duePk = 'TRIGGER'`), fired by a timer while started.
 */
export class TimerScheduler implements Scheduler {
  readonly #options: TimerSchedulerOptions;
  readonly #retry: { readonly initialDelayMs: number; readonly maxDelayMs: number };
  #started = false;
  readonly #timers: Timers;
  #timer: unknown = null;
  #timerAt: number | null = null;
  #pass: Promise<void> | null = null;
  /** Something changed while a pass was running: run another one after it. */
  #passAgain = false;
  /** Names whose run is in progress: scheduling one of them again replaces it (a retry). */
  readonly #firing = new Set<string>();
  readonly #backoff = new Map<string, { failures: number; retryAt: number }>();

  constructor(options: TimerSchedulerOptions) {
    this.#options = options;
    this.#retry = options.retry ?? { initialDelayMs: 1_000, maxDelayMs: 300_000 };
    this.#timers = options.timers ?? NODE_TIMERS;
  }

  async schedule(trigger: Trigger): Promise<void> {
    assertTriggerName(trigger.name);
    const dueAt = normalizedInstant(trigger.at);
    const item: TriggerItem = {
      pk: keyOf(trigger.name),
      sk: TRIGGER_SORT_KEY,
      duePk: TRIGGER_PARTITION,
      dueAt,
      name: trigger.name,
      payload: trigger.payload,
    };
    const replacing = this.#firing.has(trigger.name);
    try {
      await this.#options.client.send(
        new PutCommand({
          TableName: this.#options.tableName,
          Item: item,
          ...(replacing ? {} : { ConditionExpression: notStoredYet }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      // The store refused for rate: the caller retries later, as with EventBridge Scheduler's quota.
      if (isThrottlingException(error)) throw new SchedulerThrottledError({ cause: error });
      throw new Error(`Could not store the trigger ${trigger.name}.`, { cause: error });
    }
    this.#wakeBy(Date.parse(dueAt));
  }

  async cancel(name: string): Promise<void> {
    try {
      await this.#options.client.send(
        new DeleteCommand({ TableName: this.#options.tableName, Key: { pk: keyOf(name), sk: TRIGGER_SORT_KEY } }),
      );
    } catch (error) {
      if (isThrottlingException(error)) throw new SchedulerThrottledError({ cause: error });
      throw new Error(`Could not delete the trigger ${name}.`, { cause: error });
    }
    this.#backoff.delete(name);
  }

  /** Fires every stored trigger already due, arms the timer for the next; resolves after that first pass. */
  async start(): Promise<void> {
    this.#started = true;
    this.#requestPass();
    await this.idle();
  }

  /** Clears the timer; resolves once a run in progress has finished. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#disarm();
    await this.idle();
  }

  /** Resolves once no pass is running (what a timer or a due schedule started has finished). */
  async idle(): Promise<void> {
    while (this.#pass !== null) await this.#pass;
  }

  #wakeBy(dueAt: number): void {
    if (!this.#started) return;
    if (this.#pass !== null) {
      this.#passAgain = true;
    } else if (dueAt <= this.#now()) {
      this.#requestPass();
    } else if (this.#timerAt === null || dueAt < this.#timerAt) {
      this.#arm(dueAt);
    }
  }

  #requestPass(): void {
    if (!this.#started) return;
    if (this.#pass !== null) {
      this.#passAgain = true;
      return;
    }
    this.#passAgain = false;
    this.#disarm();
    this.#pass = this.#firePass()
      .catch((error: unknown) => {
        this.#report(error, null);
        this.#arm(this.#now() + this.#retry.initialDelayMs);
      })
      .finally(() => {
        this.#pass = null;
        if (this.#passAgain) this.#requestPass();
      });
  }

  /** Fires the due triggers in order, then arms the timer for the next one (or the next retry). */
  async #firePass(): Promise<void> {
    const now = this.#now();
    const due = await this.#query('#dueAt <= :now', new Date(now).toISOString());
    const dueNames = new Set(due.map((item) => item.name));
    for (const name of this.#backoff.keys()) if (!dueNames.has(name)) this.#backoff.delete(name);
    for (const item of due) {
      if (!this.#started) return;
      const backoff = this.#backoff.get(item.name);
      if (backoff === undefined || backoff.retryAt <= now) await this.#fire(item);
    }
    if (!this.#started) return;
    const [next] = await this.#query('#dueAt > :now', new Date(now).toISOString(), 1);
    const wakeTimes = [...this.#backoff.values()].map((b) => b.retryAt);
    if (next !== undefined) wakeTimes.push(Date.parse(next.dueAt));
    if (wakeTimes.length > 0) this.#arm(Math.min(...wakeTimes));
  }

  async #fire(item: TriggerItem): Promise<void> {
    this.#firing.add(item.name);
    try {
      await this.#options.run(item.payload);
    } catch (error) {
      const failures = (this.#backoff.get(item.name)?.failures ?? 0) + 1;
      const delay = Math.min(this.#retry.initialDelayMs * 2 ** (failures - 1), this.#retry.maxDelayMs);
      this.#backoff.set(item.name, { failures, retryAt: this.#now() + delay });
      this.#report(error, item.name);
      return;
    } finally {
      this.#firing.delete(item.name);
    }
    this.#backoff.delete(item.name);
    try {
      await this.#options.client.send(
        new DeleteCommand({
          TableName: this.#options.tableName,
          Key: { pk: item.pk, sk: item.sk },
          ConditionExpression: stillTheFiredTrigger,
          ExpressionAttributeNames: { '#dueAt': TABLE.indexes.due.sortKey.name },
          ExpressionAttributeValues: { ':firedAt': item.dueAt },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async #query(sortCondition: string, now: string, limit?: number): Promise<TriggerItem[]> {
    const items: TriggerItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#options.client.send(
        new QueryCommand({
          TableName: this.#options.tableName,
          IndexName: TABLE.indexes.due.indexName,
          KeyConditionExpression: `#duePk = :trigger AND ${sortCondition}`,
          ExpressionAttributeNames: {
            '#duePk': TABLE.indexes.due.partitionKey.name,
            '#dueAt': TABLE.indexes.due.sortKey.name,
          },
          ExpressionAttributeValues: { ':trigger': TRIGGER_PARTITION, ':now': now },
          ScanIndexForward: true,
          ...(limit === undefined ? {} : { Limit: limit }),
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      );
      items.push(...((page.Items ?? []) as TriggerItem[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined && (limit === undefined || items.length < limit));
    return items;
  }

  #arm(at: number): void {
    if (!this.#started) return;
    this.#disarm();
    const delay = Math.min(Math.max(at - this.#now(), 0), MAX_TIMER_DELAY_MS);
    this.#timerAt = at;
    this.#timer = this.#timers.set(() => {
      this.#timer = null;
      this.#timerAt = null;
      this.#requestPass();
    }, delay);
  }

  #disarm(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
    this.#timerAt = null;
  }

  #now(): number {
    return Date.parse(this.#options.clock.now());
  }

  #report(error: unknown, name: string | null): void {
    if (this.#options.onError !== undefined) {
      this.#options.onError(error, name);
    } else {
      console.error(`TimerScheduler: ${name === null ? 'pass' : `trigger ${name}`} failed; will retry.`, error);
    }
  }
}

function keyOf(name: string): string {
  return `TRIGGER#${name}`;
}

/** The store compares instants as strings: one format (`toISOString`, ms precision) for all. */
function normalizedInstant(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${at}`);
  return new Date(ms).toISOString();
}
