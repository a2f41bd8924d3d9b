/**
 * The alerts Lambda's consumer of one SQS batch (functions/paced-alert-consumer.ts), on the
 * real SNS and SES adapters whose SDK clients are mocked (aws-sdk-client-mock): the exact requests,
 * the pace of each lane, a throttled send retried soon and never counted as an attempt, and the
 * partial batch response (docs/alerts.md).
 *
 * Time is vitest's fake clock, as the Lambda's: the consumer sleeps with setTimeout and reads
 * Date.now(), and the store and the mocked clients answer within the same turn, so each request
 * is made at its slot exactly, whatever the machine's load. The consumer here is given no
 * `onOutcome` listener on purpose: the handling of a message must not depend on one.
 */
import { PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedAlertConsumer, type SqsRecordLike } from '../../functions/paced-alert-consumer.ts';
import { SesEmailNotifier } from '../../shared/adapters/aws/ses-notifier.ts';
import { SnsSmsNotifier } from '../../shared/adapters/aws/sns-notifier.ts';
import { ChannelNotifier } from '../../shared/adapters/channel-notifier.ts';
import { alertEmailHtml } from '../../shared/adapters/email-html.tsx';
import { throttledRetryDelayMs } from '../../shared/domain/alert-pacing.ts';
import { alertMessage } from '../../shared/domain/alert-messages.ts';
import { StoreThrottledError } from '../../shared/errors.ts';
import type { AlertDelivery, Deps, Letter } from '../../shared/ports.ts';
import type { AlertWorkDeps } from '../../shared/use-cases/consume-alert-work.ts';
import { depositDocument } from '../../shared/use-cases/deposit-document.ts';
import { AGDREF, aPdf, delegating, givenApplicant, makeDeps, TEST_CONFIG } from '../support/builders.ts';

const SENDER_ID = 'OFPRA';
const FROM = 'ne-pas-repondre@mailbox.example.org';
/** This consumer's share of the quotas: 100 ms between SMS, 250 ms between e-mails. */
const RATES = { sms: 10, email: 4, scheduler: 25 } as const;

const sns = mockClient(SNSClient);
const ses = mockClient(SESv2Client);

/** The deps of the alerts function: the in-memory store and queue, SNS and SES through their SDK clients. */
function cloudDeps() {
  return makeDeps({
    notifier: new ChannelNotifier({
      sms: new SnsSmsNotifier({ client: new SNSClient({ region: 'eu-west-3' }), senderId: SENDER_ID }),
      email: new SesEmailNotifier({ client: new SESv2Client({ region: 'eu-west-3' }), from: FROM }),
    }),
  });
}
type CloudDeps = ReturnType<typeof cloudDeps>;

/** As in functions/alerts.ts: the Lambda's own clock and sleep (here vitest's fake timers). */
function lambdaConsumer(problems: string[] = []): PacedAlertConsumer {
  return new PacedAlertConsumer({
    rates: RATES,
    nowMs: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onProblem: (messageId) => problems.push(messageId),
  });
}

/** Deposits `count` convocations D-0… and takes the messages they queued, as SQS records (the body SqsAlertQueue sends). */
async function depositBatch(deps: CloudDeps, count: number): Promise<SqsRecordLike[]> {
  await givenApplicant(deps);
  for (let i = 0; i < count; i += 1) {
    await depositDocument(deps, { agdref: AGDREF, documentId: `D-${i}`, type: 'convocation', content: aPdf(`D-${i}`) });
  }
  return recordsOf(deps);
}

function recordsOf(deps: CloudDeps): SqsRecordLike[] {
  return deps.alertQueue.due('2099-01-01T00:00:00Z').map((message, i) => ({ messageId: `m-${i}`, body: JSON.stringify(message.work) }));
}

/** Runs one batch to its end in virtual time; returns the batch item failures. */
async function consume(consumer: PacedAlertConsumer, deps: AlertWorkDeps, records: readonly SqsRecordLike[]): Promise<string[]> {
  const failures = consumer.consume(deps, records);
  await vi.runAllTimersAsync();
  return failures;
}

function messageIdsOf(records: readonly SqsRecordLike[], letterId: string): string[] {
  return records.filter((record) => record.body.includes(`"letterId":"${letterId}"`)).map((record) => record.messageId);
}

async function alertOf(deps: Pick<Deps, 'letters'>, letterId: string, channel: 'sms' | 'email'): Promise<AlertDelivery | undefined> {
  return (await deps.letters.get(letterId))?.alerts.find((alert) => alert.kind === 'deposit' && alert.channel === channel);
}

const smsText = alertMessage({ channel: 'sms', kind: 'deposit', language: 'fr', publicUrl: TEST_CONFIG.publicUrl });
const email = alertMessage({ channel: 'email', kind: 'deposit', language: 'fr', publicUrl: TEST_CONFIG.publicUrl });

/** The HTML body SES is given for the deposit e-mail. */
function emailHtml(): string {
  if (email.subject === undefined || email.body === undefined) throw new Error('not an e-mail alert');
  return alertEmailHtml(email.subject, email.body);
}

