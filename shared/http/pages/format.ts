/** Display helpers for the pages: dates as DD/MM/YYYY in Paris (R6), phone numbers as typed in France. */
import { formatDisplayDate, parisDate } from '../../domain/calendar.ts';
import type { Instant, ParisDate } from '../../domain/types.ts';

export function showDate(date: ParisDate): string {
  return formatDisplayDate(date);
}

/** The Paris calendar date of an instant (never sliced from the UTC string). */
export function showInstantDate(instant: Instant): string {
  return formatDisplayDate(parisDate(instant));
}

/** `+33612345678` → `06 12 34 56 78`, the form the guide asks for; anything else unchanged. */
export function showFrenchMobile(e164: string): string {
  const match = /^\+33([67])([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})$/.exec(e164);
  return match ? `0${match.slice(1).join(' ')}` : e164;
}
