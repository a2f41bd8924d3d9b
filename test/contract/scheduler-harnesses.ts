/**
 * One harness per Scheduler adapter for the shared contract (scheduler.contract.test.ts): the
 * adapter, the clock it reads, the payloads it fired (what the deadline handler received), and a
 * way to move time that lets the adapter fire what came due — with no wall-clock wait anywhere.
 */
import { isDeepStrictEqual } from 'node:util';
import { vi } from 'vitest';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  ThrottlingException,
  type CreateScheduleCommandInput,
  type DeleteScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { Temporal } from 'temporal-polyfill';
import { EventBridgeScheduler } from '../../shared/adapters/aws/eventbridge-scheduler.ts';
import { TimerScheduler } from '../../shared/adapters/local/timer-scheduler.ts';
import { VolatileTimerScheduler } from '../../shared/adapters/local/volatile-timer-scheduler.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';
import { InMemoryScheduler } from '../../shared/adapters/memory/memory-scheduler.ts';
import { SchedulerThrottledError } from '../../shared/errors.ts';
import type { Scheduler, TriggerPayload } from '../../shared/ports.ts';
import { VirtualScheduler } from '../../simulator/virtual-scheduler.ts';
import { freshTable } from '../support/dynamodb.ts';
import { ManualTimers } from '../support/manual-timers.ts';

export type SchedulerCall = 'schedule' | 'cancel';

export interface SchedulerHarness {
  readonly scheduler: Scheduler;
  /** The clock the adapter reads; move it with `advanceTo`, never directly. */
  readonly clock: FixedClock;
  /** The payloads the adapter fired, in order. */
  readonly fired: TriggerPayload[];
  /** Moves time forward to `at`, letting the adapter fire what comes due on the way. */
  advanceTo(at: string): Promise<void>;
  /**
   * Does the adapter run a trigger already due inside `schedule()`? EventBridge Scheduler cannot
   * create a schedule in the past, so the cloud adapter (and its in-memory twin) runs it there;
   * the local timer schedulers and the simulator fire it on their next turn, at the same instant.
   */
  readonly runsPastDueInline: boolean;
  /** Makes the provider refuse the next `call` for rate (adapters with a provider that meters calls). */
  throttleNext(call: SchedulerCall): void;
  close(): Promise<void>;
}

export const START = '2023-05-01T10:00:00.000Z';

export const GROUP = 'mailbox-triggers';
export const TARGET_ARN = 'arn:aws:lambda:eu-west-3:123456789012:function:deadline';
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/scheduler-invoke-deadline';
export const DLQ_ARN = 'arn:aws:sqs:eu-west-3:123456789012:deadline-dlq';

/** An SDK exception as the service returns it. */
export function sdkError<T>(
  Type: new (opts: { message: string; Message: string; $metadata: { httpStatusCode: number } }) => T,
  status: number,
): T {
  return new Type({ message: 'refused', Message: 'refused', $metadata: { httpStatusCode: status } });
}

/** The clock an adapter reads, and the record of what it fired (the deadline handler it is given). */
function firings(): { clock: FixedClock; fired: TriggerPayload[]; run: (payload: TriggerPayload) => Promise<void> } {
  const fired: TriggerPayload[] = [];
  return {
    clock: new FixedClock(START),
    fired,
    run: async (payload) => {
      fired.push(payload);
    },
  };
}

/** The instant an `at()` expression names in its time zone (both readings of a repeated hour agree: atExpression writes those in UTC). */
function scheduledMs(input: CreateScheduleCommandInput): number {
  const wall = Temporal.PlainDateTime.from((input.ScheduleExpression ?? '').slice('at('.length, -1));
  return wall.toZonedDateTime(input.ScheduleExpressionTimezone ?? 'UTC').epochMilliseconds;
}

