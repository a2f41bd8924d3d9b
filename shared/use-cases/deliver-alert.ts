/**
 * R11: send one alert (a notice that a letter is waiting — never its content) to one channel,
 * with retries and evidence. Retried or duplicated deliveries never send the same alert twice.
 *
 * An alert is an AlertDelivery inside its letter's item, so its state changes with the same
 * conditional writes as the letter. Each attempt is *claimed* (status `sending`, attempts + 1)
 * before the provider is called: a duplicated queue message or a concurrent repeat sees the claim
 * and does nothing. Deliveries run from the paced alert queue (consume-alert-work.ts), whose
 * message stays until the alert is final: a crash at any point leaves a message that comes back,
 * finds the claim and waits for it to expire (docs/alerts.md).
 *
 * A throttled send is not an attempt: its claim is given back and the queue tries again soon.
 * The one gap a store cannot close: a crash after the provider accepted the message but before
 * the acceptance was recorded (one conditional write, made at once with the claim already in hand:
 * no read in between). The next message then finds the claim expired and sends again with the
 * same message id (the alert id); neither SNS nor SES de-duplicates by it (no idempotency key),
 * so a second message can go out then. The evidence tells it (R12, docs/api.md): whatever next touches an attempt whose
 * outcome was never recorded — the next claim, the final failure, a withdrawal — writes
 * `alertOutcomeUnknown` for it in that same write, so before any resend the chain shows every
 * message that may have gone out.
 */
import { alertMessage } from '../domain/alert-messages.ts';
import { alertEvidence, failedFor, isFinal, lostAttemptEvidence, readiness, withdrawnFor, type AlertTransition } from '../domain/alert-delivery.ts';
import { MAX_ALERT_ATTEMPTS } from '../domain/alert-pacing.ts';
import { wantsReminders } from '../domain/reminders.ts';
import type { AlertChannel, AlertKind, Instant, RuleVariants } from '../domain/types.ts';
import { NotFoundError } from '../errors.ts';
import type { AlertDelivery, Applicant, Deps, Letter, OutgoingMessage, SendResult } from '../ports.ts';
import { alertId as alertIdOf } from './alert-ids.ts';
import { type UpdateResult, updateLetter, withEvidence } from './letter-updates.ts';
import { settleCursor } from './reminder-cursor.ts';
/** Store calls spent at most on recording an attempt's outcome, to avoid a resend (see recordOutcome). */
const RECORD_ATTEMPTS = 25;

export type AlertDeps = Pick<Deps, 'letters' | 'applicants' | 'clock' | 'scheduler' | 'notifier' | 'alertQueue' | 'config' | 'signals'>;

/** The reasons the app itself gives for a final failure (the provider gives the others). */
export const FAILURE_REASONS = {
  noContact: 'The applicant has no contact for this channel any more.',
  exhausted: 'No outcome was recorded for the last attempt.',
} as const;

/**
 * A new alert waiting for its first attempt (status `sending` with no attempt yet).
 * Day 0 is the deposit alert; reminders carry their day (R11).
 */
export function queuedAlert(letterId: string, kind: AlertKind, day: number, channel: AlertChannel): AlertDelivery {
  return { id: alertIdOf(letterId, kind, day, channel), channel, kind, day, status: 'sending', attempts: 0, lastAttemptAt: null };
}

/**
 * R11: hands alerts to the paced queue (docs/alerts.md) — the deposit and the reminders record
 * their alerts, the queue's consumer sends them at the rate the provider allows.
 */
export async function enqueueAlerts(deps: Pick<Deps, 'alertQueue'>, letterId: string, alerts: readonly AlertDelivery[]): Promise<void> {
  for (const alert of alerts) {
    if (isFinal(alert)) continue;
    await deps.alertQueue.enqueue({ kind: 'send', letterId, alertId: alert.id, channel: alert.channel, retries: 0 }, 0);
  }
}

/** The channels an applicant registered, in a stable order (R11: every registered channel). */
export function registeredChannels(applicant: Pick<Applicant, 'phone' | 'email'>): AlertChannel[] {
  return [...(applicant.phone === null ? [] : ['sms' as const]), ...(applicant.email === null ? [] : ['email' as const])];
}

function replaceAlert(letter: Letter, next: AlertDelivery): Letter {
  return { ...letter, alerts: letter.alerts.map((alert) => (alert.id === next.id ? next : alert)) };
}

