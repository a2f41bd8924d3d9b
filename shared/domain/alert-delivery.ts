/**
 * R11/R12: the delivery state machine of one alert, pure. An alert waits for its first attempt
 * (`sending`, no attempt), is claimed per attempt (`sending`, attempts + 1), then ends
 * `delivered`, `permanentFailure` or — a reminder no longer wanted — `withdrawn`; a temporary
 * failure is retried after its delay plus jitter (alert-pacing.ts) until MAX_ALERT_ATTEMPTS.
 * The use case (use-cases/deliver-alert.ts) only loads the letter, asks these functions and writes.
 */
import { MAX_ALERT_ATTEMPTS, retryDelayMs } from './alert-pacing.ts';
import { instantMs, storedForm } from './instant-form.ts';
import type { AlertDelivery, EvidenceEvent, Instant } from './types.ts';

/**
 * A trigger may run slightly before the instant it was set for (schedulers work in whole seconds,
 * clocks drift): a retry this close to its due time counts as due. Far shorter than any claim.
 */
export const CLOCK_TOLERANCE_MS = 5_000;

/** Delivered, permanently failed or withdrawn: nothing more will be attempted. */
export function isFinal(alert: AlertDelivery): boolean {
  return alert.status === 'delivered' || alert.status === 'permanentFailure' || alert.status === 'withdrawn';
}

export type Readiness = 'final' | 'notYet' | 'ready' | 'exhausted';

/** The instant the retry after the alert's last attempt is due (before any clock tolerance). */
function retryDueAt(delivery: AlertDelivery, lastAttemptAt: Instant): Instant {
  return storedForm(instantMs(lastAttemptAt) + retryDelayMs(delivery.id, delivery.attempts));
}

/**
 * - final: delivered or permanently failed;
 * - notYet: an attempt is in flight (claimed) or its retry is not due;
 * - exhausted: the last attempt's claim expired without an outcome;
 * - ready: an attempt may start now.
 */
export function readiness(delivery: AlertDelivery, now: Instant): Readiness {
  if (isFinal(delivery)) return 'final';
  if (delivery.attempts === 0 || delivery.lastAttemptAt === null) return 'ready';
  if (instantMs(retryDueAt(delivery, delivery.lastAttemptAt)) - instantMs(now) > CLOCK_TOLERANCE_MS) return 'notYet';
  return delivery.attempts >= MAX_ALERT_ATTEMPTS ? 'exhausted' : 'ready';
}

/** When the alert's next attempt is due, or null if none will be made (final). */
export function nextAttemptDueAt(delivery: AlertDelivery): Instant | null {
  if (isFinal(delivery) || delivery.lastAttemptAt === null) return null;
  return retryDueAt(delivery, delivery.lastAttemptAt);
}

/** An evidence event to append (its hashes come with the chain). */
export type AlertEvidence = Omit<EvidenceEvent, 'hash' | 'previousHash'>;

/** R12: the evidence fields of an alert event; the deposit alert has no day. */
export function alertEvidence(event: 'alertSent' | 'alertFailed', delivery: AlertDelivery, at: Instant): AlertEvidence {
  return { at, event, channel: delivery.channel, kind: delivery.kind, ...(delivery.kind === 'reminder' ? { day: delivery.day } : {}) };
}

/**
 * R12: `alertOutcomeUnknown` for the alert's last attempt if it was claimed (`sending`, attempts > 0)
 * and its outcome never recorded — the message may have gone out. Only for a claim that is not
 * ours to finish: callers pass a delivery whose claim expired.
 */
export function lostAttemptEvidence(delivery: AlertDelivery, at: Instant): AlertEvidence[] {
  if (delivery.status !== 'sending' || delivery.attempts === 0) return [];
  return [
    {
      at,
      event: 'alertOutcomeUnknown' as const,
      channel: delivery.channel,
      kind: delivery.kind,
      ...(delivery.kind === 'reminder' ? { day: delivery.day } : {}),
      attempt: delivery.attempts,
    },
  ];
}

/** A transition of one alert: its next state and the evidence to append with it, in order. */
export interface AlertTransition {
  readonly delivery: AlertDelivery;
  readonly evidence: readonly AlertEvidence[];
}

/**
 * The alert permanently failed with `alertFailed` evidence (R12: counted, never silent), keeping
 * `reason`; null if already final. `afterLostAttempt`: the last attempt's claim expired without an
 * outcome (not our own claim), so `alertOutcomeUnknown` for it comes first.
 */
export function failedFor(delivery: AlertDelivery, at: Instant, reason: string, afterLostAttempt: boolean): AlertTransition | null {
  if (readiness(delivery, at) === 'final') return null;
  const failed: AlertDelivery = { ...delivery, status: 'permanentFailure', failureReason: reason };
  const lost = afterLostAttempt ? lostAttemptEvidence(delivery, at) : [];
  return { delivery: failed, evidence: [...lost, alertEvidence('alertFailed', failed, at)] };
}

/**
 * R11: a reminder no longer wanted (wantsReminders) is withdrawn — no evidence of its own, nothing
 * more is sent — but a lost attempt of it may still have reached the applicant: R12 says so.
 * Null if already final.
 */
export function withdrawnFor(delivery: AlertDelivery, at: Instant): AlertTransition | null {
  if (readiness(delivery, at) === 'final') return null;
  return { delivery: { ...delivery, status: 'withdrawn' }, evidence: lostAttemptEvidence(delivery, at) };
}
