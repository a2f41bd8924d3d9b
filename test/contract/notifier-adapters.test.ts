/**
 * What only one Notifier adapter does, beyond the contract all of them keep
 * (notifier.contract.test.ts): construction checks, a channel an adapter does not carry, the SES
 * configuration set and tag encoding, the outbox's console lines and restarts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { alertIdTagValue, providerTraceId } from '../../shared/adapters/aws/provider-trace.ts';
import { SesEmailNotifier } from '../../shared/adapters/aws/ses-notifier.ts';
import { SnsSmsNotifier } from '../../shared/adapters/aws/sns-notifier.ts';
import { OutboxNotifier } from '../../shared/adapters/local/outbox-notifier.ts';
import { alertEmailHtml } from '../../shared/adapters/email-html.tsx';
import type { Clock } from '../../shared/ports.ts';
import { EMAIL, PHONE, PUBLIC_URL, emailAlert, smsAlert } from './provider-answers.ts';

describe('SnsSmsNotifier', () => {
  const client = new SNSClient({ region: 'eu-west-3' });
  const sns = mockClient(client);
  const notifier = (): SnsSmsNotifier => new SnsSmsNotifier({ client, senderId: 'OFPRA' });

  beforeEach(() => sns.reset());

  it.each(['AB', 'TWELVECHARS1', 'OF PRA', '12345', 'OFPRA!', ''])('refuses the sender ID %j at construction', (senderId) => {
    expect(() => new SnsSmsNotifier({ client, senderId })).toThrow(RangeError);
  });

  it('refuses an e-mail message without calling SNS', async () => {
    expect(await notifier().send(emailAlert())).toStrictEqual({ status: 'permanentFailure', reason: 'not an SMS message' });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('sends a reset-code id (which names the applicant file) to SNS only as a hash', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const id = 'reset.7512345678.1681977600000';

    await notifier().send(smsAlert({ id }));

    const traced = sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes?.['AlertId']?.StringValue;
    expect(traced).toBe(providerTraceId(id));
    expect(traced).toMatch(/^reset\.[0-9a-f]{16}$/);
    expect(traced).not.toContain('7512345678');
  });
});

describe('SesEmailNotifier', () => {
  const client = new SESv2Client({ region: 'eu-west-3' });
  const ses = mockClient(client);
  const FROM = 'OFPRA <ne-pas-repondre@demat.ofpra.example.fr>';
  const notifier = (): SesEmailNotifier => new SesEmailNotifier({ client, from: FROM });

  beforeEach(() => ses.reset());

  it.each([
    ['L1.reminder.7.email', 'L1_2Ereminder_2E7_2Eemail'],
    ['L_1.deposit.0.email', 'L_5F1_2Edeposit_2E0_2Eemail'],
    ['h.ab12.deemed.0.email', 'h_2Eab12_2Edeemed_2E0_2Eemail'],
    ['digest-H1-2023-05-01', 'digest-H1-2023-05-01'],
  ])('R11: carries the alert id %j as the e-mail tag %j (only letters, digits, - and _ escapes)', async (id, tag) => {
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
    const withSet = new SesEmailNotifier({ client, from: FROM, configurationSetName: 'mailbox-alerts' });

    await withSet.send(emailAlert());

    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.ConfigurationSetName).toBe('mailbox-alerts');
  });

  it('refuses a sender that is not an address at construction', () => {
    expect(() => new SesEmailNotifier({ client, from: 'OFPRA' })).toThrow(RangeError);
  });

  it('refuses an SMS message without calling SES', async () => {
    expect(await notifier().send(smsAlert())).toStrictEqual({ status: 'permanentFailure', reason: 'not an e-mail message' });
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

  it('lists the messages newest first, with their language, when they came and an e-mail’s HTML body', async () => {
    const outbox = new OutboxNotifier({ clock, log: () => undefined });

    await outbox.send(smsAlert());
    await outbox.send(emailAlert());

    const { body, ...email } = emailAlert();
    if (email.subject === undefined || body === undefined) throw new Error('an alert e-mail has a subject and a composed body');
    expect(outbox.messages()).toStrictEqual([
      { ...email, html: alertEmailHtml(email.subject, body), sentAt: clock.now(), providerMessageId: 'outbox-2' },
      { ...smsAlert(), sentAt: clock.now(), providerMessageId: 'outbox-1' },
    ]);
  });

  it('prints one line per message, the recipient masked, and one for a message it refuses', async () => {
    const lines: string[] = [];
    const outbox = new OutboxNotifier({ clock, log: (line) => lines.push(line) });

    await outbox.send(smsAlert());
    await outbox.send(emailAlert());
    await outbox.send(smsAlert({ id: 'L2.deposit.0.sms', to: `${PHONE} ` }));

    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toMatch(/\n/);
    expect(lines.join('')).not.toContain(PHONE);
    expect(lines.join('')).not.toContain(EMAIL);
    expect(lines[0]).toContain(PUBLIC_URL);
    expect(lines[2]).toBe('[outbox] refused L2.deposit.0.sms: the phone number is not in E.164 form');
    expect(outbox.messages()).toHaveLength(2);
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
