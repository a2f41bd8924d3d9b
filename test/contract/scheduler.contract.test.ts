import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  SchedulerClient,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Temporal } from 'temporal-polyfill';
import { atExpression, EventBridgeScheduler } from '../../shared/adapters/aws/eventbridge-scheduler.ts';
import { alertRetryTriggerName, deemTriggerName, reminderTriggerName } from '../../shared/use-cases/alert-ids.ts';
import { TimerScheduler } from '../../shared/adapters/local/timer-scheduler.ts';
import { VolatileTimerScheduler } from '../../shared/adapters/local/volatile-timer-scheduler.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';
import { SchedulerThrottledError } from '../../shared/errors.ts';
import type { Trigger, TriggerPayload } from '../../shared/ports.ts';
import { freshTable } from '../support/dynamodb.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import {
  DLQ_ARN,
  eventBridgeHarness,
  GROUP,
  inMemoryHarness,
  ROLE_ARN,
  sdkError,
  START,
  TARGET_ARN,
  timerHarness,
  virtualHarness,
  volatileTimerHarness,
  type SchedulerCall,
  type SchedulerHarness,
} from './scheduler-harnesses.ts';

/** `START` moved by `ms` (negative: earlier). */
function startPlus(ms: number): string {
  return new Date(Date.parse(START) + ms).toISOString();
}

const MINUTE = 60_000;
const DAY = 86_400_000;

function deem(letterId: string, at: string): Trigger {
  return { name: `deem.${letterId}`, at, payload: { kind: 'deem', letterId } };
}

/**
 * What every Scheduler adapter does, as EventBridge Scheduler does it in the cloud (shared/ports.ts
 * `Scheduler`): the use cases (R5 window ends, R11 reminders and alert retries) rely on nothing else.
 */
