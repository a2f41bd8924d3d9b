/**
 * A letter's lifecycle (R3–R5): the consultation window, notification by consultation, deemed
 * notification. State follows time: whether a letter was consulted in time is decided by comparing
 * instants, never by whether a scheduled transition has run.
 */
import { BoundedCache } from './bounded-cache.ts';
import { addDays, isBefore, parisDate, startOfParisDay } from './calendar.ts';
import { isNotifiable } from './documents.ts';
import type { Instant, LetterFacts, NotifiedBy, ParisDate, RuleVariants } from './types.ts';

/** R3: the window is the 15 calendar days that follow the availability date. */
export const CONSULTATION_WINDOW_DAYS = 15;

/** R3: the last day of the window, `availableDate + 15 days` (R1: availableDate is the Paris date of the deposit). */
export function consultationDeadline(availableAt: Instant): ParisDate {
  return windowOf(availableAt).consultationDeadline;
}

/**
 * R3: the window's exclusive end, 00:00 Paris on the day after the consultation deadline.
 * @example windowEnd('2022-09-06T08:00:00.000Z') // '2022-09-21T22:00:00.000Z'
 */
export function windowEnd(availableAt: Instant): Instant {
  return windowOf(availableAt).windowEnd;
}

interface Window {
  readonly consultationDeadline: ParisDate;
  readonly windowEnd: Instant;
}

/** The window of each availability instant, computed once: every view, decision and plan of a letter asks for it. */
const windows = new BoundedCache<Instant, Window>(100_000);

function windowOf(availableAt: Instant): Window {
  const known = windows.get(availableAt);
  if (known !== undefined) return known;
  const deadline = addDays(parisDate(availableAt), CONSULTATION_WINDOW_DAYS);
  return windows.set(availableAt, { consultationDeadline: deadline, windowEnd: startOfParisDay(addDays(deadline, 1)) });
}

/**
 * R2 + R11: whether the 15-day rule applies — a notifiable type deposited for an applicant without
 * a paper derogation (postal letters are notified by post, outside this product).
 */
export function hasConsultationWindow(letter: Pick<LetterFacts, 'type' | 'postal'>): boolean {
  return isNotifiable(letter.type) && !letter.postal;
}

/**
 * R4: a letter is consulted in time when its first opening came strictly before the window's end.
 * The one comparison every layer uses (lifecycle decisions, timers, the store's `due` index).
 */
export function openedInTime<T extends { readonly firstOpenedAt: Instant | null }>(
  letter: T,
  end: Instant,
): letter is T & { readonly firstOpenedAt: Instant } {
  return letter.firstOpenedAt !== null && isBefore(letter.firstOpenedAt, end);
}

/** The stored lifecycle facts of a letter that decide whether a deemed notification is pending. */
export interface DeemFacts {
  readonly windowEnd: Instant | null;
  readonly firstOpenedAt: Instant | null;
  readonly deemedAt: Instant | null;
}

/**
 * R5: the instant at which the letter is due for deemed notification while it still can be — it
 * has a window (`windowEnd`), is not deemed yet and was not opened in time (R4) — else null.
 */
export function pendingDeemAt(letter: DeemFacts): Instant | null {
  if (letter.windowEnd === null || letter.deemedAt !== null) return null;
  return openedInTime(letter, letter.windowEnd) ? null : letter.windowEnd;
}

export type LifecycleEvent = { readonly kind: 'open'; readonly at: Instant } | { readonly kind: 'deem' };

export interface LifecycleEvidence {
  readonly at: Instant;
  readonly event: 'firstOpened' | 'deemedNotified';
}

export type LifecycleDecision =
  | { readonly changed: false }
  | { readonly changed: true; readonly next: LetterFacts; readonly evidence: LifecycleEvidence[] };

const NO_CHANGE: LifecycleDecision = Object.freeze({ changed: false });

