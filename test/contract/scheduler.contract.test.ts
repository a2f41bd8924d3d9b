import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Temporal } from 'temporal-polyfill';
import { atExpression, EventBridgeScheduler } from '../../shared/adapters/aws/eventbridge-scheduler.ts';
import { alertRetryTriggerName, deemTriggerName, reminderTriggerName } from '../../shared/use-cases/alert-ids.ts';
import { TimerScheduler } from '../../shared/adapters/local/timer-scheduler.ts';
import { SchedulerThrottledError } from '../../shared/errors.ts';
import type { Clock, Trigger, TriggerPayload } from '../../shared/ports.ts';
import { freshTable } from '../support/dynamodb.ts';

const GROUP = 'mailbox-triggers';
const TARGET_ARN = 'arn:aws:lambda:eu-west-3:123456789012:function:deadline';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/scheduler-invoke-deadline';
const DLQ_ARN = 'arn:aws:sqs:eu-west-3:123456789012:deadline-dlq';

function fixedClock(now: string): Clock {
  return { now: () => now };
}

function sdkError<T>(
  Type: new (opts: { message: string; Message: string; $metadata: { httpStatusCode: number } }) => T,
  status: number,
): T {
  return new Type({ message: 'refused', Message: 'refused', $metadata: { httpStatusCode: status } });
}

const reminder: Trigger = {
  name: 'remind-7.DEC-2023-0001',
  // 10:00 Paris (summer time) on day 7.
  at: '2023-05-08T08:00:00.000Z',
  payload: { kind: 'remind', letterId: 'DEC-2023-0001', day: 7 },
};

