/**
 * R11: `nextReminderAt`, the letter's alert cursor — the sparse index the sweep reads to find
 * alert work that a lost or exhausted trigger left undone.
 *
 * The cursor points at one *stage*: the deposit alerts (the cursor is then `availableAt`) or one
 * reminder slot (the slot's instant). It stays on a stage until every alert of that stage is final
 * (delivered or permanently failed), so the sweep finds a letter whose alerts are still being
 * delivered, and only then moves to the next reminder still wanted, or to null. A reminder slot
 * with no alert registered yet is waiting for its instant; registering its alerts (or finding no
 * channel to alert) is what processes it.
 */
import { isFinal } from '../domain/alert-delivery.ts';
import { type ReminderSlot, reminderPlan, wantsReminders } from '../domain/reminders.ts';
import type { Instant, RuleVariants } from '../domain/types.ts';
import type { AlertDelivery, Letter } from '../ports.ts';
import { msBetween } from './instants.ts';

function sameInstant(a: Instant, b: Instant): boolean {
  return msBetween(a, b) === 0;
}

/** The alerts of the stage the cursor points at, and the reminder slot if it is one. */
function stageAt(letter: Letter, cursor: Instant, plan: readonly ReminderSlot[]): { slot: ReminderSlot | null; alerts: AlertDelivery[] } {
  if (sameInstant(cursor, letter.availableAt)) {
    return { slot: null, alerts: letter.alerts.filter((alert) => alert.kind === 'deposit') };
  }
  const slot = plan.find((candidate) => sameInstant(candidate.at, cursor)) ?? null;
  const alerts = slot === null ? [] : letter.alerts.filter((alert) => alert.kind === 'reminder' && alert.day === slot.day);
  return { slot, alerts };
}

/** The first reminder slot strictly after `instant`, or null. */
export function slotAfter(plan: readonly ReminderSlot[], instant: Instant): ReminderSlot | null {
  return plan.find((slot) => msBetween(instant, slot.at) > 0) ?? null;
}

/**
 * The letter with its cursor moved on as far as it can go at `now`: kept on a stage whose alerts
 * are not all final, or on a reminder slot still to process; else the next slot still wanted; else null.
 * Every change of a letter's alerts or lifecycle goes through it.
 */
export function settleCursor(letter: Letter, rules: RuleVariants, now: Instant): Letter {
  const cursor = letter.nextReminderAt;
  if (cursor === null) return letter;
  const plan = reminderPlan(letter, rules);
  const stage = stageAt(letter, cursor, plan);
  const delivering = stage.alerts.some((alert) => !isFinal(alert));
  const waitingSlot = stage.slot !== null && stage.alerts.length === 0 && wantsReminders(letter, now);
  if (delivering || waitingSlot) return letter;
  const next = wantsReminders(letter, now) ? (slotAfter(plan, cursor)?.at ?? null) : null;
  return next === cursor ? letter : { ...letter, nextReminderAt: next };
}

/**
 * R11: whether reminder `slot` is still to process: at or after the cursor, and not the slot the
 * cursor is delivering already.
 */
export function isUnprocessed(letter: Letter, slot: ReminderSlot): boolean {
  const cursor = letter.nextReminderAt;
  if (cursor === null || msBetween(cursor, slot.at) < 0) return false;
  if (!sameInstant(cursor, slot.at)) return true;
  return !letter.alerts.some((alert) => alert.kind === 'reminder' && alert.day === slot.day);
}
