/**
 * Expectations per document (docs/timelines.md): each field given is compared with what the product
 * shows at the end of the run — dates through toDocumentView, message counts from what the
 * provider accepted. A field left out is not checked.
 */
import type { Expectation } from './schema.ts';

export const EXPECTED_FIELDS = [
  'notificationDate',
  'notifiedBy',
  'consultationDeadline',
  'firstOpenedAt',
  'appealDeadline',
  'legalAidDeadline',
  'sms',
  'email',
  'evidence',
] as const;
export type ExpectedField = (typeof EXPECTED_FIELDS)[number];

export type Checked = string | number | null;

/** The checked values of one document at the end of a run (`evidence` as its steps joined by `, `). */
export type ActualValues = Readonly<Record<ExpectedField, Checked>>;

export interface Failure {
  readonly applicant: string;
  readonly doc: string;
  readonly field: string;
  readonly expected: Checked;
  readonly actual: Checked;
  /** Why, when it is not a plain expectation (e.g. a fault changed a date). */
  readonly note?: string;
}

export interface CheckOutcome {
  readonly passed: number;
  readonly failures: Failure[];
}

/** Instants compare as instants (`…+02:00` equals `…Z` of the same moment); the rest as values. */
function same(field: ExpectedField, expected: Checked, actual: Checked): boolean {
  if (field === 'firstOpenedAt' && typeof expected === 'string' && typeof actual === 'string') {
    return Date.parse(expected) === Date.parse(actual);
  }
  return expected === actual;
}

/** `actual` undefined: the document does not exist at the end of the run (its deposit was refused). */
export function checkExpectation(applicant: string, expectation: Expectation, actual: ActualValues | undefined): CheckOutcome {
  let passed = 0;
  const failures: Failure[] = [];
  for (const field of EXPECTED_FIELDS) {
    const given = expectation[field];
    if (given === undefined) continue;
    const expected: Checked = Array.isArray(given) ? given.join(', ') : given;
    const value = actual === undefined ? '(no such document)' : actual[field];
    if (actual !== undefined && same(field, expected, value)) passed += 1;
    else failures.push({ applicant, doc: expectation.doc, field, expected, actual: value });
  }
  return { passed, failures };
}

/** One line per failure: file, applicant, document, field, expected, actual. */
export function formatFailure(file: string, failure: Failure): string {
  const show = (v: Checked): string => (v === null ? 'null' : String(v));
  return `${file}: applicant ${failure.applicant}, document ${failure.doc}, ${failure.field}: expected ${show(failure.expected)}, actual ${show(failure.actual)}${failure.note === undefined ? '' : ` (${failure.note})`}`;
}
