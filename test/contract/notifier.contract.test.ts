/**
 * The Notifier contract (R11): what every adapter of the port does, run on each — the in-memory
 * twin the use-case tests run on, the local outbox (its file read back), SNS and SES through
 * aws-sdk-client-mock (the exact requests, read back into what was delivered), the channel router
 * over both, and the simulator's virtual provider. Provider refusals are the errors the AWS SDK
 * itself raises from the providers' answers on the wire (test/contract/provider-answers.ts), and
 * must reach the use cases as deliver-alert.ts reads them: `throttled` is no attempt (tried again
 * soon), `permanentFailure` is final. What only one adapter does: notifier-adapters.test.ts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { SesEmailNotifier } from '../../shared/adapters/aws/ses-notifier.ts';
import { SnsSmsNotifier } from '../../shared/adapters/aws/sns-notifier.ts';
import { ChannelNotifier } from '../../shared/adapters/channel-notifier.ts';
import { alertEmailHtml } from '../../shared/adapters/email-html.tsx';
import { OutboxNotifier, type OutboxEntry } from '../../shared/adapters/local/outbox-notifier.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';
import { InMemoryNotifier } from '../../shared/adapters/memory/memory-notifier.ts';
import type { AlertChannel } from '../../shared/domain/types.ts';
import type { Clock, Notifier, OutgoingMessage, SendResult } from '../../shared/ports.ts';
import { MessageLog, VirtualNotifier } from '../../simulator/virtual-notifier.ts';
import { emailAlert, sesRaises, smsAlert, snsRaises } from './provider-answers.ts';

/** What reached the provider for one message it accepted, read back from where the adapter put it. */
interface Delivered {
  readonly channel: AlertChannel;
  readonly to: string;
  /** The message id as the provider got it (for tracing). */
  readonly id: string;
  readonly subject?: string;
  readonly text: string;
  /** The HTML body of an e-mail that has a composed body. */
  readonly html?: string;
}

type Refusal = Exclude<SendResult['status'], 'accepted'>;

/** A provider's refusal the adapter can be made to meet on its next send. */
interface RefusalCase {
  /** What the provider answers, e.g. `SNS Throttled (HTTP 429)`. */
  readonly answer: string;
  readonly channel: AlertChannel;
  /** What the use cases must be told. */
  readonly reportedAs: Refusal;
}

interface NotifierUnderTest {
  readonly notifier: Notifier;
  /** Every message the provider accepted so far, in the order it got them. */
  delivered(): Promise<Delivered[]>;
  /** The provider answers `refusal.answer` to the next send on its channel. */
  refuseNext(refusal: RefusalCase): Promise<void>;
}

interface NotifierSpec {
  /** The channels this adapter carries. */
  readonly channels: readonly AlertChannel[];
  /** The refusals it can meet (none: it accepts every well-formed message). */
  readonly refusals: readonly RefusalCase[];
}

