/**
 * docs/api.md "no enumeration", in the cloud: the applicant-facing function answers
 * `POST /api/v1/password/reset-code` with 202 after one SigV4-signed SQS SendMessage (the alert
 * queue, through the same small signed call as the deposits' alerts: no SQS SDK client, so the
 * request is checked on a stand-in endpoint on 127.0.0.1), whatever the identifier; the alerts
 * Lambda's consumer then issues the code and sends it through SNS (SDK client mocked with
 * aws-sdk-client-mock: the exact Publish request).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PacedAlertConsumer } from '../../functions/paced-alert-consumer.ts';
import { SqsAlertQueue } from '../../shared/adapters/aws/sqs-alert-queue.ts';
import { SnsSmsNotifier } from '../../shared/adapters/aws/sns-notifier.ts';
import { ChannelNotifier } from '../../shared/adapters/channel-notifier.ts';
import { QueuedResetCodeRequests } from '../../shared/adapters/queued-reset-code-requests.ts';
import { alertMessage } from '../../shared/domain/alert-messages.ts';
import { createApplicantApp } from '../../shared/http/applicant-app.ts';
import { InMemoryNotifier } from '../../shared/adapters/memory/memory-notifier.ts';
import { AGDREF, givenActiveApplicant, makeDeps, TEST_CONFIG } from '../support/builders.ts';

const QUEUE_URL = 'https://sqs.eu-west-3.amazonaws.com/123456789012/mailbox-pilot-alerts';
const SENDER_ID = 'OFPRA';
const sns = mockClient(SNSClient);

let server: Server | null = null;

/** A stand-in for the SQS endpoint on 127.0.0.1: records each request body and accepts it. */
async function sqsEndpoint(status = 200): Promise<{ url: string; bodies: string[]; targets: unknown[] }> {
  const bodies: string[] = [];
  const targets: unknown[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      bodies.push(body);
      targets.push(request.headers['x-amz-target']);
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(status === 200 ? '{"MessageId":"m-1","MD5OfMessageBody":"x"}' : '{"__type":"com.amazonaws.sqs#InternalError"}');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, bodies, targets };
}

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
});
afterEach(async () => {
  await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  server = null;
});

/** The applicant-facing function's wiring of the hand-off (functions/applicant-deps.ts) over in-memory stores. */
async function applicantSide(sqsStatus = 200) {
  const endpoint = await sqsEndpoint(sqsStatus);
  // The store and the notifier are the alerts function's: the api side must not touch them.
  const deps = makeDeps({ notifier: new ChannelNotifier({ sms: new SnsSmsNotifier({ client: new SNSClient({ region: 'eu-west-3' }), senderId: SENDER_ID }), email: new InMemoryNotifier() }) });
  await givenActiveApplicant(deps, { email: null });
  const queue = new SqsAlertQueue({
    queueUrl: QUEUE_URL,
    region: 'eu-west-3',
    endpoint: endpoint.url,
    credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }),
  });
  const app = createApplicantApp({ deps: { ...deps, resetCodeRequests: new QueuedResetCodeRequests(queue) }, agentAuth: { kind: 'iam' }, secureCookies: false });
  const ask = (identifier: string, channel: 'sms' | 'email') =>
    app.request('/api/v1/password/reset-code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier, channel }) });
  return { deps, endpoint, ask };
}

function consumer(): PacedAlertConsumer {
  return new PacedAlertConsumer({ rates: { sms: 1000, email: 1000, scheduler: 1000 }, nowMs: () => 0, sleep: async () => {} });
}

describe('reset-code hand-off: api function → alert queue → alerts function', () => {
  it('answers 202 after the exact same SendMessage for a real account, an unknown identifier and a missing channel', async () => {
    const { deps, endpoint, ask } = await applicantSide();
    const requestedAt = deps.clock.now();

    const answers = [await ask(`${AGDREF.slice(0, 5)} ${AGDREF.slice(5)}`, 'sms'), await ask('7500000001', 'sms'), await ask(AGDREF, 'email')];

    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    expect(endpoint.targets).toEqual(['AmazonSQS.SendMessage', 'AmazonSQS.SendMessage', 'AmazonSQS.SendMessage']);
    expect(endpoint.bodies.map((body) => JSON.parse(body) as unknown)).toStrictEqual(
      [
        { identifier: AGDREF, channel: 'sms' },
        { identifier: '7500000001', channel: 'sms' },
        { identifier: AGDREF, channel: 'email' },
      ].map((request) => ({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ kind: 'resetCode', ...request, requestedAt, retries: 0 }), DelaySeconds: 0 })),
    );
    // Nothing depending on the account happened before the answers.
    expect((await deps.applicants.get(AGDREF))?.resetCode).toBeNull();
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('the alerts consumer issues the code for the real account only: one exact SNS Publish, the hash stored', async () => {
    const { deps, endpoint, ask } = await applicantSide();
    await ask(AGDREF, 'sms');
    await ask('7500000001', 'sms');
    await ask(AGDREF, 'email');
    const records = endpoint.bodies.map((body, i) => ({ messageId: `m-${i}`, body: (JSON.parse(body) as { MessageBody: string }).MessageBody }));

    const failures = await consumer().consume(deps, records);

    expect(failures).toEqual([]);
    const [code] = deps.ids.resetCodes;
    expect(deps.ids.resetCodes).toHaveLength(1);
    const { text } = alertMessage({ channel: 'sms', kind: 'resetCode', language: 'fr', publicUrl: TEST_CONFIG.publicUrl, code: code ?? '' });
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input)).toStrictEqual([
      {
        PhoneNumber: '+33612345678',
        Message: text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: SENDER_ID },
        },
      },
    ]);
    expect((await deps.applicants.get(AGDREF))?.resetCode).toMatchObject({ expiresAt: '2023-04-20T08:15:00.000Z', wrongTries: 0 });
  });

  it('issues one code when SQS delivers the same request twice (at-least-once)', async () => {
    const { deps, endpoint, ask } = await applicantSide();
    await ask(AGDREF, 'sms');
    const body = (JSON.parse(endpoint.bodies[0] ?? '{}') as { MessageBody: string }).MessageBody;

    await consumer().consume(deps, [{ messageId: 'm-1', body }]);
    await consumer().consume(deps, [{ messageId: 'm-1-again', body }]);

    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(deps.ids.resetCodes).toHaveLength(1);
  });

  it('answers 503 with Retry-After (never 500) when the queue refuses the request: nothing was handed on, the applicant asks again', async () => {
    const { ask } = await applicantSide(500);

    const answer = await ask(AGDREF, 'sms');

    expect(answer.status).toBe(503);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