/**
 * R11/R12: the alert became final-failed by the write just made (`changed`), never by someone
 * else's: raised exactly once per alert, whichever path (inline first attempt, retry, sweep) wrote it.
 */
function signalIfFailedNow(deps: AlertDeps, result: { readonly record: Letter; readonly changed: boolean }, alertId: string): Letter {
  const failed = result.record.alerts.find((alert) => alert.id === alertId);
  if (result.changed && failed?.status === 'permanentFailure') {
    deps.signals?.alertFailed({
      letterId: result.record.id,
      alertId,
      channel: failed.channel,
      reason: failed.failureReason ?? FAILURE_REASONS.exhausted,
    });
  }
  return result.record;
}

/**
 * The letter with one alert moved by a domain transition (alert-delivery.ts `failedFor`,
 * `withdrawnFor`): its evidence appended, the alert cursor settled (R11); null when the alert is
 * gone or the transition does not apply.
 */
function transitionedBy(
  alertId: string,
  at: Instant,
  rules: RuleVariants,
  transition: (delivery: AlertDelivery) => AlertTransition | null,
): (current: Letter) => Letter | null {
  return (current) => {
    const delivery = current.alerts.find((alert) => alert.id === alertId);
    const next = delivery === undefined ? null : transition(delivery);
    if (next === null) return null;
    return settleCursor(withEvidence(replaceAlert(current, next.delivery), next.evidence), rules, at);
  };
}

/** The alert permanently failed (alert-delivery.ts failedFor), applied to its letter. */
function failLetterAlert(alertId: string, at: Instant, rules: RuleVariants, reason: string, afterLostAttempt: boolean): (current: Letter) => Letter | null {
  return transitionedBy(alertId, at, rules, (delivery) => failedFor(delivery, at, reason, afterLostAttempt));
}

/** A reminder no longer wanted withdrawn (alert-delivery.ts withdrawnFor), applied to its letter. */
function withdrawLetterAlert(alertId: string, at: Instant, rules: RuleVariants): (current: Letter) => Letter | null {
  return transitionedBy(alertId, at, rules, (delivery) => withdrawnFor(delivery, at));
}

/**
 * R11: delivers alert `alertId` of the letter (an alert registered at deposit or by a reminder).
 * No-op when it is delivered, permanently failed, in flight, its retry not yet due, or the letter
 * postal. A temporary failure is retried (by the queue) after 2, 10, 30 then 120 minutes plus
 * jitter; after the fifth attempt, or on permanent failure, the alert is recorded as failed
 * (`alertFailed`). A throttled send is not an attempt: the claim is given back.
 * @throws NotFoundError if the letter does not exist.
 */
export async function deliverAlert(deps: AlertDeps, input: { readonly letterId: string; readonly alertId: string }): Promise<void> {
  const letter = await deps.letters.get(input.letterId);
  if (letter === null) throw new NotFoundError('document');
  await deliverLetterAlert(deps, letter, input.alertId);
}

/**
 * deliverAlert on a letter just read, saving the read.
 * @returns the letter as stored afterwards.
 */
