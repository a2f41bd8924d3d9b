/**
 * R5 and R11: one schedule per letter at a time (docs/alerts.md "Schedules"). A letter's timed
 * transitions — its reminder days, then the deemed notification at the window's end — are a
 * chain: the deposit schedules the first, and each reminder trigger schedules the next. A deposit
 * thus makes one CreateSchedule call instead of one per transition and per alert, which keeps an
 * office batch under the scheduler's quota.
 *
 * A throttled creation neither fails the caller nor is lost: it goes to the paced alert queue,
 * whose consumer retries it with jittered backoff. And a schedule that is lost anyway changes no
 * date: state follows time, and the sweep applies whatever came due (R5) and sends the
 * reminder due (R11) from the letter's own indexes.
 */
import { throttledRetryDelayMs } from '../domain/alert-pacing.ts';
import { pendingDeemAt } from '../domain/lifecycle.ts';
import { reminderPlan } from '../domain/reminders.ts';
import type { Instant, RuleVariants } from '../domain/types.ts';
import { SchedulerThrottledError } from '../errors.ts';
import type { Deps, Letter, Trigger } from '../ports.ts';
import { deemTriggerName, reminderTriggerName } from './alert-ids.ts';
import { msBetween } from './instants.ts';

/**
 * The letter's next timed transition strictly after `after`: the next reminder day while the
 * letter is unread and not deemed, else the deemed notification while it is neither deemed nor
 * opened in time; null when nothing is left.
 */
export function nextTimer(letter: Letter, rules: RuleVariants, after: Instant): Trigger | null {
  const deemAt = pendingDeemAt(letter);
  if (deemAt === null) return null;
  if (letter.firstOpenedAt === null) {
    const slot = reminderPlan(letter, rules).find((candidate) => msBetween(after, candidate.at) > 0);
    if (slot !== undefined) {
      return { name: reminderTriggerName(letter.id, slot.day), at: slot.at, payload: { kind: 'remind', letterId: letter.id, day: slot.day } };
    }
  }
  return { name: deemTriggerName(letter.id), at: deemAt, payload: { kind: 'deem', letterId: letter.id } };
}

/**
 * Schedules the letter's next timed transition after `after` (idempotent by name). Throttling by
 * the scheduler hands the creation to the alert queue instead of failing the caller.
 */
export async function scheduleNextTimer(deps: Pick<Deps, 'scheduler' | 'alertQueue' | 'config'>, letter: Letter, after: Instant): Promise<void> {
  const trigger = nextTimer(letter, deps.config.rules, after);
  if (trigger !== null) await scheduleOrQueue(deps, trigger, 0);
}

/**
 * Creates the schedule; if the scheduler throttles, queues its creation (paced, backed off by the
 * `retries` refusals so far) instead of failing the caller.
 * @returns whether the scheduler throttled it.
 */
export async function scheduleOrQueue(deps: Pick<Deps, 'scheduler' | 'alertQueue'>, trigger: Trigger, retries: number): Promise<boolean> {
  try {
    await deps.scheduler.schedule(trigger);
    return false;
  } catch (error) {
    if (!(error instanceof SchedulerThrottledError)) throw error;
    await deps.alertQueue.enqueue({ kind: 'schedule', trigger, retries: retries + 1 }, throttledRetryDelayMs(trigger.name, retries));
    return true;
  }
}
