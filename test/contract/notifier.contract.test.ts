import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AuthorizationErrorException,
  InternalErrorException,
  InvalidParameterException,
  OptedOutException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import {
  AccountSuspendedException,
  InternalServiceErrorException,
  MessageRejected,
  SendEmailCommand,
  SESv2Client,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { alertIdTagValue, providerTraceId } from '../../shared/adapters/aws/provider-trace.ts';
import { SesEmailNotifier } from '../../shared/adapters/aws/ses-notifier.ts';
import { SnsSmsNotifier } from '../../shared/adapters/aws/sns-notifier.ts';
import { OutboxNotifier } from '../../shared/adapters/local/outbox-notifier.ts';
import { alertEmailHtml } from '../../shared/adapters/email-html.tsx';
import { alertMessage } from '../../shared/domain/alert-messages.ts';
import type { Clock, OutgoingMessage, SendResult } from '../../shared/ports.ts';

const PUBLIC_URL = 'https://demat.ofpra.example.fr';
const PHONE = '+33612345678';
const EMAIL = 'applicant@example.org';

function smsAlert(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const { text } = alertMessage({ channel: 'sms', kind: 'deposit', language: 'fr', publicUrl: PUBLIC_URL });
  return { id: 'L1.deposit.0.sms', channel: 'sms', to: PHONE, language: 'fr', text, ...overrides };
}

function emailAlert(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const { text, subject, body } = alertMessage({ channel: 'email', kind: 'reminder', language: 'ar', publicUrl: PUBLIC_URL });
  return { id: 'L1.reminder.7.email', channel: 'email', to: EMAIL, language: 'ar', text, subject, body, ...overrides };
}

/** The HTML body an e-mail provider is given for `message` (test/unit/alerts/alert-texts-fixture.test.ts pins its bytes). */
function sentHtml(message: OutgoingMessage): string {
  if (message.subject === undefined || message.body === undefined) throw new Error('not an e-mail alert');
  const html = alertEmailHtml(message.subject, message.body);
  expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n/);
  return html;
}

/** An SDK service exception as the client would throw it (the message quotes the recipient, as SNS does). */
function sdkError<T>(
  Type: new (opts: { message: string; $metadata: { httpStatusCode: number } }) => T,
  status: number,
): T {
  return new Type({ message: `Invalid parameter: PhoneNumber Reason: ${PHONE} ${EMAIL}`, $metadata: { httpStatusCode: status } });
}

function networkError(): Error {
  return Object.assign(new Error(`connect ECONNRESET for ${PHONE}`), { code: 'ECONNRESET' });
}

