/**
 * What the applicant is shown per letter (R6) and the deadlines that run from a decision's
 * notification: the CNDA appeal (R7), legal aid (R8) and the suspension of the appeal by a
 * legal-aid request (R9). The one definition of these dates: API, pages, scheduler and simulator
 * all call these functions.
 */
import { addDays, addMonthsClamped, compareDates, daysBetween, nextWorkingDayOnOrAfter, parisDate } from './calendar.ts';
import { isAppealable } from './documents.ts';
import { type Notification, consultationDeadline, hasConsultationWindow, notificationOf, windowEnd } from './lifecycle.ts';
import type { Instant, LegalAid, LetterDeadlines, LetterFacts, ParisDate, RuleVariants } from './types.ts';

/** R8: legal aid must be requested within 15 days of the decision's notification. */
export const LEGAL_AID_DAYS = 15;

/**
 * R6: calendar days left to consult an unread notifiable letter, `consultationDeadline − today + 1`
 * with today in Paris: 16 on the day of availability, 1 on the last day. Null once notified, and for
 * letters without a consultation window (non-notifiable, postal).
 */
export function daysLeft(letter: LetterFacts, rules: RuleVariants, now: Instant): number | null {
  return hasConsultationWindow(letter) ? daysLeftOf(letter, notificationOf(letter, rules, now), now) : null;
}

/** daysLeft of a letter with a consultation window, once its notification is known. */
function daysLeftOf(letter: LetterFacts, notification: Notification, now: Instant): number | null {
  if (notification.notificationDate !== null) {
    return null;
  }
  return daysBetween(parisDate(now), consultationDeadline(letter.availableAt)) + 1;
}

/**
 * R8: `notificationDate + 15 days`. Whether a weekend or holiday extends it is unclear, so by
 * default it is not extended (conservative); the `legalAidHolidayExtension` variant moves it to the
 * next working day like R7.
 */
export function legalAidDeadline(notificationDate: ParisDate, rules: RuleVariants): ParisDate {
  const nominal = addDays(notificationDate, LEGAL_AID_DAYS);
  return rules.legalAidHolidayExtension ? nextWorkingDayOnOrAfter(nominal) : nominal;
}

/**
 * R7 + R9: the last day to appeal to the CNDA, or null while a suspending legal-aid request is
 * pending. Callers check appealability (R7) first.
 *
 * R7: one month *de quantième à quantième* from `appealStart = notificationDate + 1` (clamped to the
 * month's last day), then moved past Saturdays, Sundays and public holidays (R10).
 * R9: a request on Q ≤ legalAidDeadline suspends the period; the days left are counted from the
 * nominal expiry before any extension; the period resumes the day after the legal-aid decision's
 * notification N, and R7's extension applies to the new expiry.
 *
 * @throws RangeError if the legal-aid decision is notified before the request was made.
 * @example appealDeadline('2019-06-04', { requestedOn: '2019-06-17', decisionNotifiedOn: '2019-08-06' }, DEFAULT_RULES) // '2019-08-26'
 */
export function appealDeadline(notificationDate: ParisDate, legalAid: LegalAid | null, rules: RuleVariants): ParisDate | null {
  const appealStart = addDays(notificationDate, 1);
  const nominalExpiry = addMonthsClamped(appealStart, 1);
  if (legalAid === null || !suspends(legalAid.requestedOn, notificationDate, rules)) {
    return nextWorkingDayOnOrAfter(nominalExpiry);
  }
  if (legalAid.decisionNotifiedOn === null) {
    return null;
  }
  if (compareDates(legalAid.decisionNotifiedOn, legalAid.requestedOn) < 0) {
    throw new RangeError(
      `The legal-aid decision (${legalAid.decisionNotifiedOn}) cannot be notified before the request (${legalAid.requestedOn}).`,
    );
  }
  // A request made before the period started (on the notification day itself) has used no day;
  // counting a negative number would show a later date than the law allows.
  const daysUsed = Math.max(0, daysBetween(appealStart, legalAid.requestedOn));
  const daysRemaining = daysBetween(appealStart, nominalExpiry) - daysUsed;
  const resumesOn = addDays(legalAid.decisionNotifiedOn, 1);
  return nextWorkingDayOnOrAfter(addDays(resumesOn, daysRemaining));
}

/** R9: only a request made on or before the legal-aid deadline suspends the appeal period. */
function suspends(requestedOn: ParisDate, notificationDate: ParisDate, rules: RuleVariants): boolean {
  return compareDates(requestedOn, legalAidDeadline(notificationDate, rules)) <= 0;
}

/**
 * Everything R3–R9 compute for one letter at `now`, as docs/api.md's Document shows it. Postal letters
 * (paper derogation) have no 15-day rule here: no window, no notification date, no days left, and
 * `notifiable` is false. `appealDeadline` and `legalAidDeadline` are present for decisions only:
 * null until notified, and for outcomes that cannot be appealed.
 */
export function deadlinesOf(letter: LetterFacts, rules: RuleVariants, now: Instant): LetterDeadlines {
  const windowed = hasConsultationWindow(letter);
  const notification = notificationOf(letter, rules, now);
  const { notificationDate, notifiedBy } = notification;
  const shown: LetterDeadlines = {
    status: letter.firstOpenedAt === null ? 'unread' : 'read',
    notifiable: windowed,
    consultationDeadline: windowed ? consultationDeadline(letter.availableAt) : null,
    windowEnd: windowed ? windowEnd(letter.availableAt) : null,
    notificationDate,
    notifiedBy,
    // The notification just computed, not a second time (daysLeft's own path).
    daysLeft: windowed ? daysLeftOf(letter, notification, now) : null,
  };
  if (letter.type !== 'decision') {
    return shown;
  }
  if (notificationDate === null || !isAppealable(letter.outcome)) {
    return { ...shown, appealDeadline: null, legalAidDeadline: null };
  }
  return {
    ...shown,
    appealDeadline: appealDeadline(notificationDate, letter.legalAid, rules),
    legalAidDeadline: legalAidDeadline(notificationDate, rules),
  };
}