const OTHER_PHONE = '+33798765432';
const OTHER_EMAIL = 'helper@example.org';
const alertOn = (channel: AlertChannel, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage =>
  channel === 'sms' ? smsAlert(overrides) : emailAlert(overrides);

/** What a provider is expected to have been given for `message` (the fakes keep the composed body; a provider gets its HTML). */
function deliveredOf(message: OutgoingMessage): Delivered {
  const { channel, to, id, subject, text, body } = message;
  return {
    channel,
    to,
    id,
    ...(subject === undefined ? {} : { subject }),
    text,
    ...(body === undefined || subject === undefined ? {} : { html: alertEmailHtml(subject, body) }),
  };
}

const MALFORMED: ReadonlyArray<readonly [string, AlertChannel, Partial<OutgoingMessage>]> = [
  ['a phone number not in E.164 form', 'sms', { to: '06 12 34 56 78' }],
  ['a phone number whose country code starts with 0', 'sms', { to: '+0612345678' }],
  ['an SMS without text', 'sms', { text: '' }],
  ['an e-mail address without @', 'email', { to: 'applicant.example.org' }],
  ['an e-mail address with spaces', 'email', { to: 'applicant @example.org' }],
  ['an e-mail without subject', 'email', { subject: undefined }],
  ['an e-mail without text', 'email', { text: '' }],
];

function describeNotifierContract(name: string, makeAdapter: () => Promise<NotifierUnderTest>, spec: NotifierSpec): void {
  describe(`Notifier contract (${name})`, () => {
    let adapter: NotifierUnderTest;

    beforeEach(async () => {
      adapter = await makeAdapter();
    });

    it.each(spec.channels)('R11: delivers an alert on %s to its recipient with its subject, text and e-mail body, and says so with the provider message id', async (channel) => {
      const message = alertOn(channel);

      const result = await adapter.notifier.send(message);

      expect(result).toStrictEqual({ status: 'accepted', providerMessageId: expect.stringMatching(/\S/) });
      expect(await adapter.delivered()).toStrictEqual([deliveredOf(message)]);
    });

    it('R11: delivers each message once, to its own recipient on its own channel', async () => {
      const messages = spec.channels.flatMap((channel) => [
        alertOn(channel, { id: `L1.deposit.0.${channel}` }),
        alertOn(channel, { id: `L2.deposit.0.${channel}`, to: channel === 'sms' ? OTHER_PHONE : OTHER_EMAIL }),
      ]);

      for (const message of messages) expect((await adapter.notifier.send(message)).status).toBe('accepted');

      const byId = (a: Delivered, b: Delivered): number => a.id.localeCompare(b.id);
      expect((await adapter.delivered()).sort(byId)).toStrictEqual(messages.map(deliveredOf).sort(byId));
    });

    it.each(['L-1.reminder.7.X', 'L_1.deposit.0.X', 'h.ab12.deemed.0.X', 'digest-H1-2023-05-01'])(
      'R11: gives the provider the message id %j, for tracing',
      async (id) => {
        for (const channel of spec.channels) await adapter.notifier.send(alertOn(channel, { id: id.replace('X', channel) }));

        expect((await adapter.delivered()).map((delivered) => delivered.id)).toStrictEqual(spec.channels.map((channel) => id.replace('X', channel)));
      },
    );

    if (spec.channels.includes('email')) {
      it('sends an e-mail with no composed body (the helper digest) as text only', async () => {
        const { body: _body, ...textOnly } = emailAlert({ id: 'digest-H1-2023-05-01' });

        expect((await adapter.notifier.send(textOnly)).status).toBe('accepted');

        const [delivered] = await adapter.delivered();
        expect(delivered).toStrictEqual(deliveredOf(textOnly));
        expect(delivered?.html).toBeUndefined();
      });
    }

    it.each(MALFORMED.filter(([, channel]) => spec.channels.includes(channel)))(
      'refuses %s (%s) as a permanent failure, without reaching the provider',
      async (_what, channel, overrides) => {
        const message = alertOn(channel, overrides);

        const result = await adapter.notifier.send(message);

        expect(result).toStrictEqual({ status: 'permanentFailure', reason: expect.stringMatching(/\S/) });
        expect(JSON.stringify(result)).not.toContain(message.to);
        expect(await adapter.delivered()).toStrictEqual([]);
      },
    );

    if (spec.refusals.length > 0) {
      it.each(spec.refusals.map((refusal) => [refusal.answer, refusal.channel, refusal.reportedAs, refusal] as const))(
        'reports the provider answer %s on %s as %s, nothing delivered, the recipient not in the reason',
        async (_answer, channel, reportedAs, refusal) => {
          await adapter.refuseNext(refusal);
          const message = alertOn(channel);

          const result = await adapter.notifier.send(message);

          expect(result).toStrictEqual({ status: reportedAs, reason: expect.stringMatching(/\S/) });
          expect(JSON.stringify(result)).not.toContain(message.to);
          expect(await adapter.delivered()).toStrictEqual([]);
        },
      );
    }
  });
}

/** Throttling, a temporary and a permanent failure on each channel, as the fakes are told them. */
const TOLD: readonly RefusalCase[] = (['sms', 'email'] as const).flatMap((channel) =>
  (['throttled', 'temporaryFailure', 'permanentFailure'] as const).map((reportedAs) => ({ answer: `told ${reportedAs}`, channel, reportedAs })),
);

describeNotifierContract(
  'InMemoryNotifier',
  async () => {
    const notifier = new InMemoryNotifier();
    return {
      notifier,
      delivered: async () => notifier.accepted.map(({ providerMessageId: _id, ...message }) => deliveredOf(message)),
      refuseNext: async (refusal) => notifier.failNext(refusal.channel, 1, refusal.reportedAs),
    };
  },
  { channels: ['sms', 'email'], refusals: TOLD },
);

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describeNotifierContract(
  'OutboxNotifier, its file read back',
  async () => {
    const folder = await mkdtemp(join(tmpdir(), 'outbox-contract-'));
    folders.push(folder);
    const filePath = join(folder, 'outbox.jsonl');
    const clock: Clock = { now: () => '2023-05-01T08:00:00.000Z' };
    return {
      notifier: new OutboxNotifier({ clock, filePath, log: () => undefined }),
      delivered: async () => {
        if (!existsSync(filePath)) return [];
        const lines = (await readFile(filePath, 'utf8')).split('\n').filter((line) => line !== '');
        return lines.map((line) => {
          const { channel, to, id, subject, text, html } = JSON.parse(line) as OutboxEntry;
          return { channel, to, id, ...(subject === undefined ? {} : { subject }), text, ...(html === undefined ? {} : { html }) };
        });
      },
      refuseNext: async () => {
        throw new Error('the outbox accepts every well-formed message');
      },
    };
  },
  { channels: ['sms', 'email'], refusals: [] },
);

const SENDER_ID = 'OFPRA';
const FROM = 'OFPRA <ne-pas-repondre@demat.ofpra.example.fr>';
const UTF8 = 'UTF-8';

/** SNS's answers and what the use cases must be told of each. */
const SNS_ANSWERS: ReadonlyArray<RefusalCase & { readonly raise: () => Promise<unknown> }> = [
  { answer: 'SNS Throttled (HTTP 429)', reportedAs: 'throttled', raise: () => snsRaises('Throttled', 429) },
  { answer: 'SNS Throttling (HTTP 400)', reportedAs: 'throttled', raise: () => snsRaises('Throttling', 400) },
  { answer: 'SNS InternalError (HTTP 500)', reportedAs: 'temporaryFailure', raise: () => snsRaises('InternalError', 500) },
  { answer: 'no answer (connection reset)', reportedAs: 'temporaryFailure', raise: () => snsRaises(null, 0) },
  { answer: 'SNS InvalidParameter (HTTP 400)', reportedAs: 'permanentFailure', raise: () => snsRaises('InvalidParameter', 400) },
  { answer: 'SNS OptedOut (HTTP 400)', reportedAs: 'permanentFailure', raise: () => snsRaises('OptedOut', 400) },
  { answer: 'SNS AuthorizationError (HTTP 403)', reportedAs: 'permanentFailure', raise: () => snsRaises('AuthorizationError', 403) },
].map((answer) => ({ ...answer, channel: 'sms' as const, reportedAs: answer.reportedAs as Refusal }));

/** SES's answers and what the use cases must be told of each. */
const SES_ANSWERS: ReadonlyArray<RefusalCase & { readonly raise: () => Promise<unknown> }> = [
  { answer: 'SES TooManyRequestsException (HTTP 429)', reportedAs: 'throttled', raise: () => sesRaises('TooManyRequestsException', 429) },
  { answer: 'SES LimitExceededException (HTTP 400)', reportedAs: 'throttled', raise: () => sesRaises('LimitExceededException', 400) },
  { answer: 'SES Throttling (HTTP 400)', reportedAs: 'throttled', raise: () => sesRaises('Throttling', 400) },
  { answer: 'SES MaxSendingRateExceeded (HTTP 400)', reportedAs: 'throttled', raise: () => sesRaises('MaxSendingRateExceeded', 400) },
  { answer: 'SES InternalServiceErrorException (HTTP 500)', reportedAs: 'temporaryFailure', raise: () => sesRaises('InternalServiceErrorException', 500) },
  { answer: 'no answer (connection reset)', reportedAs: 'temporaryFailure', raise: () => sesRaises(null, 0) },
  { answer: 'SES MessageRejected (HTTP 400)', reportedAs: 'permanentFailure', raise: () => sesRaises('MessageRejected', 400) },
  { answer: 'SES AccountSuspendedException (HTTP 400)', reportedAs: 'permanentFailure', raise: () => sesRaises('AccountSuspendedException', 400) },
].map((answer) => ({ ...answer, channel: 'email' as const, reportedAs: answer.reportedAs as Refusal }));

/**
 * A mocked SDK client's provider: accepts each call with a message id of its own, or raises the
 * error it was given for the next call; `accepted()` lists the inputs of the calls it accepted.
 */
function mockedProvider<I>(
  on: (answer: (input: I) => Promise<{ MessageId: string }>) => void,
  inputs: () => I[],
  prefix: string,
): { accepted(): I[]; raiseNext(error: unknown): void } {
  const queued: unknown[] = [];
  const refusedCalls = new Set<number>();
  let calls = 0;
  on(async () => {
    const call = calls++;
    if (queued.length > 0) {
      refusedCalls.add(call);
      throw queued.shift();
    }
    return { MessageId: `${prefix}-${call + 1}` };
  });
  return {
    accepted: () => inputs().filter((_input, call) => !refusedCalls.has(call)),
    raiseNext: (error) => queued.push(error),
  };
}

/** What SNS was given in one exact Publish request. */
function deliveredBySns(input: PublishCommandInput): Delivered {
  const delivered: Delivered = {
    channel: 'sms',
    to: input.PhoneNumber ?? '',
    id: input.MessageAttributes?.['AlertId']?.StringValue ?? '',
    text: input.Message ?? '',
  };
  expect(input).toStrictEqual({
    PhoneNumber: delivered.to,
    Message: delivered.text,
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: SENDER_ID },
      AlertId: { DataType: 'String', StringValue: delivered.id },
    },
  });
  return delivered;
}