describe('SnsSmsNotifier', () => {
  const sns = mockClient(SNSClient);
  const notifier = (): SnsSmsNotifier => new SnsSmsNotifier({ client: new SNSClient({ region: 'eu-west-3' }), senderId: 'OFPRA' });

  beforeEach(() => sns.reset());

  it('R11: publishes a transactional SMS from the sender ID to the E.164 number', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const message = smsAlert();

    const result = await notifier().send(message);

    expect(result).toEqual({ status: 'accepted', providerMessageId: 'sns-1' });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toStrictEqual({
      PhoneNumber: PHONE,
      Message: message.text,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'OFPRA' },
        AlertId: { DataType: 'String', StringValue: 'L1.deposit.0.sms' },
      },
    });
  });

  it('R11: carries the alert id to SNS for tracing (SMS Publish has no idempotency key)', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-3' });

    await notifier().send(smsAlert({ id: 'h.0123abc.reminder.14.sms' }));

    const attributes = sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes;
    expect(attributes?.['AlertId']).toStrictEqual({ DataType: 'String', StringValue: 'h.0123abc.reminder.14.sms' });
  });

  it.each(['AB', 'TWELVECHARS1', 'OF PRA', '12345', 'OFPRA!', ''])('refuses the sender ID %j at construction', (senderId) => {
    expect(() => new SnsSmsNotifier({ client: new SNSClient({ region: 'eu-west-3' }), senderId })).toThrow(RangeError);
  });

  it.each([
    ['throttling', () => sdkError(ThrottledException, 429), 'throttled'],
    ['an internal error', () => sdkError(InternalErrorException, 500), 'temporaryFailure'],
    ['a network failure', networkError, 'temporaryFailure'],
    ['an invalid parameter', () => sdkError(InvalidParameterException, 400), 'permanentFailure'],
    ['an opted-out number', () => sdkError(OptedOutException, 400), 'permanentFailure'],
    ['a refused authorisation', () => sdkError(AuthorizationErrorException, 403), 'permanentFailure'],
  ] as const)('maps %s to %s, without the phone number in the reason', async (_what, error, status) => {
    sns.on(PublishCommand).rejects(error());

    const result = await notifier().send(smsAlert());

    expect(result.status).toBe(status);
    expect(JSON.stringify(result)).not.toContain(PHONE);
  });

  it('refuses a number that is not E.164 without calling SNS', async () => {
    const result = await notifier().send(smsAlert({ to: '06 12 34 56 78' }));

    expect(result).toEqual({ status: 'permanentFailure', reason: 'the phone number is not in E.164 form' });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('refuses an e-mail message', async () => {
    expect((await notifier().send(emailAlert())).status).toBe('permanentFailure');
  });
});

describe('SesEmailNotifier', () => {
  const ses = mockClient(SESv2Client);
  const FROM = 'OFPRA <ne-pas-repondre@demat.ofpra.example.fr>';
  const notifier = (): SesEmailNotifier => new SesEmailNotifier({ client: new SESv2Client({ region: 'eu-west-3' }), from: FROM });

  beforeEach(() => ses.reset());

  it('R11: sends the subject, text and HTML bodies in UTF-8 from the configured sender', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const message = emailAlert();

    const result = await notifier().send(message);

    expect(result).toEqual({ status: 'accepted', providerMessageId: 'ses-1' });
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).toStrictEqual({
      FromEmailAddress: FROM,
      Destination: { ToAddresses: [EMAIL] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: sentHtml(message), Charset: 'UTF-8' },
          },
        },
      },
      EmailTags: [{ Name: 'alert-id', Value: 'L1_2Ereminder_2E7_2Eemail' }],
    });
  });

  it.each([
    ['L1.reminder.7.email', 'L1_2Ereminder_2E7_2Eemail'],
    ['L_1.deposit.0.email', 'L_5F1_2Edeposit_2E0_2Eemail'],
    ['h.ab12.deemed.0.email', 'h_2Eab12_2Edeemed_2E0_2Eemail'],
    ['digest-H1-2023-05-01', 'digest-H1-2023-05-01'],
  ])('R11: carries the alert id %j to SES as the e-mail tag %j (SendEmail has no idempotency key)', async (id, tag) => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-3' });

    await notifier().send(emailAlert({ id }));

    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.EmailTags).toStrictEqual([{ Name: 'alert-id', Value: tag }]);
    expect(tag).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
  });

  it('sends a reset-code id (which names the applicant file) to the providers only as a hash', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-4' });
    const id = 'reset.7512345678.1681977600000';

    await notifier().send(emailAlert({ id }));

    const traced = providerTraceId(id);
    expect(traced).toMatch(/^reset\.[0-9a-f]{16}$/);
    expect(traced).not.toContain('7512345678');
    expect(providerTraceId('reset.7512345679.1681977600000')).not.toBe(traced);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.EmailTags).toStrictEqual([{ Name: 'alert-id', Value: traced.replace('.', '_2E') }]);
  });

  it('keeps an e-mail tag within the 256 characters SES allows, whatever the id', () => {
    const value = alertIdTagValue('é.'.repeat(200));

    expect(value).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(value.startsWith('_C3_A9_2E')).toBe(true);
  });

  it('adds the configuration set when there is one', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-2' });
    const withSet = new SesEmailNotifier({
      client: new SESv2Client({ region: 'eu-west-3' }),
      from: FROM,
      configurationSetName: 'mailbox-alerts',
    });

    await withSet.send(emailAlert());

    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.ConfigurationSetName).toBe('mailbox-alerts');
  });

  it('refuses a sender that is not an address at construction', () => {
    expect(() => new SesEmailNotifier({ client: new SESv2Client({ region: 'eu-west-3' }), from: 'OFPRA' })).toThrow(
      RangeError,
    );
  });

  it.each([
    ['too many requests', () => sdkError(TooManyRequestsException, 429), 'throttled'],
    ['an internal error', () => sdkError(InternalServiceErrorException, 500), 'temporaryFailure'],
    ['a network failure', networkError, 'temporaryFailure'],
    ['a rejected message', () => sdkError(MessageRejected, 400), 'permanentFailure'],
    ['a suspended account', () => sdkError(AccountSuspendedException, 400), 'permanentFailure'],
  ] as const)('maps %s to %s, without the address in the reason', async (_what, error, status) => {
    ses.on(SendEmailCommand).rejects(error());

    const result = await notifier().send(emailAlert());

    expect(result.status).toBe(status);
    expect(JSON.stringify(result)).not.toContain(EMAIL);
  });

  it('refuses a message without a subject, or for SMS, without calling SES', async () => {
    const noSubject = await notifier().send(emailAlert({ subject: undefined }));
    const sms = await notifier().send(smsAlert());

    expect(noSubject.status).toBe('permanentFailure');
    expect(sms.status).toBe('permanentFailure');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});

