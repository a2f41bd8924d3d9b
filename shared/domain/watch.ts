/**
 * What a helper (docs/api.md "Helpers") watches for one applicant: the soonest deadline still ahead
 * among the applicant's letters and how long the oldest unread letter has left (R6–R9, computed
 * by deadlines.ts; nothing here decides a date, it only picks among them).
 */
import { compareDates } from './calendar.ts';
import type { LegalAid, ParisDate } from './types.ts';

/** `consultation`: the last day to open a letter before it counts as received (R3/R5); `appeal` (R7/R9); `legalAid` (R8). */
export type DeadlineKind = 'consultation' | 'appeal' | 'legalAid';

export interface UpcomingDeadline {
  readonly date: ParisDate;
  readonly kind: DeadlineKind;
}

/** The part of a letter's computed deadlines (deadlinesOf) this needs. */
export interface WatchedLetter {
  readonly availableAt: string;
  readonly status: 'unread' | 'read';
  readonly consultationDeadline: ParisDate | null;
  readonly daysLeft: number | null;
  readonly appealDeadline?: ParisDate | null;
  readonly legalAidDeadline?: ParisDate | null;
  readonly legalAid?: LegalAid;
}

/** A letter's deadlines that are still ahead (on or after `today`), soonest first. */
export function upcomingDeadlines(letter: WatchedLetter, today: ParisDate): UpcomingDeadline[] {
  const found: UpcomingDeadline[] = [];
  // R6: daysLeft is set only while an unread notifiable letter can still be consulted in time.
  if (letter.daysLeft !== null && letter.consultationDeadline !== null) found.push({ date: letter.consultationDeadline, kind: 'consultation' });
  // R8: once legal aid is requested, its deadline no longer matters.
  if (letter.legalAidDeadline != null && letter.legalAid === undefined) found.push({ date: letter.legalAidDeadline, kind: 'legalAid' });
  if (letter.appealDeadline != null) found.push({ date: letter.appealDeadline, kind: 'appeal' });
  return found.filter((deadline) => compareDates(deadline.date, today) >= 0).sort(byDate);
}

function byDate(a: UpcomingDeadline, b: UpcomingDeadline): number {
  return compareDates(a.date, b.date);
}

export interface ApplicantWatch {
  readonly unreadCount: number;
  readonly nextDeadline: UpcomingDeadline | null;
  /** R6 days left of the oldest unread letter that still has a consultation window open, or null. */
  readonly oldestUnreadDaysLeft: number | null;
}

/** The summary of one applicant's letters for the helper's list. */
export function watchOf(letters: readonly WatchedLetter[], today: ParisDate): ApplicantWatch {
  const unread = letters.filter((letter) => letter.status === 'unread');
  const deadlines = letters.flatMap((letter) => upcomingDeadlines(letter, today)).sort(byDate);
  const oldestOpen = unread
    .filter((letter) => letter.daysLeft !== null)
    .sort((a, b) => (a.availableAt < b.availableAt ? -1 : a.availableAt > b.availableAt ? 1 : 0))[0];
  return { unreadCount: unread.length, nextDeadline: deadlines[0] ?? null, oldestUnreadDaysLeft: oldestOpen?.daysLeft ?? null };
}

/** Soonest next deadline first; applicants with none last (stable otherwise). */
export function bySoonestDeadline(a: Pick<ApplicantWatch, 'nextDeadline'>, b: Pick<ApplicantWatch, 'nextDeadline'>): number {
  if (a.nextDeadline === null || b.nextDeadline === null) return (a.nextDeadline === null ? 1 : 0) - (b.nextDeadline === null ? 1 : 0);
  return compareDates(a.nextDeadline.date, b.nextDeadline.date);
}

/** docs/api.md "Helpers": an unread letter with this many days left or fewer is urgent (shown in red). */
export const URGENT_DAYS_LEFT = 5;

/** Whether an applicant has an unread letter with ≤ {@link URGENT_DAYS_LEFT} days left before it counts as received (R6). */
export function isUrgent(watch: Pick<ApplicantWatch, 'oldestUnreadDaysLeft'>): boolean {
  return watch.oldestUnreadDaysLeft !== null && watch.oldestUnreadDaysLeft <= URGENT_DAYS_LEFT;
}