/** The id an `alert-id` e-mail tag value stands for (`_` + two hex digits is one escaped byte). */
function fromTagValue(value: string): string {
  return value.replace(/(?:_[0-9A-F]{2})+/g, (run) => Buffer.from(run.slice(1).split('_').map((hex) => Number.parseInt(hex, 16))).toString('utf8'));
}

/** What SES was given in one exact SendEmail request. */
function deliveredBySes(input: SendEmailCommandInput): Delivered {
  const tag = input.EmailTags?.[0]?.Value ?? '';
  const simple = input.Content?.Simple;
  const html = simple?.Body?.Html?.Data;
  const delivered: Delivered = {
    channel: 'email',
    to: input.Destination?.ToAddresses?.[0] ?? '',
    id: fromTagValue(tag),
    subject: simple?.Subject?.Data ?? '',
    text: simple?.Body?.Text?.Data ?? '',
    ...(html === undefined ? {} : { html }),
  };
  expect(input).toStrictEqual({
    FromEmailAddress: FROM,
    Destination: { ToAddresses: [delivered.to] },
    Content: {
      Simple: {
        Subject: { Data: delivered.subject, Charset: UTF8 },
        Body: { Text: { Data: delivered.text, Charset: UTF8 }, ...(html === undefined ? {} : { Html: { Data: html, Charset: UTF8 } }) },
      },
    },
    EmailTags: [{ Name: 'alert-id', Value: tag }],
  });
  return delivered;
}

