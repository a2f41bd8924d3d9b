/**
 * Every failure the use cases and adapters report, as one class each. Adapters translate SDK
 * exceptions into these (a use case never sees an AWS error); `shared/http` maps them to docs/api.md's
 * error shape and statuses in one place.
 */

/** Base class: `code` is docs/api.md's snake_case error code. */
export abstract class AppError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A request field is missing or malformed; `fields` maps each bad path to what is wrong. */
export class ValidationError extends AppError {
  readonly code: string;
  constructor(
    readonly fields: Readonly<Record<string, string>>,
    code = 'invalid_request',
    message = 'The request is not valid.',
  ) {
    super(message);
    this.code = code;
  }
}

/** Why a legal-aid date is refused (R9): each has its own message on the pages. */
export type LegalAidDateProblem = 'invalid' | 'future' | 'beforeNotification' | 'beforeRequest' | 'alreadyRecorded';

/** A legal-aid date the rules refuse: a ValidationError (same API answer) that also says why, per field. */
export class LegalAidDateError extends ValidationError {
  constructor(
    fields: Readonly<Record<string, string>>,
    readonly problems: Readonly<Record<string, { readonly problem: LegalAidDateProblem; readonly date?: string }>>,
  ) {
    super(fields);
  }
}

/** The password does not meet the policy; `unmetRules` names each unmet rule. */
export class InvalidPasswordError extends AppError {
  readonly code = 'invalid_password';
  constructor(readonly unmetRules: readonly string[]) {
    super('The password does not meet the policy.');
  }
}

/**
 * Wrong identifier, password, key or code — deliberately the same for unknown accounts, down to
 * `attemptsLeft` (how many more failures before the lockout), which counts the same way for both.
 */
export class InvalidCredentialsError extends AppError {
  readonly code = 'invalid_credentials';
  constructor(readonly attemptsLeft?: number) {
    super('The identifier or the secret is not correct.');
  }
}

/** Too many failures for this applicant: locked until `retryAfterSeconds` have passed. */
export class TooManyAttemptsError extends AppError {
  readonly code = 'too_many_attempts';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many attempts. Try again later.');
  }
}

/** Activation of a space that is already active. */
export class AlreadyActiveError extends AppError {
  readonly code = 'already_active';
  constructor() {
    super('This space is already active.');
  }
}

/** The thing does not exist, or belongs to someone else (never say which). */
export class NotFoundError extends AppError {
  readonly code = 'not_found';
  constructor(what = 'resource') {
    super(`The ${what} was not found.`);
  }
}

/** docs/api.md "Helpers": no live grant code matches what the applicant typed (404). */
export class UnknownGrantCodeError extends AppError {
  readonly code = 'unknown_grant_code';
  constructor() {
    super('No helper has this code, or it has expired.');
  }
}

/** No valid session. */
export class UnauthenticatedError extends AppError {
  readonly code = 'unauthenticated';
  constructor() {
    super('You need to log in.');
  }
}

/** Authenticated, but not allowed here. */
export class ForbiddenError extends AppError {
  readonly code: string;
  constructor(code = 'forbidden', message = 'This action is not allowed.') {
    super(message);
    this.code = code;
  }
}

/** An applicant with this AGDREF or office file number already exists. */
export class AlreadyExistsError extends AppError {
  readonly code = 'already_exists';
  constructor(what = 'applicant') {
    super(`This ${what} already exists.`);
  }
}

/** The same office document id was deposited with other content or for another applicant. */
export class ConflictingRedepositError extends AppError {
  readonly code = 'conflicting_redeposit';
  constructor() {
    super('This document id was already used for another content or applicant.');
  }
}

/** A legal-aid request on a document that cannot be appealed (R7/R9). */
export class NotAppealableError extends AppError {
  readonly code = 'not_appealable';
  constructor() {
    super('This document cannot be appealed.');
  }
}

/** The uploaded content is not a PDF or is too large. */
export class InvalidDocumentContentError extends AppError {
  readonly code = 'invalid_content';
  constructor(reason: string) {
    super(reason);
  }
}

/** docs/api.md: a PDF carrying active content (scripts, launch actions, attachments, media) is refused. */
export class UnsafePdfError extends AppError {
  readonly code = 'unsafe_pdf';
  constructor(readonly names: readonly string[]) {
    super(`The PDF carries active content (${names.join(', ')}), which is not accepted.`);
  }
}

// ---- Store-level failures (adapters raise them; use cases handle or pass them on) ----

/** A conditional create found the item already there. */
export class ItemAlreadyExistsError extends AppError {
  readonly code = 'item_already_exists';
  constructor(key: string, options?: { cause?: unknown }) {
    super(`Item already exists: ${key}`, options);
  }
}

/** An optimistic update lost a race: the item changed since it was read. Re-read and retry. */
export class ConcurrentUpdateError extends AppError {
  readonly code = 'concurrent_update';
  constructor(key: string, options?: { cause?: unknown }) {
    super(`Item changed concurrently: ${key}`, options);
  }
}

/** The store refused the call for capacity (throttling); safe to retry with backoff. */
export class StoreThrottledError extends AppError {
  readonly code = 'store_throttled';
  constructor(options?: { cause?: unknown }) {
    super('The store is throttling requests.', options);
  }
}

/** The scheduler refused a schedule's creation or deletion for rate (over its quota); the call had no effect, safe to retry later. */
export class SchedulerThrottledError extends AppError {
  readonly code = 'scheduler_throttled';
  constructor(options?: { cause?: unknown }) {
    super('The scheduler is throttling requests.', options);
  }
}

/** The alert queue refused or could not be reached: the caller's work is not done (a deposit is repeated, a message redelivered). */
export class AlertQueueUnavailableError extends AppError {
  readonly code = 'alert_queue_unavailable';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The alert queue ${detail}.`, options);
  }
}

/**
 * A dependency cannot serve the request now: the store is unreachable or still throttling after
 * the SDK's retries, or the password hashers are saturated. docs/api.md: 503 `service_unavailable`
 * with Retry-After, never 500.
 */
export class ServiceUnavailableError extends AppError {
  readonly code = 'service_unavailable';
  constructor(
    readonly what: 'store' | 'hashing',
    options?: { cause?: unknown },
  ) {
    super(`The ${what} is unavailable for now.`, options);
  }
}