function describeSchedulerContract(
  adapter: string,
  makeHarness: () => SchedulerHarness | Promise<SchedulerHarness>,
  /** The calls the adapter's provider can refuse for rate (none for the volatile timers, which have no provider). */
  throttled: readonly SchedulerCall[],
): void {
  describe(`Scheduler contract (${adapter})`, () => {
    let h: SchedulerHarness;

    beforeEach(async () => {
      h = await makeHarness();
    });

    afterEach(async () => {
      await h.close();
    });

    it('fires a trigger at its instant, not a millisecond before, and once only', async () => {
      await h.scheduler.schedule(deem('L1', startPlus(10 * MINUTE)));

      await h.advanceTo(startPlus(10 * MINUTE - 1));
      expect(h.fired).toEqual([]);
      await h.advanceTo(startPlus(10 * MINUTE));
      expect(h.fired).toEqual([{ kind: 'deem', letterId: 'L1' }]);
      await h.advanceTo(startPlus(30 * DAY));
      expect(h.fired).toHaveLength(1);
    });

    it('fires triggers in time order, each at its own instant', async () => {
      await h.scheduler.schedule(deem('third', startPlus(3 * DAY)));
      await h.scheduler.schedule(deem('first', startPlus(MINUTE)));
      await h.scheduler.schedule({ name: 'remind.7.second', at: startPlus(2 * DAY), payload: { kind: 'remind', letterId: 'second', day: 7 } });

      await h.advanceTo(startPlus(2 * DAY));
      expect(h.fired).toEqual([
        { kind: 'deem', letterId: 'first' },
        { kind: 'remind', letterId: 'second', day: 7 },
      ]);
      await h.advanceTo(startPlus(3 * DAY));
      expect(h.fired.at(-1)).toEqual({ kind: 'deem', letterId: 'third' });
      expect(h.fired).toHaveLength(3);
    });

    it('keeps the first trigger of a name: scheduling the name again, at another instant or with another payload, changes nothing', async () => {
      await h.scheduler.schedule(deem('L1', startPlus(2 * DAY)));
      await h.scheduler.schedule({ name: 'deem.L1', at: startPlus(DAY), payload: { kind: 'deem', letterId: 'other' } });
      await h.scheduler.schedule(deem('L1', startPlus(2 * DAY)));

      await h.advanceTo(startPlus(2 * DAY - 1));
      expect(h.fired).toEqual([]);
      await h.advanceTo(startPlus(5 * DAY));
      expect(h.fired).toEqual([{ kind: 'deem', letterId: 'L1' }]);
    });

    it('schedules a name anew once its trigger has fired (a fired one-time schedule is gone)', async () => {
      await h.scheduler.schedule(deem('L1', startPlus(MINUTE)));
      await h.advanceTo(startPlus(MINUTE));

      await h.scheduler.schedule({ name: 'deem.L1', at: startPlus(DAY), payload: { kind: 'deem', letterId: 'again' } });
      await h.advanceTo(startPlus(DAY));

      expect(h.fired).toEqual([
        { kind: 'deem', letterId: 'L1' },
        { kind: 'deem', letterId: 'again' },
      ]);
    });

    it('never fires a cancelled trigger, and schedules its name anew after the cancel', async () => {
      await h.scheduler.schedule(deem('L1', startPlus(MINUTE)));
      await h.scheduler.schedule(deem('L2', startPlus(2 * MINUTE)));

      await h.scheduler.cancel('deem.L1');
      await h.advanceTo(startPlus(DAY));
      expect(h.fired).toEqual([{ kind: 'deem', letterId: 'L2' }]);

      await h.scheduler.schedule({ name: 'deem.L1', at: startPlus(2 * DAY), payload: { kind: 'deem', letterId: 'anew' } });
      await h.advanceTo(startPlus(2 * DAY));
      expect(h.fired.at(-1)).toEqual({ kind: 'deem', letterId: 'anew' });
    });

    it('treats cancelling an unknown name, the same name twice, or a fired trigger as a success', async () => {
      await h.scheduler.schedule(deem('L1', startPlus(MINUTE)));
      await h.scheduler.schedule(deem('L2', startPlus(DAY)));
      await h.advanceTo(startPlus(MINUTE));

      await expect(h.scheduler.cancel('deem.never-scheduled')).resolves.toBeUndefined();
      await expect(h.scheduler.cancel('deem.L1')).resolves.toBeUndefined();
      await expect(h.scheduler.cancel('deem.L2')).resolves.toBeUndefined();
      await expect(h.scheduler.cancel('deem.L2')).resolves.toBeUndefined();
      await h.advanceTo(startPlus(2 * DAY));

      expect(h.fired).toEqual([{ kind: 'deem', letterId: 'L1' }]);
    });

    it.each([
      ['already past', -DAY],
      ['due exactly now', 0],
    ])('fires a trigger %s at once, exactly once, before the clock moves on', async (_case, offsetMs) => {
      await h.scheduler.schedule(deem('late', startPlus(offsetMs)));
      // The cloud adapter (and its in-memory twin) ran it inside schedule(); the others on their next turn.
      expect(h.fired).toEqual(h.runsPastDueInline ? [{ kind: 'deem', letterId: 'late' }] : []);

      await h.advanceTo(START);
      expect(h.fired).toEqual([{ kind: 'deem', letterId: 'late' }]);
      await h.advanceTo(startPlus(DAY));
      expect(h.fired).toHaveLength(1);
    });

    it('refuses, with a RangeError, a name EventBridge Scheduler would refuse, and schedules nothing', async () => {
      for (const name of ['remind 7/DEC', 'x'.repeat(65), '']) {
        await expect(h.scheduler.schedule({ ...deem('L1', startPlus(MINUTE)), name })).rejects.toThrow(RangeError);
      }
      await h.advanceTo(startPlus(DAY));
      expect(h.fired).toEqual([]);
    });

    // Throttling: one error type from every adapter whose provider meters calls (letter-timer.ts and consume-alert-work.ts catch it).
    if (throttled.includes('schedule')) {
      it('reports a creation refused for rate as SchedulerThrottledError; the refused call created nothing, a later one is accepted', async () => {
        h.throttleNext('schedule');
        await expect(
          h.scheduler.schedule({ name: 'deem.L1', at: startPlus(DAY), payload: { kind: 'deem', letterId: 'refused' } }),
        ).rejects.toBeInstanceOf(SchedulerThrottledError);

        // A second later the quota has room again (the alert queue's consumer retries with backoff).
        await h.advanceTo(startPlus(1_000));
        await h.scheduler.schedule(deem('L1', startPlus(DAY)));
        await h.advanceTo(startPlus(2 * DAY));

        expect(h.fired).toEqual([{ kind: 'deem', letterId: 'L1' }]);
      });
    }

    if (throttled.includes('cancel')) {
      it('reports a cancel refused for rate as SchedulerThrottledError; the trigger is still scheduled', async () => {
        await h.scheduler.schedule(deem('L1', startPlus(DAY)));

        h.throttleNext('cancel');
        await expect(h.scheduler.cancel('deem.L1')).rejects.toBeInstanceOf(SchedulerThrottledError);
        await h.advanceTo(startPlus(DAY));

        expect(h.fired).toEqual([{ kind: 'deem', letterId: 'L1' }]);
      });
    }
  });
}

