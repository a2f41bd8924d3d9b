/**
 * The rulebook's defaults (docs/rules.md). A timeline or a deployment may override a variant; the
 * defaults are the conservative readings.
 */
import type { RuleVariants } from './types.ts';

/** R5 deemed on the availability date, R8 legal-aid deadline not extended, R11 reminders on days 7 and 14. */
export const DEFAULT_RULES: RuleVariants = Object.freeze({
  deemedNotificationDate: 'availability',
  legalAidHolidayExtension: false,
  reminderDays: Object.freeze([7, 14]),
});
