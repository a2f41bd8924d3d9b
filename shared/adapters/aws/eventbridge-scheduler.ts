/**
 * The Scheduler port on EventBridge Scheduler: one one-time schedule per trigger (window end
 * R5, reminders R11, alert retries), invoking the deadline function with the trigger's payload,
 * deleted by the service after it ran.
 */
import { Temporal } from 'temporal-polyfill';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { SchedulerThrottledError } from '../../errors.ts';
import type { Clock, Scheduler, Trigger, TriggerPayload } from '../../ports.ts';
import { assertTriggerName } from '../trigger-name.ts';
import { isThrottled } from './provider-failure.ts';

const PARIS = 'Europe/Paris';
/**
 * The `at()` expression and its time zone for an instant. Normally the Paris wall time with
 * `Europe/Paris`, so schedules read like the rules (window end at 00:00, reminders at 10:00).
 * In the hour that repeats when summer time ends (last Sunday of October, 02:00–02:59 Paris
 * happens twice) a wall time names two instants and the service does not document which one it
 * picks, so those instants are written in UTC instead (`ScheduleExpressionTimezone: 'UTC'`),
 * which fires at exactly the right instant. The skipped hour in March needs nothing: no
 * instant maps into it. Sub-second instants round up to the next second, so a trigger never
 * fires before its instant (a deem trigger that came early would be a no-op).
 *
 * @example atExpression('2023-10-29T00:30:00Z') // { expression: 'at(2023-10-29T00:30:00)', timezone: 'UTC' }
 */
export function atExpression(at: string): { expression: string; timezone: typeof PARIS | 'UTC' } {
  const milliseconds = Temporal.Instant.from(at).epochMilliseconds;
  const instant = Temporal.Instant.fromEpochMilliseconds(Math.ceil(milliseconds / 1000) * 1000);
  const wall = instant.toZonedDateTimeISO(PARIS).toPlainDateTime();
  const earlier = wall.toZonedDateTime(PARIS, { disambiguation: 'earlier' }).epochMilliseconds;
  const later = wall.toZonedDateTime(PARIS, { disambiguation: 'later' }).epochMilliseconds;
  if (earlier !== later) {
    const utc = instant.toZonedDateTimeISO('UTC').toPlainDateTime();
    return { expression: `at(${utc.toString({ smallestUnit: 'second' })})`, timezone: 'UTC' };
  }
  return { expression: `at(${wall.toString({ smallestUnit: 'second' })})`, timezone: PARIS };
}

export interface EventBridgeSchedulerOptions {
  readonly client: SchedulerClient;
  /** The schedule group holding the application's schedules. */
  readonly groupName: string;
  /** The deadline function's ARN. */
  readonly targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke the target. */
  readonly roleArn: string;
  /** The queue receiving invocations that failed all retries. */
  readonly deadLetterArn: string;
  readonly clock: Clock;
  /** Runs a trigger whose instant has already passed (the deadline function's handler). */
  readonly runNow: (payload: TriggerPayload) => Promise<void>;
  /** Delivery retries of the service; defaults: 20 attempts within a day. */
  readonly retryPolicy?: { readonly maximumRetryAttempts: number; readonly maximumEventAgeInSeconds: number };
}

/** Scheduler on EventBridge Scheduler; creating an existing name and cancelling an unknown one succeed. */
export class EventBridgeScheduler implements Scheduler {
  readonly #options: EventBridgeSchedulerOptions;

  constructor(options: EventBridgeSchedulerOptions) {
    this.#options = options;
  }

  async schedule(trigger: Trigger): Promise<void> {
    assertTriggerName(trigger.name);
    // A schedule in the past would never fire: run it now (state follows time, so it is still right).
    if (Date.parse(trigger.at) <= Date.parse(this.#options.clock.now())) {
      await this.#options.runNow(trigger.payload);
      return;
    }
    try {
      await this.#options.client.send(new CreateScheduleCommand(this.#createInput(trigger)));
    } catch (error) {
      // Same name = same letter and kind = same trigger: already scheduled.
      if (error instanceof ConflictException) return;
      // Over the CreateSchedule quota: the caller retries later (letter-timer.ts), never fails.
      if (isThrottled(error)) throw new SchedulerThrottledError({ cause: error });
      throw new Error(`Could not create the schedule ${trigger.name}.`, { cause: error });
    }
  }

  async cancel(name: string): Promise<void> {
    try {
      await this.#options.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.#options.groupName }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return;
      // Over the DeleteSchedule quota: the same error as for a creation, so callers handle one type.
      if (isThrottled(error)) throw new SchedulerThrottledError({ cause: error });
      throw new Error(`Could not delete the schedule ${name}.`, { cause: error });
    }
  }

  #createInput(trigger: Trigger): CreateScheduleCommandInput {
    const { expression, timezone } = atExpression(trigger.at);
    const retry = this.#options.retryPolicy ?? { maximumRetryAttempts: 20, maximumEventAgeInSeconds: 86_400 };
    return {
      Name: trigger.name,
      GroupName: this.#options.groupName,
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: timezone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: this.#options.targetArn,
        RoleArn: this.#options.roleArn,
        Input: JSON.stringify(trigger.payload),
        RetryPolicy: {
          MaximumRetryAttempts: retry.maximumRetryAttempts,
          MaximumEventAgeInSeconds: retry.maximumEventAgeInSeconds,
        },
        DeadLetterConfig: { Arn: this.#options.deadLetterArn },
      },
    };
  }
}