/**
 * EventBridgeScheduler on a mocked SDK that plays the service: it keeps each created schedule of
 * the group (a second CreateSchedule of a name is a ConflictException, a DeleteSchedule of an
 * unknown one a ResourceNotFoundException), checks every request's shape, and when time reaches a
 * schedule's `at()` "fires" it — deletes it (ActionAfterCompletion DELETE) and hands the target
 * the schedule's Input, as the deadline function receives it.
 */
export function eventBridgeHarness(sdk: AwsClientStub<SchedulerClient>, client: SchedulerClient): SchedulerHarness {
  sdk.reset();
  const firing = firings();
  const { clock, fired, run } = firing;
  const schedules = new Map<string, CreateScheduleCommandInput>();
  const throttled = new Set<SchedulerCall>();
  sdk.on(CreateScheduleCommand).callsFake((input: CreateScheduleCommandInput) => {
    if (throttled.delete('schedule')) throw sdkError(ThrottlingException, 429);
    const expected: CreateScheduleCommandInput = {
      Name: input.Name,
      GroupName: GROUP,
      ScheduleExpression: input.ScheduleExpression,
      ScheduleExpressionTimezone: input.ScheduleExpressionTimezone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: TARGET_ARN,
        RoleArn: ROLE_ARN,
        Input: input.Target?.Input,
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: DLQ_ARN },
      },
    };
    const at = /^at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\)$/.test(input.ScheduleExpression ?? '');
    const zone = input.ScheduleExpressionTimezone === 'Europe/Paris' || input.ScheduleExpressionTimezone === 'UTC';
    if (!isDeepStrictEqual(input, expected) || !at || !zone) throw new Error(`Unexpected CreateSchedule request: ${JSON.stringify(input)}`);
    if (schedules.has(input.Name ?? '')) throw sdkError(ConflictException, 409);
    schedules.set(input.Name ?? '', input);
    return { ScheduleArn: `arn:aws:scheduler:eu-west-3:123456789012:schedule/${GROUP}/${input.Name}` };
  });
  sdk.on(DeleteScheduleCommand).callsFake((input: DeleteScheduleCommandInput) => {
    if (throttled.delete('cancel')) throw sdkError(ThrottlingException, 429);
    if (!isDeepStrictEqual(input, { Name: input.Name, GroupName: GROUP })) {
      throw new Error(`Unexpected DeleteSchedule request: ${JSON.stringify(input)}`);
    }
    if (!schedules.delete(input.Name ?? '')) throw sdkError(ResourceNotFoundException, 404);
    return {};
  });
  const scheduler = new EventBridgeScheduler({
    client,
    groupName: GROUP,
    targetArn: TARGET_ARN,
    roleArn: ROLE_ARN,
    deadLetterArn: DLQ_ARN,
    clock,
    runNow: run,
  });
  return {
    ...firing,
    scheduler,
    async advanceTo(at) {
      clock.set(at);
      const due = [...schedules.values()]
        .filter((input) => scheduledMs(input) <= Date.parse(at))
        .sort((a, b) => scheduledMs(a) - scheduledMs(b) || ((a.Name ?? '') < (b.Name ?? '') ? -1 : 1));
      for (const input of due) {
        schedules.delete(input.Name ?? '');
        fired.push(JSON.parse(input.Target?.Input ?? 'null') as TriggerPayload);
      }
    },
    runsPastDueInline: true,
    throttleNext: (call) => throttled.add(call),
    close: async () => undefined,
  };
}

/** The fake every use-case test runs on (test/support/builders.ts): released by `due()`, as the test helpers do. */
export function inMemoryHarness(): SchedulerHarness {
  const firing = firings();
  const { clock, fired, run } = firing;
  const scheduler = new InMemoryScheduler({ clock, runNow: run });
  return {
    ...firing,
    scheduler,
    async advanceTo(at) {
      clock.set(at);
      for (const trigger of scheduler.due(clock.now())) fired.push(trigger.payload);
    },
    runsPastDueInline: true,
    throttleNext: () => scheduler.failNext(1, () => new SchedulerThrottledError()),
    close: async () => undefined,
  };
}

