/**
 * The alerts the Notifier tests send, and the errors the AWS SDK raises from SNS's and SES's
 * refusals: a client of each, on a stand-in transport that gives the provider's answer as it comes
 * on the wire (SNS: AWS Query XML; SES v2: REST-JSON with `x-amzn-errortype`), raises the error
 * its own deserialiser makes of it — the very object a mocked client then throws to the adapter.
 */
import { PublishCommand, SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { alertMessage } from '../../shared/domain/alert-messages.ts';
import type { OutgoingMessage } from '../../shared/ports.ts';

export const PUBLIC_URL = 'https://demat.ofpra.example.fr';
export const PHONE = '+33612345678';
export const EMAIL = 'applicant@example.org';

export function smsAlert(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const { text } = alertMessage({ channel: 'sms', kind: 'deposit', language: 'fr', publicUrl: PUBLIC_URL });
  return { id: 'L1.deposit.0.sms', channel: 'sms', to: PHONE, language: 'fr', text, ...overrides };
}

export function emailAlert(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const { text, subject, body } = alertMessage({ channel: 'email', kind: 'reminder', language: 'ar', publicUrl: PUBLIC_URL });
  return { id: 'L1.reminder.7.email', channel: 'email', to: EMAIL, language: 'ar', text, subject, body, ...overrides };
}

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
/** Providers' messages may quote the recipient; the adapters must not pass them on. */
const QUOTING = `Invalid parameter: PhoneNumber Reason: ${PHONE} ${EMAIL}`;

/** A transport answering every request with `status`, `headers` and `body`; with no status, the connection is reset. */
function answering(status: number, headers: Record<string, string>, body: string): SNSClientConfig['requestHandler'] {
  const reset = Object.assign(new Error(`connect ECONNRESET for ${PHONE}`), { code: 'ECONNRESET' });
  return {
    handle: async () => {
      if (status === 0) throw reset;
      return { response: { statusCode: status, headers, body: new TextEncoder().encode(body) } };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  } as SNSClientConfig['requestHandler'];
}

async function raised(sending: Promise<unknown>): Promise<unknown> {
  try {
    await sending;
  } catch (error) {
    return error;
  }
  throw new Error('the provider was expected to refuse');
}

/** The error SNSClient raises when SNS answers error `code` with HTTP `status` (`null`, 0: no answer). */
export function snsRaises(code: string | null, status: number): Promise<unknown> {
  const body = `<ErrorResponse><Error><Type>Sender</Type><Code>${code ?? ''}</Code><Message>${QUOTING}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
  const client = new SNSClient({ region: 'eu-west-3', credentials: CREDENTIALS, maxAttempts: 1, requestHandler: answering(status, { 'content-type': 'text/xml' }, body) });
  return raised(client.send(new PublishCommand({ PhoneNumber: PHONE, Message: 'x' })));
}

/** The error SESv2Client raises when SES answers error `code` with HTTP `status` (`null`, 0: no answer). */
export function sesRaises(code: string | null, status: number): Promise<unknown> {
  const headers = { 'content-type': 'application/json', 'x-amzn-errortype': code ?? '' };
  const client = new SESv2Client({ region: 'eu-west-3', credentials: CREDENTIALS, maxAttempts: 1, requestHandler: answering(status, headers, JSON.stringify({ message: QUOTING })) });
  return raised(
    client.send(
      new SendEmailCommand({
        FromEmailAddress: 'ne-pas-repondre@demat.ofpra.example.fr',
        Destination: { ToAddresses: [EMAIL] },
        Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
      }),
    ),
  );
}