const sdk = mockClient(SchedulerClient);

describeSchedulerContract('EventBridgeScheduler, mocked SDK', () => eventBridgeHarness(sdk, new SchedulerClient({ region: 'eu-west-3' })), ['schedule', 'cancel']);
describeSchedulerContract('InMemoryScheduler', inMemoryHarness, ['schedule', 'cancel']);
describeSchedulerContract('TimerScheduler on DynamoDB Local', timerHarness, ['schedule', 'cancel']);
describeSchedulerContract('VolatileTimerScheduler', volatileTimerHarness, []);
describeSchedulerContract('simulator VirtualScheduler', virtualHarness, ['schedule']);

const reminder: Trigger = {
  name: 'remind-7.DEC-2023-0001',
  // 10:00 Paris (summer time) on day 7.
  at: '2023-05-08T08:00:00.000Z',
  payload: { kind: 'remind', letterId: 'DEC-2023-0001', day: 7 },
};

describe('EventBridgeScheduler requests', () => {
  let runNow: ReturnType<typeof vi.fn<(payload: TriggerPayload) => Promise<void>>>;

  function adapter(now = '2023-05-01T12:00:00.000Z'): EventBridgeScheduler {
    return new EventBridgeScheduler({
      client: new SchedulerClient({ region: 'eu-west-3' }),
      groupName: GROUP,
      targetArn: TARGET_ARN,
      roleArn: ROLE_ARN,
      deadLetterArn: DLQ_ARN,
      clock: new FixedClock(now),
      runNow,
    });
  }

  beforeEach(() => {
    sdk.reset();
    runNow = vi.fn(async () => undefined);
  });

  it('creates a one-time schedule at the Paris wall time, deleted after it ran', async () => {
    sdk.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    await adapter().schedule(reminder);

    const calls = sdk.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toStrictEqual({
      Name: 'remind-7.DEC-2023-0001',
      GroupName: GROUP,
      ScheduleExpression: 'at(2023-05-08T10:00:00)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: TARGET_ARN,
        RoleArn: ROLE_ARN,
        Input: '{"kind":"remind","letterId":"DEC-2023-0001","day":7}',
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: DLQ_ARN },
      },
    });
    expect(runNow).not.toHaveBeenCalled();
  });

  it('R5: schedules the window end at 00:00 Paris (R3 example: 2022-09-21T22:00Z)', async () => {
    sdk.on(CreateScheduleCommand).resolves({});

    await adapter('2022-09-06T10:00:00.000Z').schedule({
      name: 'deem.C-1',
      at: '2022-09-21T22:00:00.000Z',
      payload: { kind: 'deem', letterId: 'C-1' },
    });

    const input = sdk.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input?.ScheduleExpression).toBe('at(2022-09-22T00:00:00)');
    expect(input?.ScheduleExpressionTimezone).toBe('Europe/Paris');
  });

  it('runs a trigger already due through runNow, with no request to the service', async () => {
    await adapter('2023-05-08T08:00:00.001Z').schedule(reminder);

    expect(runNow).toHaveBeenCalledExactlyOnceWith(reminder.payload);
    expect(sdk.calls()).toHaveLength(0);
  });

  it('cancels by deleting the schedule of the group', async () => {
    sdk.on(DeleteScheduleCommand).resolves({});

    await adapter().cancel('deem.C-1');

    expect(sdk.commandCalls(DeleteScheduleCommand)[0]?.args[0].input).toStrictEqual({
      Name: 'deem.C-1',
      GroupName: GROUP,
    });
  });

  it.each([
    ['CreateSchedule', (error: Error) => sdk.on(CreateScheduleCommand).rejects(error), (scheduler: EventBridgeScheduler) => scheduler.schedule(reminder)],
    ['DeleteSchedule', (error: Error) => sdk.on(DeleteScheduleCommand).rejects(error), (scheduler: EventBridgeScheduler) => scheduler.cancel(reminder.name)],
  ] as const)('keeps the ThrottlingException of %s as the cause of SchedulerThrottledError', async (_call, refuse, call) => {
    const throttled = sdkError(ThrottlingException, 429);
    refuse(throttled);

    const failure = call(adapter());

    await expect(failure).rejects.toBeInstanceOf(SchedulerThrottledError);
    await expect(failure).rejects.toHaveProperty('cause', throttled);
  });

  it('reports any other refusal as an error of its own, with the SDK error as cause', async () => {
    const refused = sdkError(ValidationException, 400);
    sdk.on(CreateScheduleCommand).rejects(refused);

    const failure = adapter().schedule(reminder);

    await expect(failure).rejects.toThrow('Could not create the schedule remind-7.DEC-2023-0001.');
    await expect(failure).rejects.toHaveProperty('cause', refused);
  });
});

