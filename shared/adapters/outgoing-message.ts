/**
 * What the SMS and e-mail providers refuse whatever the account (R11): one definition for the real
 * adapters (SNS, SES), which refuse such a message without calling the provider, and for their
 * stand-ins (memory, local outbox, simulator), which must refuse it the same way — a permanent
 * failure, since sending it again cannot succeed.
 */
import type { OutgoingMessage } from '../ports.ts';

/** E.164: `+`, a country code that does not start with 0, at most 15 digits in all (SNS's rule). */
const E164 = /^\+[1-9]\d{6,14}$/;
/** One address, without display name (SES's `Destination.ToAddresses`). */
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

/**
 * Why no provider would send `message` (the reason never quotes the recipient), or null when it is
 * well-formed: an SMS to a number not in E.164 form, an e-mail to something that is not an address
 * or without a subject, a message without text.
 */
export function unsendable(message: OutgoingMessage): string | null {
  if (message.channel === 'sms') {
    if (!E164.test(message.to)) return 'the phone number is not in E.164 form';
  } else {
    if (!ADDRESS.test(message.to)) return 'the e-mail address is not valid';
    if (message.subject === undefined) return 'the e-mail has no subject';
  }
  if (message.text === '') return 'the message has no text';
  return null;
}
