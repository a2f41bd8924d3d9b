/**
 * The deadline function's entry: one one-time trigger (R5 deem, R11 reminder, R11 alert retry).
 * Triggers may arrive late, twice or never (the sweep repairs the lost ones); each target is
 * idempotent and decides by instants, so none of that changes a date or sends an alert twice.
 */
import { NotFoundError } from '../errors.ts';
import type { TriggerPayload } from '../ports.ts';
import { type AlertDeps, deliverAlert } from './deliver-alert.ts';
import { deemNotification } from './deem-notification.ts';
import { sendReminder } from './send-reminder.ts';

/**
 * Dispatches a trigger to deemNotification, sendReminder or deliverAlert. A trigger for a letter
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
        await deliverAlert(deps, { letterId: payload.letterId, alertId: payload.alertId });
        return;
    }
  } catch (error) {
    if (error instanceof NotFoundError) return;
    throw error;
  }
}