/** The durable local scheduler of `npm start`, started, on a fresh table of DynamoDB Local and manual timers. */
export async function timerHarness(): Promise<SchedulerHarness> {
  const table = await freshTable();
  const firing = firings();
  const { clock, run } = firing;
  const timers = new ManualTimers(clock);
  const errors: unknown[] = [];
  const scheduler = new TimerScheduler({
    client: table.client,
    tableName: table.tableName,
    clock,
    timers,
    run,
    onError: (error) => errors.push(error),
  });
  await scheduler.start();
  const send = vi.spyOn(table.client, 'send');
  return {
    ...firing,
    scheduler,
    advanceTo: (at) => timers.advanceTo(at, () => scheduler.idle()),
    runsPastDueInline: false,
    // DynamoDB Local never throttles: the next request is refused as DynamoDB does over capacity.
    throttleNext: () => {
      send.mockRejectedValueOnce(new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: { httpStatusCode: 400 } }));
    },
    close: async () => {
      await scheduler.stop();
      send.mockRestore();
      if (errors.length > 0) throw new Error('The contract runs no failing trigger, yet the scheduler reported one.', { cause: errors[0] });
    },
  };
}

/** Lets the promise callbacks a fired timer started run to their end. */
async function flushCallbacks(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/** The in-memory timers of `STORE=memory npm start`, on manual timers. */
export function volatileTimerHarness(): SchedulerHarness {
  const firing = firings();
  const { clock, run } = firing;
  const timers = new ManualTimers(clock);
  const scheduler = new VolatileTimerScheduler({
    clock,
    timers,
    run,
  });
  return {
    ...firing,
    scheduler,
    advanceTo: (at) => timers.advanceTo(at, flushCallbacks),
    runsPastDueInline: false,
    throttleNext: () => {
      throw new Error('The volatile timers have no provider to throttle them.');
    },
    close: async () => scheduler.stop(),
  };
}

/** Creations per virtual second the simulator's scheduler accepts here (its campaign quota). */
const VIRTUAL_QUOTA_PER_SECOND = 10;

/**
 * The simulator's scheduler on virtual time: its sink stands for the simulation's event queue,
 * which hands each queued firing back to `claim` when time reaches it (at once if already past).
 */
export function virtualHarness(): SchedulerHarness {
  const firing = firings();
  const { clock, fired } = firing;
  const queued: Array<{ readonly ms: number; readonly order: number; readonly name: string; readonly token: number }> = [];
  const scheduler = new VirtualScheduler(
    {
      enqueueTrigger: (ms, name, token) => {
        queued.push({ ms: Math.max(ms, Date.parse(clock.now())), order: queued.length, name, token });
      },
    },
    { perSecond: VIRTUAL_QUOTA_PER_SECOND, clock },
  );
  return {
    ...firing,
    scheduler,
    async advanceTo(at) {
      clock.set(at);
      const due = queued.filter((entry) => entry.ms <= Date.parse(at)).sort((a, b) => a.ms - b.ms || a.order - b.order);
      for (const entry of due) {
        queued.splice(queued.indexOf(entry), 1);
        const payload = scheduler.claim(entry.name, entry.token);
        if (payload !== undefined) fired.push(payload);
      }
    },
    runsPastDueInline: false,
    // Spends this virtual second's quota (on schedules cancelled at once, which never fire).
    throttleNext: () => {
      for (let i = 0; i < VIRTUAL_QUOTA_PER_SECOND; i += 1) {
        const name = `quota.${i}`;
        // Each call takes its token (or is refused) before its first await: the quota is spent on return.
        void scheduler.schedule({ name, at: '2100-01-01T00:00:00.000Z', payload: { kind: 'deem', letterId: name } }).then(
          () => scheduler.cancel(name),
          () => undefined,
        );
      }
    },
    close: async () => undefined,
  };
}