export async function deliverLetterAlert(deps: AlertDeps, letter: Letter, alertId: string): Promise<Letter> {
  const now = deps.clock.now();
  const delivery = letter.alerts.find((alert) => alert.id === alertId);
  if (letter.postal || delivery === undefined) return letter;
  const ready = readiness(delivery, now);
  if (ready === 'final' || ready === 'notYet') return letter;
  if (ready === 'exhausted') {
    const reason = delivery.failureReason ?? FAILURE_REASONS.exhausted;
    const failing = failLetterAlert(alertId, now, deps.config.rules, reason, true);
    return signalIfFailedNow(deps, await updateLetter(deps.letters, letter.id, failing, letter), alertId);
  }

  if (delivery.kind === 'reminder' && !wantsReminders(letter, now)) {
    return (await updateLetter(deps.letters, letter.id, withdrawLetterAlert(alertId, now, deps.config.rules), letter)).record;
  }

  const applicant = await deps.applicants.get(letter.agdref);
  const to = applicant === null ? null : delivery.channel === 'sms' ? applicant.phone : applicant.email;
  if (applicant === null || to === null) {
    // The applicant removed this contact since the alert was registered: nowhere to send it.
    const failing = failLetterAlert(alertId, now, deps.config.rules, FAILURE_REASONS.noContact, true);
    return signalIfFailedNow(deps, await updateLetter(deps.letters, letter.id, failing, letter), alertId);
  }

  const attempt = delivery.attempts + 1;
  const claim = await updateLetter(
    deps.letters,
    letter.id,
    (current) => {
      const stored = current.alerts.find((alert) => alert.id === alertId);
      // Someone else claimed or finished it since our read: theirs is the attempt.
      if (stored === undefined || stored.attempts !== delivery.attempts || readiness(stored, now) !== 'ready') return null;
      // R12: the previous attempt's outcome was never recorded: say so in the same write, before resending.
      const claimed = replaceAlert(current, { ...stored, status: 'sending', attempts: attempt, lastAttemptAt: now });
      const lost = lostAttemptEvidence(stored, now);
      return lost.length === 0 ? claimed : withEvidence(claimed, lost);
    },
    letter,
  );
  if (!claim.changed) return claim.record;

  const message = alertMessage({
    channel: delivery.channel,
    kind: delivery.kind,
    language: applicant.language,
    publicUrl: deps.config.publicUrl,
  });
  const result = await sendSafely(deps, {
    id: alertId,
    channel: delivery.channel,
    to,
    language: applicant.language,
    text: message.text,
    ...(message.subject === undefined ? {} : { subject: message.subject }),
    ...(message.body === undefined ? {} : { body: message.body }),
  });

  const recordedAt = deps.clock.now();
  const outcome = (current: Letter): Letter | null => {
    const stored = current.alerts.find((alert) => alert.id === alertId);
    // Only the outcome of our own claim is recorded.
    if (stored === undefined || stored.attempts !== attempt || stored.status !== 'sending') return null;
    if (result.status === 'throttled') {
      // Not an attempt: the alert is as it was before the claim, and the queue tries again soon —
      // except that a lost attempt the claim reported (alertOutcomeUnknown) stays reported, once.
      const reported = lostAttemptEvidence(delivery, now).length > 0;
      const before: AlertDelivery = reported
        ? { ...stored, status: 'temporaryFailure', failureReason: FAILURE_REASONS.exhausted }
        : { ...stored, status: delivery.status };
      return replaceAlert(current, { ...before, attempts: delivery.attempts, lastAttemptAt: delivery.lastAttemptAt });
    }
    if (result.status === 'accepted') {
      const delivered: AlertDelivery = { ...stored, status: 'delivered' };
      return settleCursor(withEvidence(replaceAlert(current, delivered), [alertEvidence('alertSent', delivered, recordedAt)]), deps.config.rules, recordedAt);
    }
    if (result.status === 'temporaryFailure' && attempt < MAX_ALERT_ATTEMPTS) {
      return replaceAlert(current, { ...stored, status: 'temporaryFailure', failureReason: result.reason });
    }
    return failLetterAlert(alertId, recordedAt, deps.config.rules, result.reason, false)(current);
  };
  return signalIfFailedNow(deps, await recordOutcome(deps, letter.id, outcome, claim.record), alertId);
}

/** The provider's answer; an exception from the adapter counts as a temporary failure (retried, counted). */
async function sendSafely(deps: Pick<Deps, 'notifier'>, message: OutgoingMessage): Promise<SendResult> {
  try {
    return await deps.notifier.send(message);
  } catch (error) {
    return { status: 'temporaryFailure', reason: error instanceof Error ? error.message : 'send failed' };
  }
}

/**
 * Records an attempt's outcome. Failing here after an acceptance means a resend later, so this
 * write insists (updateWithRetry with RECORD_ATTEMPTS store calls, backing off on the wall clock):
 * a throttled write is retried as is, a lost race re-reads and re-applies.
 */
function recordOutcome(
  deps: Pick<Deps, 'letters' | 'clock'>,
  letterId: string,
  outcome: (current: Letter) => Letter | null,
  snapshot: Letter,
): Promise<UpdateResult<Letter>> {
  const sleep = deps.clock.sleep?.bind(deps.clock);
  return updateLetter(deps.letters, letterId, outcome, snapshot, {
    attempts: RECORD_ATTEMPTS,
    retryThrottled: true,
    ...(sleep === undefined ? {} : { sleep }),
  });
}