describe('atExpression (DST)', () => {
  it('writes both instants of the repeated hour (2023-10-29, 02:30 Paris twice) in UTC', () => {
    expect(atExpression('2023-10-29T00:30:00Z')).toEqual({ expression: 'at(2023-10-29T00:30:00)', timezone: 'UTC' });
    expect(atExpression('2023-10-29T01:30:00Z')).toEqual({ expression: 'at(2023-10-29T01:30:00)', timezone: 'UTC' });
  });

  it('uses the Paris wall time just before and after the repeated hour', () => {
    expect(atExpression('2023-10-28T23:59:59Z')).toEqual({ expression: 'at(2023-10-29T01:59:59)', timezone: 'Europe/Paris' });
    expect(atExpression('2023-10-29T02:00:00Z')).toEqual({ expression: 'at(2023-10-29T03:00:00)', timezone: 'Europe/Paris' });
  });

  it('uses the Paris wall time around the skipped hour of March', () => {
    expect(atExpression('2023-03-26T00:59:59Z')).toEqual({ expression: 'at(2023-03-26T01:59:59)', timezone: 'Europe/Paris' });
    expect(atExpression('2023-03-26T01:00:00Z')).toEqual({ expression: 'at(2023-03-26T03:00:00)', timezone: 'Europe/Paris' });
  });

  it('rounds a sub-second instant up, never firing early', () => {
    expect(atExpression('2023-05-08T08:00:00.001Z').expression).toBe('at(2023-05-08T10:00:01)');
  });

  it('names exactly the instant (rounded up to the second) for any instant', () => {
    const from = Date.parse('2020-01-01T00:00:00Z');
    const to = Date.parse('2030-12-31T23:59:59Z');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (ms) => {
        const { expression, timezone } = atExpression(new Date(ms).toISOString());
        const wall = Temporal.PlainDateTime.from(expression.slice(3, -1));
        const candidates = (['earlier', 'later'] as const).map(
          (disambiguation) => wall.toZonedDateTime(timezone, { disambiguation }).epochMilliseconds,
        );
        const expected = Math.ceil(ms / 1000) * 1000;
        expect(candidates).toEqual([expected, expected]);
      }),
    );
  });
});