describe('OutboxNotifier', () => {
  const clock: Clock = { now: () => '2023-05-01T08:00:00.000Z' };
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'outbox-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('accepts every message and lists them newest first', async () => {
    const outbox = new OutboxNotifier({ clock, log: () => undefined });

    const first: SendResult = await outbox.send(smsAlert());
    const second: SendResult = await outbox.send(emailAlert());

    expect(first).toEqual({ status: 'accepted', providerMessageId: 'outbox-1' });
    expect(second).toEqual({ status: 'accepted', providerMessageId: 'outbox-2' });
    expect(outbox.messages().map((entry) => entry.id)).toEqual(['L1.reminder.7.email', 'L1.deposit.0.sms']);
    expect(outbox.messages()[1]).toStrictEqual({ ...smsAlert(), sentAt: clock.now(), providerMessageId: 'outbox-1' });
    // An e-mail is kept with the HTML body a provider would send, not its composed structure.
    const { body: _body, ...email } = emailAlert();
    expect(outbox.messages()[0]).toStrictEqual({ ...email, html: sentHtml(emailAlert()), sentAt: clock.now(), providerMessageId: 'outbox-2' });
  });

  it('prints one line per message, with the recipient masked', async () => {
    const lines: string[] = [];
    const outbox = new OutboxNotifier({ clock, log: (line) => lines.push(line) });

    await outbox.send(smsAlert());
    await outbox.send(emailAlert());

    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toMatch(/\n/);
    expect(lines.join('')).not.toContain(PHONE);
    expect(lines.join('')).not.toContain(EMAIL);
    expect(lines[0]).toContain(PUBLIC_URL);
  });

  it('keeps the messages in its file across restarts', async () => {
    const filePath = join(folder, 'nested', 'outbox.jsonl');
    const before = new OutboxNotifier({ clock, filePath, log: () => undefined });
    await before.send(smsAlert());

    const after = new OutboxNotifier({ clock, filePath, log: () => undefined });
    const result = await after.send(emailAlert());

    expect(after.messages().map((entry) => entry.id)).toEqual(['L1.reminder.7.email', 'L1.deposit.0.sms']);
    expect(result).toEqual({ status: 'accepted', providerMessageId: 'outbox-2' });
    expect((await readFile(filePath, 'utf8')).trim().split('\n')).toHaveLength(2);
  });
});