/**
 * Applies one lifecycle event to a letter's facts: the transition to write (conditionally) and the
 * evidence to append, or no change. Idempotent, and the final facts do not depend on the order in
 * which events are applied nor on how often: `firstOpenedAt` converges to the earliest opening,
 * `deemedAt` to `windowEnd` exactly when the window ended without an opening in time.
 *
 * - `open` (R4): records the first opening; an opening at or after the recorded one changes nothing.
 *   An opening at or after `windowEnd` also applies the deemed transition (R5) if it had not run,
 *   its evidence placed first since it happened first.
 * - `deem` (R5): at or after `windowEnd`, marks an unopened (or late-opened) letter deemed notified
 *   at `windowEnd`, the legal instant — not the instant the trigger ran.
 */
export function decide(letter: LetterFacts, event: LifecycleEvent, now: Instant): LifecycleDecision {
  return event.kind === 'open' ? decideOpen(letter, event.at) : decideDeem(letter, now);
}

function decideOpen(letter: LetterFacts, at: Instant): LifecycleDecision {
  if (letter.firstOpenedAt !== null && !isBefore(at, letter.firstOpenedAt)) {
    return NO_CHANGE;
  }
  const opened = { at, event: 'firstOpened' } as const;
  if (!hasConsultationWindow(letter)) {
    return { changed: true, next: { ...letter, firstOpenedAt: at }, evidence: [opened] };
  }
  const end = windowEnd(letter.availableAt);
  if (isBefore(at, end)) {
    // R4 by instants: an opening in time whose write landed after a deem trigger had already run
    // (or an earlier opening recorded late) is still a consultation in time, so a deem is undone.
    return { changed: true, next: { ...letter, firstOpenedAt: at, deemedAt: null }, evidence: [opened] };
  }
  if (letter.deemedAt === null) {
    return {
      changed: true,
      next: { ...letter, firstOpenedAt: at, deemedAt: end },
      evidence: [{ at: end, event: 'deemedNotified' }, opened],
    };
  }
  return { changed: true, next: { ...letter, firstOpenedAt: at }, evidence: [opened] };
}

function decideDeem(letter: LetterFacts, now: Instant): LifecycleDecision {
  if (!hasConsultationWindow(letter) || letter.deemedAt !== null) {
    return NO_CHANGE;
  }
  const end = windowEnd(letter.availableAt);
  const windowStillOpen = isBefore(now, end);
  if (windowStillOpen || openedInTime(letter, end)) {
    return NO_CHANGE;
  }
  return { changed: true, next: { ...letter, deemedAt: end }, evidence: [{ at: end, event: 'deemedNotified' }] };
}

export interface Notification {
  readonly notificationDate: ParisDate | null;
  readonly notifiedBy: NotifiedBy | null;
}

const NOT_NOTIFIED: Notification = Object.freeze({ notificationDate: null, notifiedBy: null });

/**
 * R4/R5: the notification date and how it came about, decided by instants only (`deemedAt` is not
 * read: a late or lost deem trigger changes no date).
 * - first opened before `windowEnd` → consultation, on the Paris date of that opening;
 * - otherwise, once `windowEnd` has passed (`now`, or a later opening, proves it) → deemed;
 * - otherwise, or for a non-notifiable or postal letter → not notified.
 */
export function notificationOf(letter: LetterFacts, rules: RuleVariants, now: Instant): Notification {
  if (!hasConsultationWindow(letter)) {
    return NOT_NOTIFIED;
  }
  const end = windowEnd(letter.availableAt);
  if (openedInTime(letter, end)) {
    return { notificationDate: parisDate(letter.firstOpenedAt), notifiedBy: 'consultation' };
  }
  if (!isBefore(now, end) || letter.firstOpenedAt !== null) {
    return { notificationDate: deemedNotificationDate(letter.availableAt, rules), notifiedBy: 'deemed' };
  }
  return NOT_NOTIFIED;
}

/**
 * R5: by default the availability date (the office's rule). The `windowEnd` variant follows the
 * texts that deem notification "at the end of the 15 days"; `windowEnd` itself is 00:00 on the day
 * after the last day, which could be read as that next day, but the conservative reading (never
 * later than the law could mean) is the last day of the window, the consultation deadline.
 */
function deemedNotificationDate(availableAt: Instant, rules: RuleVariants): ParisDate {
  return rules.deemedNotificationDate === 'windowEnd' ? consultationDeadline(availableAt) : parisDate(availableAt);
}
