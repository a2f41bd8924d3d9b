/**
 * R11 reminders: while a notifiable letter is unread and its window is open, a reminder alert on
 * each reminder day (default 7 and 14) at 10:00 Paris, to every registered channel.
 *
 * A reminder day is processed once, by the conditional write that registers its alerts and moves
 * the letter's alert cursor onto it (reminder-cursor.ts); delivering those alerts comes after and
 * is itself idempotent, and the cursor stays until they are final, so the sweep finishes them if
 * their triggers are lost.
 */
import { type ReminderSlot, reminderPlan, wantsReminders } from '../domain/reminders.ts';
import type { Instant, RuleVariants } from '../domain/types.ts';
import { NotFoundError } from '../errors.ts';
import type { Letter } from '../ports.ts';
import { type AlertDeps, enqueueAlerts, queuedAlert, registeredChannels } from './deliver-alert.ts';
import { msBetween } from './instants.ts';
import { scheduleNextTimer } from './letter-timer.ts';
import { updateLetter } from './letter-updates.ts';
import { isUnprocessed, settleCursor, slotAfter } from './reminder-cursor.ts';


/**
 * R11: sends reminder day `day` of the letter to every registered channel — only if the letter is
 * unread, its window still open, not postal, and that day not processed yet. A repeated or late
 * trigger sends nothing twice; it only finishes deliveries a crash interrupted. Earlier reminder
 * days whose triggers were lost are skipped, not sent late in a batch.
 * @throws NotFoundError if the letter does not exist.
 */
export async function sendReminder(deps: AlertDeps, input: { readonly letterId: string; readonly day: number }): Promise<void> {
  const letter = await deps.letters.get(input.letterId);
  if (letter === null) throw new NotFoundError('document');
  await sendLetterReminder(deps, letter, input.day);
  // The chain of the letter's timers (letter-timer.ts): this trigger schedules the next one.
  const slot = reminderPlan(letter, deps.config.rules).find((candidate) => candidate.day === input.day);
  const current = (await deps.letters.get(input.letterId)) ?? letter;
  await scheduleNextTimer(deps, current, slot?.at ?? deps.clock.now());
}

/**
 * sendReminder on a letter just read (the sweep).
 * @returns whether this call registered the reminder's alerts (false: already processed, not due, no longer wanted, or no channel).
 */
export async function sendLetterReminder(deps: AlertDeps, letter: Letter, day: number): Promise<boolean> {
  const now = deps.clock.now();
  const rules = deps.config.rules;
  const plan = reminderPlan(letter, rules);
  const slot = plan.find((candidate) => candidate.day === day);
  if (slot === undefined || msBetween(slot.at, now) < 0) return false;

  if (!isUnprocessed(letter, slot)) {
    await deliverReminderAlerts(deps, letter, day);
    return false;
  }
  const applicant = await deps.applicants.get(letter.agdref);
  const channels = applicant === null || !wantsReminders(letter, now) ? [] : registeredChannels(applicant);
  let sent = false;
  const { record } = await updateLetter(
    deps.letters,
    letter.id,
    (current) => {
      sent = false;
      if (!isUnprocessed(current, slot)) return null;
      if (!wantsReminders(current, now)) {
        const settled = settleCursor(current, rules, now);
        return settled === current ? null : settled;
      }
      const known = new Set(current.alerts.map((alert) => alert.id));
      const added = channels.map((channel) => queuedAlert(current.id, 'reminder', day, channel)).filter((alert) => !known.has(alert.id));
      sent = added.length > 0;
      // With no channel to alert the slot is processed at once; otherwise the cursor stays on it until its alerts are final.
      const cursor = added.length > 0 ? slot.at : (slotAfter(plan, slot.at)?.at ?? null);
      return { ...current, alerts: [...current.alerts, ...added], nextReminderAt: cursor };
    },
    letter,
  );
  await deliverReminderAlerts(deps, record, day);
  return sent;
}

/** Queues (again) every alert of reminder day `day` not final yet: the paced queue delivers them. */
async function deliverReminderAlerts(deps: AlertDeps, letter: Letter, day: number): Promise<void> {
  await enqueueAlerts(deps, letter.id, letter.alerts.filter((alert) => alert.kind === 'reminder' && alert.day === day));
}

/**
 * The reminder slot the sweep should process for a letter at `now`: the latest due one still
 * unprocessed (older missed ones are skipped), or null.
 */
export function dueReminderSlot(letter: Letter, rules: RuleVariants, now: Instant): ReminderSlot | null {
  const due = reminderPlan(letter, rules).filter((slot) => isUnprocessed(letter, slot) && msBetween(slot.at, now) >= 0);
  return due.at(-1) ?? null;
}
