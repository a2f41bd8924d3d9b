/**
 * How both alert providers' refusals map onto the Notifier port's SendResult (R11): SNS for SMS
 * and SES for e-mail raise AWS SDK errors of the same shape, so one reading serves both. The
 * throttling test (`isThrottled`) serves EventBridge Scheduler too.
 */
import type { SendResult } from '../../ports.ts';

/**
 * The provider asked us to slow down (over the account's quota): "later", never a failed attempt
 * (docs/alerts.md). By the name the SDK gives the error: SNS's `Throttled` (HTTP 429) is
 * `ThrottledException`, its account-wide `Throttling` (HTTP 400, not in SNS's model) keeps its code
 * as name, as do SES's `Throttling` and `MaxSendingRateExceeded` ("Maximum sending rate exceeded",
 * HTTP 400); SES v2 also answers `TooManyRequestsException` (429) and `LimitExceededException` (400).
 */
const THROTTLING = new Set([
  'ThrottledException',
  'Throttled',
  'Throttling',
  'ThrottlingException',
  'MaxSendingRateExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
  'KMSThrottlingException',
]);
/** Provider errors worth retrying although they are not 5xx. */
const TIMEOUTS = new Set(['RequestTimeout', 'RequestTimeoutException', 'TimeoutError']);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

const shapeOf = (error: unknown): SdkErrorShape => (typeof error === 'object' && error !== null ? error : {});

/** Whether an AWS SDK error asks us to slow down: a throttling name above, or HTTP 429 (the providers, EventBridge Scheduler). */
export function isThrottled(error: unknown): boolean {
  const shape = shapeOf(error);
  return (typeof shape.name === 'string' && THROTTLING.has(shape.name)) || shape.$metadata?.httpStatusCode === 429;
}

/**
 * The SendResult of a failed provider call: throttling (by name or HTTP 429) is `throttled`;
 * timeouts, 5xx and network failures (no HTTP response at all) are temporary; every other refusal (invalid parameter, opted out, rejected
 * message, unverified sender…) is permanent. The reason names the error and its status only —
 * SDK messages may quote the recipient.
 */
export function providerFailure(error: unknown): SendResult {
  const shape = shapeOf(error);
  const name = typeof shape.name === 'string' ? shape.name : 'UnknownError';
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const reason = status === undefined ? name : `${name} (HTTP ${status})`;
  if (isThrottled(error)) return { status: 'throttled', reason };
  const temporary =
    TIMEOUTS.has(name) ||
    shape.$fault === 'server' ||
    shape.$retryable !== undefined ||
    status === undefined ||
    status >= 500;
  return temporary ? { status: 'temporaryFailure', reason } : { status: 'permanentFailure', reason };
}
