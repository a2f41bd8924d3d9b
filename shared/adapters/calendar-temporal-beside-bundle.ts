/**
 * `#calendar-temporal` inside a Lambda bundle (esbuild condition `lambda`, see package.json
 * `imports` and infra/bundling.ts): the Temporal polyfill (~54 KB minified, a tenth of the
 * applicant-facing bundle) is not part of `index.mjs`. shared/domain/calendar-temporal.ts, with
 * the polyfill inside, is built beside it as `calendar-temporal.cjs` and loaded the first time a
 * Paris date is computed that shared/domain/calendar.ts has not remembered yet; requests that
 * need no date (log-in, session checks, static pages, errors) never load it. Each function here
 * has the type of the one it stands for (test/unit/domain/calendar-temporal-beside-bundle.test.ts
 * checks that none is missing).
 */
import type * as Calendar from '../domain/calendar-temporal.ts';
import { besideBundle } from '../beside-bundle.ts';

const calendar = besideBundle<typeof Calendar>('./calendar-temporal.cjs');

export const PARIS_TIME_ZONE: typeof Calendar.PARIS_TIME_ZONE = 'Europe/Paris';
export const plainDate: typeof Calendar.plainDate = (date) => calendar().plainDate(date);
export const parisDate: typeof Calendar.parisDate = (instant) => calendar().parisDate(instant);
export const startOfParisDay: typeof Calendar.startOfParisDay = (date) => calendar().startOfParisDay(date);
export const parisInstant: typeof Calendar.parisInstant = (date, hhmm) => calendar().parisInstant(date, hhmm);
export const toInstant: typeof Calendar.toInstant = (iso) => calendar().toInstant(iso);
export const compareInstants: typeof Calendar.compareInstants = (a, b) => calendar().compareInstants(a, b);
export const compareDates: typeof Calendar.compareDates = (a, b) => calendar().compareDates(a, b);
export const addDays: typeof Calendar.addDays = (date, n) => calendar().addDays(date, n);
export const addMonthsClamped: typeof Calendar.addMonthsClamped = (date, n) => calendar().addMonthsClamped(date, n);
export const daysBetween: typeof Calendar.daysBetween = (from, to) => calendar().daysBetween(from, to);
export const dateOf: typeof Calendar.dateOf = (year, month, day) => calendar().dateOf(year, month, day);
export const dateOfEpochDay: typeof Calendar.dateOfEpochDay = (epochDay) => calendar().dateOfEpochDay(epochDay);
export const dateFields: typeof Calendar.dateFields = (date) => calendar().dateFields(date);
export const parisOffsetSpan: typeof Calendar.parisOffsetSpan = (epochMs) => calendar().parisOffsetSpan(epochMs);
export const parisOffsetMs: typeof Calendar.parisOffsetMs = (epochMs) => calendar().parisOffsetMs(epochMs);