describe('trigger names (shared/use-cases/alert-ids.ts), as the Scheduler contract requires', () => {
  const ids = fc.oneof(fc.stringMatching(/^[0-9A-Za-z_-]{1,70}$/), fc.string({ unit: 'binary', maxLength: 80 }));
  // R11: reminders fall inside the 15-day window (day 0 is the deposit alert).
  const reminderDays = fc.integer({ min: 0, max: 15 });
  const dueInstants = fc.integer({ min: 1_577_836_800, max: 4_102_444_800 }).map((seconds) => new Date(seconds * 1000).toISOString());
  const names = fc.oneof(
    ids.map((id) => ({ trigger: ['deem', id], name: deemTriggerName(id) })),
    fc.tuple(ids, reminderDays).map(([id, day]) => ({ trigger: ['remind', id, day], name: reminderTriggerName(id, day) })),
    fc
      .tuple(ids, fc.constantFrom('deposit' as const, 'reminder' as const), reminderDays, fc.constantFrom('sms' as const, 'email' as const), dueInstants)
      .map(([id, kind, day, channel, due]) => ({
        trigger: ['retry', id, kind, day, channel, due],
        name: alertRetryTriggerName(id, kind, day, channel, due),
      })),
  );

  it('keeps short, safe letter ids readable', () => {
    expect(deemTriggerName('DEC-2023-0001')).toBe('deem.DEC-2023-0001');
    expect(reminderTriggerName('DEC-2023-0001', 14)).toBe('remind.14.DEC-2023-0001');
  });

  it('is at most 64 characters of [0-9a-zA-Z-_.], whatever the office id', () => {
    fc.assert(
      fc.property(names, ({ name }) => {
        expect(name).toMatch(/^[0-9a-zA-Z._-]{1,64}$/);
      }),
    );
  });

  it('gives different triggers different names', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        fc.pre(JSON.stringify(a.trigger) !== JSON.stringify(b.trigger));
        expect(a.name).not.toBe(b.name);
      }),
    );
  });
});


