/**
 * R11 reminders: while a notifiable letter is unread and its window is open, a reminder on each
 * `rules.reminderDays` day after the availability date, at 10:00 Paris time.
 */
import { BoundedCache } from './bounded-cache.ts';
import { addDays, compareInstants, isBefore, parisDate, parisInstant } from './calendar.ts';
import { hasConsultationWindow, windowEnd } from './lifecycle.ts';
import type { Instant, LetterFacts, RuleVariants } from './types.ts';

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

export interface ReminderSlot {
  readonly day: number;
  readonly at: Instant;
}

/**
 * R11: the reminder days of a letter and their instants (10:00 Paris, inside the window), in time
 * order; none for a letter without a consultation window (not notifiable, or postal).
 */
export function reminderPlan(letter: Pick<LetterFacts, 'type' | 'postal' | 'availableAt'>, rules: RuleVariants): ReminderSlot[] {
  if (!hasConsultationWindow(letter)) return [];
  // The plan is a pure function of the availability instant and the reminder days, asked for on
  // every change of a letter's alerts: computed once per letter (callers get their own array).
  const byInstant = Array.isArray(rules.reminderDays) ? plansFor(rules.reminderDays) : null;
  const known = byInstant?.get(letter.availableAt);
  if (known !== undefined) return [...known];
  const days = [...new Set(rules.reminderDays)].sort((a, b) => a - b);
  const plan = days.flatMap((day) =>
    reminderInstants(letter.availableAt, { ...rules, reminderDays: [day] }).map((at) => Object.freeze({ day, at })),
  );
  byInstant?.set(letter.availableAt, plan);
  return [...plan];
}

/** Plans by availability instant, per list of reminder days (by identity when frozen, else by value). */
const plansByFrozenDays = new WeakMap<readonly number[], BoundedCache<Instant, readonly ReminderSlot[]>>();
const plansByDays = new BoundedCache<string, BoundedCache<Instant, readonly ReminderSlot[]>>(100);
const MAX_PLANS = 100_000;

function plansFor(reminderDays: readonly number[]): BoundedCache<Instant, readonly ReminderSlot[]> {
  if (Object.isFrozen(reminderDays)) {
    const known = plansByFrozenDays.get(reminderDays);
    if (known !== undefined) return known;
    const plans = new BoundedCache<Instant, readonly ReminderSlot[]>(MAX_PLANS);
    plansByFrozenDays.set(reminderDays, plans);
    return plans;
  }
  const key = reminderDays.join(',');
  return plansByDays.get(key) ?? plansByDays.set(key, new BoundedCache<Instant, readonly ReminderSlot[]>(MAX_PLANS));
}

/** The stored facts of a letter that decide whether it still wants reminders. */
export interface ReminderFacts {
  readonly windowEnd: Instant | null;
  readonly firstOpenedAt: Instant | null;
  readonly deemedAt: Instant | null;
}

/**
 * R11: whether reminders (and a reminder alert not yet sent) are still wanted at `now`: unread,
 * not deemed, and the window still open (so notifiable, not postal).
 */
export function wantsReminders(letter: ReminderFacts, now: Instant): boolean {
  return letter.firstOpenedAt === null && letter.deemedAt === null && letter.windowEnd !== null && isBefore(now, letter.windowEnd);
}
