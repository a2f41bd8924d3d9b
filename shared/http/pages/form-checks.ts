/**
 * Reading and checking a posted form. The shapes come from the API's schemas (schemas.ts): a
 * field's length limit and format are the same as for the JSON request that does the same thing;
 * the pages add only what a person needs: which field is empty, too long or wrong, in their language.
 */
import type { Context } from 'hono';
import { normalizeIdentifier } from '../../domain/identity.ts';
import { unsafeCharacter, unsafeCharacterMessage } from '../../domain/text.ts';
import { AlreadyActiveError, InvalidCredentialsError, InvalidPasswordError, TooManyAttemptsError, ValidationError } from '../../errors.ts';
import { LOCKOUT_DURATION_MS } from '../../use-cases/lockout.ts';
import { UnsupportedMediaTypeError } from '../http-errors.ts';
import type { Catalogue } from '../i18n/index.ts';
import { MAX_LENGTH } from '../schemas.ts';
import type { FieldErrors } from './layout.tsx';

export type Form = Readonly<Record<string, string>>;
export type Status = 200 | 400 | 401 | 404 | 409 | 429;

/** The posted form's text fields; anything but a form is 415. */
export async function readForm(c: Context): Promise<Form> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') {
    throw new UnsupportedMediaTypeError('a form (application/x-www-form-urlencoded)');
  }
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  const unsafe = new Map<string, string>();
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string') continue;
    const codePoint = unsafeCharacter(value);
    if (codePoint !== null) unsafe.set(key, unsafeCharacterMessage(codePoint));
    form[key] = value;
  }
  // docs/api.md text hygiene: refused, never echoed into a page.
  if (unsafe.size > 0) throw new ValidationError(Object.fromEntries(unsafe));
  return form;
}

export function requiredFields(t: Catalogue, form: Form, fields: Readonly<Record<string, string>>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [name, id] of Object.entries(fields)) if ((form[name] ?? '').trim() === '') errors[id] = [t.required];
  return errors;
}

/** `errors` with "required" added for each empty field that has no other error yet. */
export function withRequired(t: Catalogue, form: Form, errors: Record<string, string[]>, fields: Readonly<Record<string, string>>): Record<string, string[]> {
  for (const [id, messages] of Object.entries(requiredFields(t, form, fields))) errors[id] ??= messages;
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

export function mismatch(t: Catalogue, form: Form, id: string): Record<string, string[]> {
  return (form.confirmPassword ?? '') === (form.newPassword ?? form.password ?? '') ? {} : { [id]: [t.errPasswordMismatch] };
}

/**
 * AGDREF and office file numbers are digits, in whatever script the phone types them (docs/api.md
 * "Text and identifiers"): spaces, dots and dashes typed between them are dropped.
 */
export function identifierFrom(form: Form, name = 'identifier'): string {
  return normalizeIdentifier(form[name] ?? '');
}

/** Fields the API has no length limit for (it checks their format): a code, a date. */
const SHORT_FIELD = 32;

/**
 * The longest value each posted field may hold (characters, as typed); beyond it the field is named
 * as too long, never a generic error. The API's limits, and the identifier's for the AGDREF field.
 */
const FIELD_LIMITS: Readonly<Record<string, number>> = {
  identifier: MAX_LENGTH.identifier,
  agdref: MAX_LENGTH.identifier,
  connectionKey: MAX_LENGTH.connectionKey,
  password: MAX_LENGTH.password,
  currentPassword: MAX_LENGTH.password,
  newPassword: MAX_LENGTH.password,
  confirmPassword: MAX_LENGTH.password,
  code: SHORT_FIELD,
  phone: MAX_LENGTH.phone,
  email: MAX_LENGTH.email,
  requestedOn: SHORT_FIELD,
  decisionNotifiedOn: SHORT_FIELD,
};

/** "Field X is too long" for each posted field over its limit; `fields` maps a field's name to its input id and label. */
export function tooLongErrors(t: Catalogue, form: Form, fields: Readonly<Record<string, readonly [id: string, label: string]>>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [name, [id, label]] of Object.entries(fields)) {
    const max = FIELD_LIMITS[name] ?? MAX_LENGTH.password;
    if ([...(form[name] ?? '')].length > max) errors[id] = [t.errTooLong(label, max)];
  }
  return errors;
}

function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** After a wrong secret: how many attempts are left before the lockout, or that it has begun (the same for unknown identifiers). */
function attemptsLeftMessage(t: Catalogue, error: InvalidCredentialsError): string[] {
  if (error.attemptsLeft === undefined) return [];
  return [error.attemptsLeft === 0 ? t.errTooManyAttempts(minutes(LOCKOUT_DURATION_MS / 1000)) : t.attemptsLeft(error.attemptsLeft)];
}

/**
 * The errors an authentication form shows for the failures the use cases report; anything else
 * is rethrown to the app's error handler.
 */
export function credentialErrors(
  c: Context,
  t: Catalogue,
  error: unknown,
  ids: { readonly identifier: string; readonly password: string; readonly wrong: string },
): { errors: FieldErrors; status: Status } {
  if (error instanceof TooManyAttemptsError) {
    c.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    return { errors: { [ids.identifier]: [t.errTooManyAttempts(minutes(error.retryAfterSeconds))] }, status: 429 };
  }
  if (error instanceof InvalidPasswordError) {
    const rules = error.unmetRules.map((rule) =>
      Object.hasOwn(t.passwordRules, rule) ? t.passwordRules[rule as keyof Catalogue['passwordRules']] : rule,
    );
    return { errors: { [ids.password]: [t.errPasswordPolicy, ...rules.map((rule) => `• ${rule}`)] }, status: 400 };
  }
  if (error instanceof InvalidCredentialsError) return { errors: { [ids.identifier]: [ids.wrong, ...attemptsLeftMessage(t, error)] }, status: 401 };
  if (error instanceof AlreadyActiveError) return { errors: { [ids.identifier]: [t.errAlreadyActive] }, status: 409 };
  if (error instanceof ValidationError) return { errors: { [ids.identifier]: [t.errIdentifier] }, status: 400 };
  throw error;
}