interface MockedSenders {
  readonly sms: SnsSmsNotifier;
  readonly email: SesEmailNotifier;
  delivered(): Promise<Delivered[]>;
  refuseNext(refusal: RefusalCase): Promise<void>;
}

/** SNS and SES notifiers on clients of their own, each mocked with aws-sdk-client-mock. */
function mockedSenders(): MockedSenders {
  const snsClient = new SNSClient({ region: 'eu-west-3' });
  const sesClient = new SESv2Client({ region: 'eu-west-3' });
  const sns = mockClient(snsClient);
  const ses = mockClient(sesClient);
  const snsProvider = mockedProvider<PublishCommandInput>(
    (answer) => sns.on(PublishCommand).callsFake(answer),
    () => sns.commandCalls(PublishCommand).map((call) => call.args[0].input),
    'sns',
  );
  const sesProvider = mockedProvider<SendEmailCommandInput>(
    (answer) => ses.on(SendEmailCommand).callsFake(answer),
    () => ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input),
    'ses',
  );
  return {
    sms: new SnsSmsNotifier({ client: snsClient, senderId: SENDER_ID }),
    email: new SesEmailNotifier({ client: sesClient, from: FROM }),
    delivered: async () => [...snsProvider.accepted().map(deliveredBySns), ...sesProvider.accepted().map(deliveredBySes)],
    refuseNext: async (refusal) => {
      const answers = refusal.channel === 'sms' ? SNS_ANSWERS : SES_ANSWERS;
      const provider = refusal.channel === 'sms' ? snsProvider : sesProvider;
      const answer = answers.find((candidate) => candidate.answer === refusal.answer);
      if (answer === undefined) throw new Error(`no such answer: ${refusal.answer}`);
      provider.raiseNext(await answer.raise());
    },
  };
}

