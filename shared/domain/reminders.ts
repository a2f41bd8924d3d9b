/**
 * R11 reminders: while a notifiable letter is unread and its window is open, a reminder on each
 * `rules.reminderDays` day after the availability date, at 10:00 Paris time.
 */
import { addDays, compareInstants, isBefore, parisDate, parisInstant } from './calendar.ts';
import { windowEnd } from './lifecycle.ts';
import type { Instant, RuleVariants } from './types.ts';

export const REMINDER_TIME = '10:00';

/**
 * The instants of the reminders of a letter available at `availableAt`, sorted, without duplicates,
 * keeping only those inside the window (before `windowEnd`, after the deposit). Callers decide
 * whether the letter gets reminders at all (notifiable, not postal, still unread).
 * @example reminderInstants('2022-09-06T08:00:00.000Z', DEFAULT_RULES) // ['2022-09-13T08:00:00.000Z', '2022-09-20T08:00:00.000Z']
 */
export function reminderInstants(availableAt: Instant, rules: RuleVariants): Instant[] {
  const availableDate = parisDate(availableAt);
  const end = windowEnd(availableAt);
  const instants = rules.reminderDays
    .map((day) => parisInstant(addDays(availableDate, day), REMINDER_TIME))
    .filter((at) => isBefore(availableAt, at) && isBefore(at, end));
  return [...new Set(instants)].sort(compareInstants);
}