describe('EventBridgeScheduler', () => {
  const scheduler = mockClient(SchedulerClient);
  let runNow: ReturnType<typeof vi.fn<(payload: TriggerPayload) => Promise<void>>>;

  function adapter(now = '2023-05-01T12:00:00.000Z'): EventBridgeScheduler {
    return new EventBridgeScheduler({
      client: new SchedulerClient({ region: 'eu-west-3' }),
      groupName: GROUP,
      targetArn: TARGET_ARN,
      roleArn: ROLE_ARN,
      deadLetterArn: DLQ_ARN,
      clock: fixedClock(now),
      runNow,
    });
  }

  beforeEach(() => {
    scheduler.reset();
    runNow = vi.fn(async () => undefined);
  });

  it('creates a one-time schedule at the Paris wall time, deleted after it ran', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    await adapter().schedule(reminder);

    const calls = scheduler.commandCalls(CreateScheduleCommand);
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
    scheduler.on(CreateScheduleCommand).resolves({});

    await adapter('2022-09-06T10:00:00.000Z').schedule({
      name: 'deem.C-1',
      at: '2022-09-21T22:00:00.000Z',
      payload: { kind: 'deem', letterId: 'C-1' },
    });

    const input = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input?.ScheduleExpression).toBe('at(2022-09-22T00:00:00)');
    expect(input?.ScheduleExpressionTimezone).toBe('Europe/Paris');
  });

  it('treats an existing schedule of the same name as already scheduled', async () => {
    scheduler.on(CreateScheduleCommand).rejects(sdkError(ConflictException, 409));

    await expect(adapter().schedule(reminder)).resolves.toBeUndefined();
    expect(runNow).not.toHaveBeenCalled();
  });

  it('reports throttling (over the CreateSchedule quota) as SchedulerThrottledError, with the SDK error as cause', async () => {
    const throttled = sdkError(ThrottlingException, 429);
    scheduler.on(CreateScheduleCommand).rejects(throttled);

    const failure = adapter().schedule(reminder);

    await expect(failure).rejects.toBeInstanceOf(SchedulerThrottledError);
    await expect(failure).rejects.toHaveProperty('cause', throttled);
  });

  it('reports any other refusal as an error of its own, with the SDK error as cause', async () => {
    const refused = sdkError(ValidationException, 400);
    scheduler.on(CreateScheduleCommand).rejects(refused);

    const failure = adapter().schedule(reminder);

    await expect(failure).rejects.toThrow('Could not create the schedule remind-7.DEC-2023-0001.');
    await expect(failure).rejects.toHaveProperty('cause', refused);
  });

  it('runs a trigger whose instant has passed at once instead of scheduling it', async () => {
    await adapter('2023-05-08T08:00:00.001Z').schedule(reminder);

    expect(runNow).toHaveBeenCalledExactlyOnceWith(reminder.payload);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
  });

  it('runs a trigger due exactly now at once', async () => {
    await adapter(reminder.at).schedule(reminder);

    expect(runNow).toHaveBeenCalledExactlyOnceWith(reminder.payload);
  });

  it('refuses a name EventBridge would refuse', async () => {
    await expect(adapter().schedule({ ...reminder, name: 'remind 7/DEC' })).rejects.toThrow(RangeError);
    await expect(adapter().schedule({ ...reminder, name: 'x'.repeat(65) })).rejects.toThrow(RangeError);
  });

  it('cancels by deleting the schedule of the group', async () => {
    scheduler.on(DeleteScheduleCommand).resolves({});

    await adapter().cancel('deem.C-1');

    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]?.args[0].input).toStrictEqual({
      Name: 'deem.C-1',
      GroupName: GROUP,
    });
  });

  it('treats cancelling an unknown schedule as a success', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(sdkError(ResourceNotFoundException, 404));

    await expect(adapter().cancel('deem.gone')).resolves.toBeUndefined();
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

describe('TimerScheduler on DynamoDB Local', () => {
  const realClock: Clock = { now: () => new Date().toISOString() };
  let table: { tableName: string; client: DynamoDBDocumentClient };
  const started: TimerScheduler[] = [];

  function inMs(ms: number): string {
    return new Date(Date.now() + ms).toISOString();
  }

  function timer(options: {
    clock?: Clock;
    run: (payload: TriggerPayload) => Promise<void>;
    onError?: (error: unknown, name: string | null) => void;
  }): TimerScheduler {
    const scheduler = new TimerScheduler({
      client: table.client,
      tableName: table.tableName,
      clock: options.clock ?? realClock,
      run: options.run,
      onError: options.onError ?? (() => undefined),
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
    });
    started.push(scheduler);
    return scheduler;
  }

  async function storedTrigger(name: string): Promise<Record<string, unknown> | undefined> {
    const result = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `TRIGGER#${name}`, sk: 'TRIGGER' }, ConsistentRead: true }),
    );
    return result.Item;
  }

  const deem = (letterId: string, at: string): Trigger => ({
    name: `deem.${letterId}`,
    at,
    payload: { kind: 'deem', letterId },
  });

  beforeEach(async () => {
    table = await freshTable();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
  });

  it('stores a trigger as an item of the due index', async () => {
    const scheduler = timer({ run: async () => undefined });

    await scheduler.schedule(deem('L1', '2023-05-01T10:00:00+02:00'));

    expect(await storedTrigger('deem.L1')).toStrictEqual({
      pk: 'TRIGGER#deem.L1',
      sk: 'TRIGGER',
      duePk: 'TRIGGER',
      dueAt: '2023-05-01T08:00:00.000Z',
      name: 'deem.L1',
      payload: { kind: 'deem', letterId: 'L1' },
    });
  });

  it('fires a trigger when it comes due, then deletes it', async () => {
    const run = vi.fn(async (_payload: TriggerPayload) => undefined);
    const scheduler = timer({ run });
    await scheduler.start();

    await scheduler.schedule(deem('L1', inMs(300)));

    expect(run).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(run).toHaveBeenCalledExactlyOnceWith({ kind: 'deem', letterId: 'L1' }), {
      timeout: 3_000,
    });
    await vi.waitFor(async () => expect(await storedTrigger('deem.L1')).toBeUndefined());
  });

  it('keeps a single trigger when the same name is scheduled twice', async () => {
    const run = vi.fn(async (_payload: TriggerPayload) => undefined);
    const scheduler = timer({ run, clock: fixedClock('2023-05-02T00:00:00.000Z') });

    await scheduler.schedule(deem('L1', '2023-05-01T00:00:00.000Z'));
    await scheduler.schedule(deem('L1', '2023-05-01T06:00:00.000Z'));
    const items = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'duePk = :p',
        ExpressionAttributeValues: { ':p': 'TRIGGER' },
      }),
    );
    await scheduler.start();

    expect(items.Items?.map((item) => item.dueAt)).toEqual(['2023-05-01T00:00:00.000Z']);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('cancels a trigger, and cancelling an unknown one succeeds', async () => {
    const run = vi.fn(async (_payload: TriggerPayload) => undefined);
    const scheduler = timer({ run, clock: fixedClock('2023-05-02T00:00:00.000Z') });
    await scheduler.schedule(deem('L1', '2023-05-01T00:00:00.000Z'));

    await scheduler.cancel('deem.L1');
    await scheduler.cancel('deem.never-scheduled');
    await scheduler.start();

    expect(run).not.toHaveBeenCalled();
    expect(await storedTrigger('deem.L1')).toBeUndefined();
  });

  it('survives a restart: a new instance on the same table fires what came due while stopped', async () => {
    const firstRun = vi.fn(async (_payload: TriggerPayload) => undefined);
    const first = timer({ run: firstRun, clock: fixedClock('2023-05-01T00:00:00.000Z') });
    await first.start();
    await first.schedule(deem('L1', '2023-05-16T22:00:00.000Z'));
    await first.stop();
    const secondRun = vi.fn(async (_payload: TriggerPayload) => undefined);
    const second = timer({ run: secondRun, clock: fixedClock('2023-05-20T09:00:00.000Z') });

    await second.start();

    expect(firstRun).not.toHaveBeenCalled();
    expect(secondRun).toHaveBeenCalledExactlyOnceWith({ kind: 'deem', letterId: 'L1' });
    expect(await storedTrigger('deem.L1')).toBeUndefined();
  });

  it('fires the triggers already due on start, in order, and arms a timer for the next', async () => {
    const fired: string[] = [];
    const run = async (payload: TriggerPayload): Promise<void> => {
      fired.push(payload.letterId);
    };
    const scheduler = timer({ run });
    // Far enough ahead that start() is done before it is due, even on a loaded machine.
    await scheduler.schedule(deem('later', inMs(2_000)));
    await scheduler.schedule(deem('second', inMs(-1_000)));
    await scheduler.schedule(deem('first', inMs(-60_000)));

    await scheduler.start();

    expect(fired).toEqual(['first', 'second']);
    await vi.waitFor(() => expect(fired).toEqual(['first', 'second', 'later']), { timeout: 6_000 });
  });

  it('retries a failing trigger with backoff and deletes it once it succeeded', async () => {
    const errors: Array<string | null> = [];
    const run = vi
      .fn(async (_payload: TriggerPayload) => undefined)
      .mockRejectedValueOnce(new Error('store down'))
      .mockRejectedValueOnce(new Error('store down'));
    const scheduler = timer({ run, onError: (_error, name) => errors.push(name) });
    await scheduler.schedule(deem('L1', inMs(-10)));

    await scheduler.start();

    expect(run).toHaveBeenCalledTimes(1);
    expect(await storedTrigger('deem.L1')).toBeDefined();
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(3), { timeout: 3_000 });
    await vi.waitFor(async () => expect(await storedTrigger('deem.L1')).toBeUndefined());
    expect(errors).toEqual(['deem.L1', 'deem.L1']);
  });

  it('keeps a trigger scheduled again under its own name while it runs', async () => {
    const run = vi.fn(async (_payload: TriggerPayload) => undefined);
    const scheduler = timer({ run });
    run.mockImplementationOnce(async (payload) => {
      await scheduler.schedule({ name: 'alert.L1.retry', at: inMs(200), payload });
    });
    await scheduler.schedule({
      name: 'alert.L1.retry',
      at: inMs(-10),
      payload: { kind: 'alertRetry', letterId: 'L1', alertId: 'L1.deposit.0.sms' },
    });

    await scheduler.start();

    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(2), { timeout: 3_000 });
    await vi.waitFor(async () => expect(await storedTrigger('alert.L1.retry')).toBeUndefined());
  });

  it('fires nothing once stopped, and keeps the trigger for the next start', async () => {
    const run = vi.fn(async (_payload: TriggerPayload) => undefined);
    const scheduler = timer({ run });
    await scheduler.start();
    await scheduler.schedule(deem('L1', inMs(150)));

    await scheduler.stop();
    await new Promise((resolve) => setTimeout(resolve, 400));

    expect(run).not.toHaveBeenCalled();
    expect(await storedTrigger('deem.L1')).toBeDefined();
  });

  it('waits at most 2^31-1 ms at a time for a trigger years ahead', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const scheduler = timer({ run: async () => undefined });
    await scheduler.start();

    await scheduler.schedule(deem('L1', '2099-01-01T00:00:00.000Z'));

    const delays = setTimeoutSpy.mock.calls.map((call) => call[1] ?? 0);
    setTimeoutSpy.mockRestore();
    expect(Math.max(...delays)).toBe(2 ** 31 - 1);
  });
});