describe('TimerScheduler on DynamoDB Local: persistence, start, retries', () => {
  let table: { tableName: string; client: DynamoDBDocumentClient };
  const started: TimerScheduler[] = [];

  function timer(options: {
    clock: FixedClock;
    timers: ManualTimers;
    run: (payload: TriggerPayload) => Promise<void>;
    onError?: (error: unknown, name: string | null) => void;
  }): TimerScheduler {
    const scheduler = new TimerScheduler({
      client: table.client,
      tableName: table.tableName,
      clock: options.clock,
      timers: options.timers,
      run: options.run,
      onError: options.onError ?? (() => undefined),
      retry: { initialDelayMs: 1_000, maxDelayMs: 4_000 },
    });
    started.push(scheduler);
    return scheduler;
  }

  function manualTime(start = START): { clock: FixedClock; timers: ManualTimers } {
    const clock = new FixedClock(start);
    return { clock, timers: new ManualTimers(clock) };
  }

  async function storedTrigger(name: string): Promise<Record<string, unknown> | undefined> {
    const result = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `TRIGGER#${name}`, sk: 'TRIGGER' }, ConsistentRead: true }),
    );
    return result.Item;
  }

  beforeEach(async () => {
    table = await freshTable();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
  });

  it('stores a trigger as an item of the due index, and deletes it once fired', async () => {
    const time = manualTime();
    const scheduler = timer({ ...time, run: async () => undefined });
    await scheduler.start();

    await scheduler.schedule(deem('L1', '2023-05-01T14:00:00+02:00'));

    expect(await storedTrigger('deem.L1')).toStrictEqual({
      pk: 'TRIGGER#deem.L1',
      sk: 'TRIGGER',
      duePk: 'TRIGGER',
      dueAt: '2023-05-01T12:00:00.000Z',
      name: 'deem.L1',
      payload: { kind: 'deem', letterId: 'L1' },
    });
    await time.timers.advanceTo('2023-05-01T12:00:00.000Z', () => scheduler.idle());
    expect(await storedTrigger('deem.L1')).toBeUndefined();
  });

  it('survives a restart: a new instance on the same table fires what came due while stopped', async () => {
    const firstRun = vi.fn(async (_payload: TriggerPayload) => undefined);
    const first = timer({ ...manualTime('2023-05-01T00:00:00.000Z'), run: firstRun });
    await first.start();
    await first.schedule(deem('L1', '2023-05-16T22:00:00.000Z'));
    await first.stop();
    const secondRun = vi.fn(async (_payload: TriggerPayload) => undefined);
    const second = timer({ ...manualTime('2023-05-20T09:00:00.000Z'), run: secondRun });

    await second.start();

    expect(firstRun).not.toHaveBeenCalled();
    expect(secondRun).toHaveBeenCalledExactlyOnceWith({ kind: 'deem', letterId: 'L1' });
    expect(await storedTrigger('deem.L1')).toBeUndefined();
  });

  it('fires the triggers already due on start, in order, and arms a timer for the next', async () => {
    const time = manualTime();
    const fired: string[] = [];
    const scheduler = timer({
      ...time,
      run: async (payload) => {
        fired.push(payload.letterId);
      },
    });
    await scheduler.schedule(deem('later', startPlus(2_000)));
    await scheduler.schedule(deem('second', startPlus(-1_000)));
    await scheduler.schedule(deem('first', startPlus(-MINUTE)));

    await scheduler.start();

    expect(fired).toEqual(['first', 'second']);
    expect(time.timers.armed).toBe(1);
    await time.timers.advanceTo(startPlus(2_000), () => scheduler.idle());
    expect(fired).toEqual(['first', 'second', 'later']);
  });

  it('retries a failing trigger with doubling backoff and deletes it once it succeeded', async () => {
    const time = manualTime();
    const errors: Array<string | null> = [];
    const runAt: string[] = [];
    const run = vi.fn(async (_payload: TriggerPayload) => {
      runAt.push(time.clock.now());
      if (runAt.length <= 2) throw new Error('store down');
    });
    const scheduler = timer({ ...time, run, onError: (_error, name) => errors.push(name) });
    await scheduler.schedule(deem('L1', startPlus(-10)));

    await scheduler.start();

    expect(run).toHaveBeenCalledTimes(1);
    expect(await storedTrigger('deem.L1')).toBeDefined();
    await time.timers.advanceTo(startPlus(MINUTE), () => scheduler.idle());
    expect(runAt).toEqual([START, startPlus(1_000), startPlus(3_000)]);
    expect(await storedTrigger('deem.L1')).toBeUndefined();
    expect(errors).toEqual(['deem.L1', 'deem.L1']);
  });

  it('keeps a trigger scheduled again under its own name while it runs (an alert retry)', async () => {
    const time = manualTime();
    const run = vi.fn(async (_payload: TriggerPayload) => undefined);
    const scheduler = timer({ ...time, run });
    run.mockImplementationOnce(async (payload) => {
      await scheduler.schedule({ name: 'alert.L1.retry', at: startPlus(200), payload });
    });
    await scheduler.schedule({
      name: 'alert.L1.retry',
      at: startPlus(-10),
      payload: { kind: 'alertRetry', letterId: 'L1', alertId: 'L1.deposit.0.sms' },
    });

    await scheduler.start();
    expect(run).toHaveBeenCalledTimes(1);
    expect(await storedTrigger('alert.L1.retry')).toMatchObject({ dueAt: startPlus(200) });

    await time.timers.advanceTo(startPlus(200), () => scheduler.idle());
    expect(run).toHaveBeenCalledTimes(2);
    expect(await storedTrigger('alert.L1.retry')).toBeUndefined();
  });

  it('fires nothing once stopped, and keeps the trigger for the next start', async () => {
    const time = manualTime();
    const run = vi.fn(async (_payload: TriggerPayload) => undefined);
    const scheduler = timer({ ...time, run });
    await scheduler.start();
    await scheduler.schedule(deem('L1', startPlus(150)));

    await scheduler.stop();
    await time.timers.advanceTo(startPlus(DAY), () => scheduler.idle());

    expect(time.timers.armed).toBe(0);
    expect(run).not.toHaveBeenCalled();
    expect(await storedTrigger('deem.L1')).toBeDefined();
  });

  it('waits at most 2^31-1 ms at a time for a trigger years ahead', async () => {
    const time = manualTime();
    const scheduler = timer({ ...time, run: async () => undefined });
    await scheduler.start();

    await scheduler.schedule(deem('L1', '2099-01-01T00:00:00.000Z'));

    expect(time.timers.delays).toEqual([2 ** 31 - 1]);
  });
});

