/**
 * Turns zod's issues into docs/api.md's ValidationError: `fields` names each bad field by its path
 * (`"agdref"`, `"legalAid.requestedOn"`), an unknown field is named too. Some single-field
 * failures have their own code in docs/api.md (`invalid_phone`, `invalid_email`, `unsupported_language`).
 */
import type * as z from 'zod/mini';
import { safeParse } from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import { unsafeCharacter, unsafeCharacterMessage } from '../domain/text.ts';
import { ValidationError } from '../errors.ts';

/** docs/api.md codes for a request whose first bad field is one of these. */
const FIELD_CODES: Readonly<Record<string, string>> = {
  phone: 'invalid_phone',
  email: 'invalid_email',
  language: 'unsupported_language',
};

const FIELD_CODE_MESSAGES: Readonly<Record<string, string>> = {
  invalid_phone: 'Only a French mobile number: 06xxxxxxxx or 07xxxxxxxx (spaces and dots allowed), or +336…/+337….',
  invalid_email: 'The e-mail address is not valid.',
  unsupported_language: 'This language is not supported.',
};

/**
 * zod/mini loads no locale (messages would all be "Invalid input"); the API answers with zod's
 * English messages ("Invalid option: expected one of …"), given per parse rather than through the
 * global `z.config` so that nothing else sharing zod's core (the configuration) is affected.
 */
const ENGLISH_MESSAGES = english().localeError;

/** The body as a whole (not an object, for example) is reported under this name. */
export const WHOLE_BODY = 'body';

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? WHOLE_BODY : path.map(String).join('.');
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required.';
  if (issue.code === 'invalid_type' && issue.path.length === 0) return 'The body must be a JSON object.';
  return issue.message;
}

/** One ValidationError naming every bad field of a failed zod parse. */
export function validationErrorFrom(error: { readonly issues: readonly z.core.$ZodIssue[] }): ValidationError {
  // A Map, not an object: a field named `__proto__`, `constructor` or `toString` is just a name.
  const fields = new Map<string, string>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields.set(pathOf([...issue.path, key]), 'Unknown field.');
      continue;
    }
    const path = pathOf(issue.path);
    if (!fields.has(path)) fields.set(path, describe(issue));
  }
  // Object.fromEntries defines own properties, `__proto__` included (an assignment would not).
  const named = Object.fromEntries(fields);
  const [first] = fields.keys();
  const code = first !== undefined && Object.hasOwn(FIELD_CODES, first) ? FIELD_CODES[first] : undefined;
  if (code !== undefined) return new ValidationError(named, code, FIELD_CODE_MESSAGES[code]);
  return new ValidationError(named);
}

/**
 * Every string in `value` (at any depth, object keys aside) that holds a control or bidi character,
 * by path: docs/api.md refuses them in every identifier and free-text field.
 */
function unsafeStrings(value: unknown, path: readonly PropertyKey[], found: Map<string, string>): void {
  if (typeof value === 'string') {
    const codePoint = unsafeCharacter(value);
    if (codePoint !== null) found.set(pathOf(path), unsafeCharacterMessage(codePoint));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unsafeStrings(item, [...path, index], found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) unsafeStrings(item, [...path, key], found);
  }
}

/**
 * The parsed value (trimmed where the schema trims), or a ValidationError naming every bad field —
 * first of all any field carrying a control or bidi character, whatever the schema says.
 */
export function validate<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const unsafe = new Map<string, string>();
  unsafeStrings(value, [], unsafe);
  if (unsafe.size > 0) throw new ValidationError(Object.fromEntries(unsafe));
  const result = safeParse(schema, value, { error: ENGLISH_MESSAGES });
  if (!result.success) throw validationErrorFrom(result.error);
  return result.data;
}
