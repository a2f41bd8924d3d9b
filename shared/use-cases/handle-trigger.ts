/**
 * The deadline function's entry: one one-time trigger (R5 deem, R11 reminder, R11 alert retry).
 * Triggers may arrive late, twice or never (the sweep repairs the lost ones); each target is
 * idempotent and decides by instants, so none of that changes a date or sends an alert twice.
 */
import { NotFoundError } from '../errors.ts';
import type { TriggerPayload } from '../ports.ts';
import { consumeLetterWork } from './consume-alert-work.ts';
import type { AlertDeps } from './deliver-alert.ts';
import { deemNotification } from './deem-notification.ts';
import { sendReminder } from './send-reminder.ts';

async function deliverQueuedAlert(deps: AlertDeps, letterId: string, alertId: string): Promise<void> {
  const letter = await deps.letters.get(letterId);
  const alert = letter?.alerts.find((candidate) => candidate.id === alertId);
  if (alert === undefined) return;
  await consumeLetterWork(deps, { kind: 'send', letterId, alertId, channel: alert.channel, retries: 0 });
}

/**
 * Dispatches a trigger to deemNotification, sendReminder or the alert queue's consumer. A trigger for a letter
 * that no longer exists has nothing to do and is dropped (retrying it could never succeed).
 */
export async function handleTrigger(deps: AlertDeps, payload: TriggerPayload): Promise<void> {
  try {
    switch (payload.kind) {
      case 'deem':
        await deemNotification(deps, { letterId: payload.letterId });
        return;
      case 'remind':
        await sendReminder(deps, { letterId: payload.letterId, day: payload.day });
        return;
      case 'alertRetry':
        // The local timer queue's messages (and retry schedules made before the queue existed).
        await deliverQueuedAlert(deps, payload.letterId, payload.alertId);
        return;
    }
  } catch (error) {
    if (error instanceof NotFoundError) return;
    throw error;
  }
}
