/**
 * The alert queue's consumer (docs/alerts.md, docs/architecture.md "Alerts are paced, not fired"): one
 * message of the paced queue — an alert to attempt, or a schedule creation to retry. The runner
 * (the SQS Lambda, the local timer queue, the simulator) paces calls to the provider's quota; this
 * use case decides what each message does and when it comes back.
 *
 * A message keeps coming back until its work is final: an alert not yet delivered or failed is
 * re-enqueued for the instant its next attempt is due (a claim in flight, a retry waiting), and
 * a throttled call is re-enqueued soon with jittered backoff — never counted as an attempt. So a
 * crash anywhere, a lost retry schedule or a duplicated message never loses nor doubles an alert.
 */
import { throttledRetryDelayMs } from '../domain/alert-pacing.ts';
import type { AlertWork } from '../ports.ts';
import { type AlertDeps, deliverLetterAlert } from './deliver-alert.ts';
import { nextAttemptDueAt, readiness } from '../domain/alert-delivery.ts';
import { msBetween } from './instants.ts';
import { type IssueResetCodeDeps, issueResetCode } from './issue-reset-code.ts';
import { scheduleOrQueue } from './letter-timer.ts';

/**
 * What became of one message: `done` (final, or nothing left to do; a permanent failure is
 * signalled once by deliver-alert.ts), `waiting` (re-enqueued for its next attempt or claim
 * expiry), `throttled` (the provider refused for rate; re-enqueued soon).
 */
export type AlertWorkOutcome = 'done' | 'waiting' | 'throttled';

/** What the consumer of every kind of message uses: the alerts' dependencies and the reset code's. */
export type AlertWorkDeps = AlertDeps & IssueResetCodeDeps;

/**
 * R11: processes one message of the alert queue. A reset-code request (docs/api.md, no
 * enumeration: handed on by the applicant side before its answer) is issued here, silently.
 * @throws what the store throws (the message is then redelivered by the queue).
 */
export async function consumeAlertWork(deps: AlertWorkDeps, work: AlertWork): Promise<AlertWorkOutcome> {
  if (work.kind === 'resetCode') {
    await issueResetCode(deps, work);
    return 'done';
  }
  return consumeLetterWork(deps, work);
}

/** R11: a message about a letter's alert or schedule (what the deadline function's retry triggers carry too). */
export async function consumeLetterWork(deps: AlertDeps, work: Exclude<AlertWork, { readonly kind: 'resetCode' }>): Promise<AlertWorkOutcome> {
  if (work.kind === 'schedule') return (await scheduleOrQueue(deps, work.trigger, work.retries)) ? 'throttled' : 'done';

  const letter = await deps.letters.get(work.letterId);
  if (letter === null) return 'done';
  const after = await deliverLetterAlert(deps, letter, work.alertId);
  const alert = after.alerts.find((candidate) => candidate.id === work.alertId);
  if (after.postal || alert === undefined) return 'done';
  const now = deps.clock.now();
  switch (readiness(alert, now)) {
    case 'final':
      return 'done';
    case 'ready':
    case 'exhausted': {
      // Still ready right after a delivery: the provider throttled it (or a racing writer won).
      await deps.alertQueue.enqueue({ ...work, retries: work.retries + 1 }, throttledRetryDelayMs(work.alertId, work.retries));
      return 'throttled';
    }
    case 'notYet': {
      const dueAt = nextAttemptDueAt(alert);
      const delayMs = dueAt === null ? 0 : Math.max(0, msBetween(now, dueAt));
      await deps.alertQueue.enqueue({ ...work, retries: 0 }, delayMs);
      return 'waiting';
    }
  }
}