describe('VolatileTimerScheduler: stop, retries, long waits', () => {
  function volatile(run: (payload: TriggerPayload) => Promise<void>, onError?: (error: unknown, name: string) => void) {
    const clock = new FixedClock(START);
    const timers = new ManualTimers(clock);
    const scheduler = new VolatileTimerScheduler({ clock, timers, run, ...(onError === undefined ? {} : { onError }) });
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setImmediate(resolve));
    };
    return { scheduler, clock, timers, advanceTo: (at: string) => timers.advanceTo(at, settle) };
  }

  it('retries a failing trigger every 5 seconds until it succeeds, then forgets it', async () => {
    const errors: string[] = [];
    const runAt: string[] = [];
    const v = volatile(
      async () => {
        runAt.push(v.clock.now());
        if (runAt.length <= 2) throw new Error('store down');
      },
      (_error, name) => errors.push(name),
    );
    await v.scheduler.schedule(deem('L1', startPlus(MINUTE)));

    await v.advanceTo(startPlus(DAY));

    expect(runAt).toEqual([startPlus(MINUTE), startPlus(MINUTE + 5_000), startPlus(MINUTE + 10_000)]);
    expect(errors).toEqual(['deem.L1', 'deem.L1']);
    expect(v.timers.armed).toBe(0);
  });

  it('stops retrying a failing trigger once it is cancelled', async () => {
    const run = vi.fn(async (_payload: TriggerPayload) => {
      throw new Error('store down');
    });
    const v = volatile(run, () => undefined);
    await v.scheduler.schedule(deem('L1', startPlus(MINUTE)));
    await v.advanceTo(startPlus(MINUTE));

    await v.scheduler.cancel('deem.L1');
    await v.advanceTo(startPlus(DAY));

    expect(run).toHaveBeenCalledTimes(1);
    expect(v.timers.armed).toBe(0);
  });

  it('fires nothing once stopped, and schedules nothing after', async () => {
    const run = vi.fn(async (_payload: TriggerPayload) => undefined);
    const v = volatile(run);
    await v.scheduler.schedule(deem('L1', startPlus(MINUTE)));

    v.scheduler.stop();
    await v.scheduler.schedule(deem('L2', startPlus(MINUTE)));
    await v.advanceTo(startPlus(DAY));

    expect(run).not.toHaveBeenCalled();
    expect(v.timers.armed).toBe(0);
  });

  it('waits at most 2^31-1 ms at a time, and fires a trigger years ahead at its instant', async () => {
    const run = vi.fn(async (_payload: TriggerPayload) => undefined);
    const v = volatile(run);
    const at = '2023-06-01T10:00:00.000Z';
    await v.scheduler.schedule(deem('L1', at));

    await v.advanceTo(startPlus(2 ** 31 - 1));
    expect(run).not.toHaveBeenCalled();
    await v.advanceTo(at);

    expect(v.timers.delays).toEqual([2 ** 31 - 1, Date.parse(at) - Date.parse(START) - (2 ** 31 - 1)]);
    expect(run).toHaveBeenCalledExactlyOnceWith({ kind: 'deem', letterId: 'L1' });
  });
});