describe('the alerts Lambda consumer (SQS batch → SNS/SES)', () => {
  beforeEach(() => {
    sns.reset();
    ses.reset();
    vi.useFakeTimers({ now: Date.parse('2023-04-20T08:00:00.000Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("R11: sends each channel at this consumer's share of the quota, the channels side by side, with the exact SNS and SES requests", async () => {
    const deps = cloudDeps();
    const records = await depositBatch(deps, 6);
    const smsAt: number[] = [];
    const emailAt: number[] = [];
    sns.on(PublishCommand).callsFake(() => {
      smsAt.push(Date.now());
      return { MessageId: `sns-${smsAt.length}` };
    });
    ses.on(SendEmailCommand).callsFake(() => {
      emailAt.push(Date.now());
      return { MessageId: `ses-${emailAt.length}` };
    });
    const start = Date.now();
    const failures = await consume(lambdaConsumer(), deps, records);

    expect(failures).toEqual([]);
    // One slot every 1000 / rate ms from the batch's start, per lane; the lanes overlap.
    expect(smsAt.map((at) => at - start)).toEqual([0, 1, 2, 3, 4, 5].map((slot) => (slot * 1000) / RATES.sms));
    expect(emailAt.map((at) => at - start)).toEqual([0, 1, 2, 3, 4, 5].map((slot) => (slot * 1000) / RATES.email));
    expect(Date.now() - start).toBe((5 * 1000) / RATES.email);

    const published = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(published).toStrictEqual(
      Array.from({ length: 6 }, () => ({
        PhoneNumber: '+33612345678',
        Message: smsText.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: SENDER_ID },
        },
      })),
    );
    const emailed = ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
    expect(emailed).toStrictEqual(
      Array.from({ length: 6 }, () => ({
        FromEmailAddress: FROM,
        Destination: { ToAddresses: ['applicant@example.org'] },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: emailHtml(), Charset: 'UTF-8' } },
          },
        },
      })),
    );
    for (let i = 0; i < 6; i += 1) {
      for (const channel of ['sms', 'email'] as const) {
        expect(await alertOf(deps, `D-${i}`, channel), `D-${i} ${channel}`).toMatchObject({ status: 'delivered', attempts: 1 });
      }
    }
    // Nothing left to do: no message was put back.
    expect(deps.alertQueue.pending()).toEqual([]);
  });

  it('R11: a throttled SMS is put back for about a second, not counted as an attempt, then sent; a failed handling is a batch item failure', async () => {
    const base = cloudDeps();
    const records = await depositBatch(base, 3);
    // The store refuses every write of D-2: its messages are reported, SQS delivers them again.
    const letters = delegating(base.letters, {
      update: async (next: Letter, expected: number) => {
        if (next.id === 'D-2') throw new StoreThrottledError();
        return base.letters.update(next, expected);
      },
    });
    const deps = { ...base, letters };
    sns
      .on(PublishCommand)
      .rejectsOnce(new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }))
      .resolves({ MessageId: 'sns-ok' });
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-ok' });
    const problems: string[] = [];
    const consumer = lambdaConsumer(problems);

    const failures = await consume(consumer, deps, [...records, { messageId: 'junk', body: 'not alert work' }]);

    expect(failures.sort()).toEqual(messageIdsOf(records, 'D-2').sort());
    expect(problems.sort()).toEqual([...messageIdsOf(records, 'D-2'), 'junk'].sort());
    // D-0's SMS was refused for rate: as before its claim, and queued again for 0.5–1 s later.
    expect(await alertOf(deps, 'D-0', 'sms')).toMatchObject({ status: 'sending', attempts: 0, lastAttemptAt: null });
    const [again, ...others] = base.alertQueue.pending();
    expect(others).toEqual([]);
    expect(again?.work).toEqual({ kind: 'send', letterId: 'D-0', alertId: (await alertOf(deps, 'D-0', 'sms'))?.id, channel: 'sms', retries: 1 });
    const delayMs = Date.parse(again?.visibleAt ?? '') - Date.parse(base.clock.now());
    expect(delayMs).toBe(throttledRetryDelayMs((await alertOf(deps, 'D-0', 'sms'))?.id ?? '', 0));
    expect(delayMs).toBeGreaterThanOrEqual(500);
    expect(delayMs).toBeLessThanOrEqual(1_000);
    expect(await alertOf(deps, 'D-1', 'sms')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await alertOf(deps, 'D-0', 'email')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);

    // The message comes back: the SMS goes out on its first counted attempt.
    expect(await consume(consumer, deps, recordsOf(base))).toEqual([]);
    expect(await alertOf(deps, 'D-0', 'sms')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(3);
  });

  it('R11: a throttled SMS that cannot be put back is a batch item failure, still no attempt', async () => {
    const deps = cloudDeps();
    const records = await depositBatch(deps, 1);
    sns.on(PublishCommand).rejects(new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }));
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-ok' });
    deps.alertQueue.failNext(1);

    const failures = await consume(lambdaConsumer(), deps, records);

    const smsRecord = records.find((record) => record.body.includes('"channel":"sms"'));
    expect(failures).toEqual([smsRecord?.messageId]);
    expect(await alertOf(deps, 'D-0', 'sms')).toMatchObject({ status: 'sending', attempts: 0, lastAttemptAt: null });
    expect(await alertOf(deps, 'D-0', 'email')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(deps.alertQueue.pending()).toEqual([]);
  });
});
