/**
 * The alert id as the SMS and e-mail providers see it — for tracing only: SNS Publish to a phone
 * number and SES SendEmail have no idempotency key, so neither de-duplicates by it.
 */
import { createHash } from 'node:crypto';

/** SNS message attribute carrying the trace id. */
export const ALERT_ID_ATTRIBUTE = 'AlertId';
/** SES e-mail tag carrying the trace id (in the configuration set's sending events). */
export const ALERT_ID_TAG = 'alert-id';

const RESET_CODE_ID = /^reset\./u;
const TRACE_HASH_HEX_CHARS = 16;
const TAG_VALUE_MAX = 256;

/**
 * The id sent to the provider: an alert id (letter key, kind, day, channel) or a digest id as it
 * is; a reset-code id (`reset.<file number>.<ms>`) names the applicant's file, so the provider
 * gets `reset.` + 64 bits of its SHA-256 instead — operators match it from the id in our logs.
 */
export function providerTraceId(id: string): string {
  if (!RESET_CODE_ID.test(id)) return id;
  return `reset.${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, TRACE_HASH_HEX_CHARS)}`;
}

/**
 * The trace id as an SES tag value (only `[A-Za-z0-9_-]`, at most 256 characters): every other
 * byte, and `_` itself, becomes `_` + two hex digits, so the id stays readable and recoverable —
 * `L-1.reminder.7.email` → `L-1_2Ereminder_2E7_2Eemail`.
 */
export function alertIdTagValue(id: string): string {
  const escaped = providerTraceId(id).replace(/[^A-Za-z0-9-]/gu, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `_${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  return escaped.slice(0, TAG_VALUE_MAX);
}