describeNotifierContract(
  'SnsSmsNotifier, aws-sdk-client-mock',
  async () => {
    const senders = mockedSenders();
    return { notifier: senders.sms, delivered: senders.delivered, refuseNext: senders.refuseNext };
  },
  { channels: ['sms'], refusals: SNS_ANSWERS },
);

describeNotifierContract(
  'SesEmailNotifier, aws-sdk-client-mock',
  async () => {
    const senders = mockedSenders();
    return { notifier: senders.email, delivered: senders.delivered, refuseNext: senders.refuseNext };
  },
  { channels: ['email'], refusals: SES_ANSWERS },
);

describeNotifierContract(
  'ChannelNotifier over SNS and SES, aws-sdk-client-mock',
  async () => {
    const senders = mockedSenders();
    return { notifier: new ChannelNotifier({ sms: senders.sms, email: senders.email }), delivered: senders.delivered, refuseNext: senders.refuseNext };
  },
  { channels: ['sms', 'email'], refusals: [...SNS_ANSWERS, ...SES_ANSWERS] },
);

/**
 * The simulator's provider, on a quota of one message per second per channel (campaign mode), with
 * a clock one second further at every reading — so no send of a test waits on the quota — until
 * told to throttle: the clock then stops and an earlier send takes the second's only token.
 */
describeNotifierContract(
  'VirtualNotifier (simulator)',
  async () => {
    const clock = new FixedClock('2023-03-06T09:00:00+01:00');
    let ticking = true;
    const ticks: Clock = {
      now: () => {
        if (ticking) clock.advance({ seconds: 1 });
        return clock.now();
      },
    };
    const log = new MessageLog();
    const notifier = new VirtualNotifier(ticks, log, { sms: 1, email: 1 });
    const EARLIER = 'an-earlier-send';
    return {
      notifier,
      delivered: async () => log.messages.filter(({ message }) => message.id !== EARLIER).map(({ message }) => deliveredOf(message)),
      refuseNext: async (refusal) => {
        if (refusal.reportedAs !== 'throttled') throw new Error('the virtual provider refuses only for its quota');
        ticking = false;
        expect((await notifier.send(alertOn(refusal.channel, { id: EARLIER }))).status).toBe('accepted');
      },
    };
  },
  {
    channels: ['sms', 'email'],
    refusals: (['sms', 'email'] as const).map((channel) => ({ answer: 'over its quota', channel, reportedAs: 'throttled' })),
  },
);
