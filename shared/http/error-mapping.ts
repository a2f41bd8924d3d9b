/**
 * The one place where errors become HTTP statuses and docs/api.md's error shape
 * `{"error": {"code", "message", "fields"?}}`. Anything not listed is a 500 with a generic
 * message: a 5xx never carries a stack, an internal message or a store key.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  AlertQueueUnavailableError,
  AlreadyActiveError,
  AlreadyExistsError,
  ConflictingRedepositError,
  ForbiddenError,
  InvalidCredentialsError,
  InvalidDocumentContentError,
  InvalidPasswordError,
  NotAppealableError,
  NotFoundError,
  ServiceUnavailableError,
  StoreThrottledError,
  TooManyAttemptsError,
  UnauthenticatedError,
  UnknownGrantCodeError,
  UnsafePdfError,
  ValidationError,
} from '../errors.ts';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './http-errors.ts';
import { RateLimitedError } from './rate-limit.ts';
import { catalogueFor } from './i18n/index.ts';

export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly fields?: Readonly<Record<string, string>>;
  };
}

export interface MappedError {
  readonly status: ContentfulStatusCode;
  readonly body: ApiErrorBody;
  readonly headers: Readonly<Record<string, string>>;
}

/** How long a client should wait after the store throttled us. */
const THROTTLED_RETRY_AFTER_SECONDS = 2;
/** How long a client should wait when the store is unreachable (or the hashers saturated). */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const GENERIC_FAILURE: ApiErrorBody = {
  error: { code: 'internal_error', message: 'Something went wrong on our side. Try again later.' },
};

function body(code: string, message: string, fields?: Readonly<Record<string, string>>): ApiErrorBody {
  return { error: fields === undefined ? { code, message } : { code, message, fields } };
}

/** The API's messages are in English (docs/api.md); the catalogue is loaded on the first weak password. */
const english = () => catalogueFor('en');

function isPasswordRule(rule: string): rule is keyof ReturnType<typeof english>['passwordRules'] {
  return Object.hasOwn(english().passwordRules, rule);
}

/**
 * docs/api.md: 400 `invalid_password` "with each unmet policy rule". `fields` names the body field
 * that holds the password and, under each rule's name, what that rule asks for.
 */
function passwordFields(error: InvalidPasswordError, passwordField: string): Record<string, string> {
  const fields: Record<string, string> = {
    [passwordField]: `The password does not meet the policy: ${error.unmetRules.join(', ')}.`,
  };
  for (const rule of error.unmetRules) {
    fields[rule] = isPasswordRule(rule) ? `The password needs ${english().passwordRules[rule]}.` : 'Unmet rule.';
  }
  return fields;
}

/** Maps any thrown value to a status, an error body and extra headers. */
export function mapError(error: unknown, passwordField = 'password'): MappedError {
  const plain = (status: ContentfulStatusCode, payload: ApiErrorBody, headers: Record<string, string> = {}) => ({
    status,
    body: payload,
    headers,
  });
  if (error instanceof InvalidPasswordError) {
    return plain(400, body(error.code, error.message, passwordFields(error, passwordField)));
  }
  if (error instanceof ValidationError) return plain(400, body(error.code, error.message, error.fields));
  if (error instanceof InvalidDocumentContentError || error instanceof UnsafePdfError) return plain(400, body(error.code, error.message));
  if (error instanceof MalformedJsonError) return plain(400, body(error.code, error.message));
  if (error instanceof InvalidCredentialsError) return plain(401, body(error.code, error.message));
  if (error instanceof UnauthenticatedError) return plain(401, body(error.code, error.message));
  if (error instanceof ForbiddenError) return plain(403, body(error.code, error.message));
  if (error instanceof NotFoundError || error instanceof UnknownGrantCodeError) return plain(404, body(error.code, error.message));
  if (
    error instanceof AlreadyActiveError ||
    error instanceof AlreadyExistsError ||
    error instanceof ConflictingRedepositError ||
    error instanceof NotAppealableError
  ) {
    return plain(409, body(error.code, error.message));
  }
  if (error instanceof PayloadTooLargeError) return plain(413, body(error.code, error.message));
  if (error instanceof UnsupportedMediaTypeError) return plain(415, body(error.code, error.message));
  if (error instanceof TooManyAttemptsError || error instanceof RateLimitedError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterSeconds));
    return plain(429, body(error.code, error.message), { 'Retry-After': String(seconds) });
  }
  // The alert queue unreachable (a reset-code request, a deposit's alerts not handed on): nothing was done, ask again.
  if (error instanceof StoreThrottledError || error instanceof ServiceUnavailableError || error instanceof AlertQueueUnavailableError) {
    const seconds = error instanceof StoreThrottledError ? THROTTLED_RETRY_AFTER_SECONDS : UNAVAILABLE_RETRY_AFTER_SECONDS;
    return plain(503, body('service_unavailable', 'The service is unavailable for a moment. Try again shortly.'), {
      'Retry-After': String(seconds),
    });
  }
  if (error instanceof HTTPException) return fromHonoException(error);
  return plain(500, GENERIC_FAILURE);
}

/** Hono's own validators and middleware throw HTTPException (e.g. a media-type gate, broken JSON). */
function fromHonoException(error: HTTPException): MappedError {
  switch (error.status) {
    case 400:
      return { status: 400, body: body('invalid_json', 'The request body is not valid JSON.'), headers: {} };
    case 413:
      return { status: 413, body: body('payload_too_large', 'The request body is too large.'), headers: {} };
    case 415:
      return {
        status: 415,
        body: body('unsupported_media_type', 'The request body must be application/json.'),
        headers: {},
      };
    default:
      return error.status >= 500
        ? { status: 500, body: GENERIC_FAILURE, headers: {} }
        : { status: 400, body: body('invalid_request', 'The request is not valid.'), headers: {} };
  }
}
