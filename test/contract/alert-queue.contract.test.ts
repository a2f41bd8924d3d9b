import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryAlertQueue } from '../../shared/adapters/memory/memory-alert-queue.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';
import { TimerAlertQueue } from '../../shared/adapters/local/timer-alert-queue.ts';
import { MAX_SQS_DELAY_SECONDS, SqsAlertQueue, parseAlertWork } from '../../shared/adapters/aws/sqs-alert-queue.ts';
import { AlertQueueUnavailableError } from '../../shared/errors.ts';
import type { AlertWork, Scheduler, Trigger } from '../../shared/ports.ts';

const QUEUE_URL = 'https://sqs.eu-west-3.amazonaws.com/123456789012/mailbox-pilot-alerts';
const send: AlertWork = { kind: 'send', letterId: 'CONV-1', alertId: 'CONV-1.deposit.0.sms', channel: 'sms', retries: 0 };
const schedule: AlertWork = {
  kind: 'schedule',
  trigger: { name: 'remind.7.CONV-1', at: '2023-04-27T08:00:00.000Z', payload: { kind: 'remind', letterId: 'CONV-1', day: 7 } },
  retries: 2,
};

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let server: Server | null = null;

/** A stand-in for the SQS endpoint on 127.0.0.1 that records each request and answers `status`. */
async function endpoint(status = 200): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(status === 200 ? '{"MessageId":"m-1","MD5OfMessageBody":"x"}' : '{"__type":"com.amazonaws.sqs#RequestThrottled"}');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, received };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  server = null;
});

function sqsQueue(url: string): SqsAlertQueue {
  return new SqsAlertQueue({
    queueUrl: QUEUE_URL,
    region: 'eu-west-3',
    endpoint: url,
    credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }),
  });
}

describe('SqsAlertQueue', () => {
  it('sends one SigV4-signed SendMessage (AWS JSON 1.0) with the work as body and the delay in seconds', async () => {
    const { url, received } = await endpoint();

    await sqsQueue(url).enqueue(send, 2_500);

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/');
    expect(request?.headers['x-amz-target']).toBe('AmazonSQS.SendMessage');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/sqs\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.parse(request?.body ?? '{}')).toEqual({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify(send), DelaySeconds: 3 });
  });

  it('caps the delay at SQS’s 15 minutes (the consumer requeues work that arrives early)', async () => {
    const { url, received } = await endpoint();

    await sqsQueue(url).enqueue(send, 2 * 60 * 60_000);

    expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({ DelaySeconds: MAX_SQS_DELAY_SECONDS });
  });

  it('reports a refusal as AlertQueueUnavailableError, so the caller’s work is repeated', async () => {
    const { url } = await endpoint(400);

    await expect(sqsQueue(url).enqueue(send, 0)).rejects.toBeInstanceOf(AlertQueueUnavailableError);
  });

  it('reports an unreachable endpoint as AlertQueueUnavailableError', async () => {
    const { url } = await endpoint();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;

    await expect(sqsQueue(url).enqueue(send, 0)).rejects.toBeInstanceOf(AlertQueueUnavailableError);
  });
});

describe('parseAlertWork', () => {
  it.each([send, schedule])('reads back what the queue was given: %j', (work) => {
    expect(parseAlertWork(JSON.stringify(work))).toEqual(work);
  });

  it.each(['', 'null', '{"kind":"send"}', '{"kind":"send","letterId":"L","alertId":"A","channel":"fax","retries":0}', '{"kind":"schedule","trigger":{},"retries":0}'])(
    'refuses a body that is no alert work: %s',
    (body) => {
      expect(parseAlertWork(body)).toBeNull();
    },
  );
});

describe('InMemoryAlertQueue', () => {
  it('makes a message visible after its delay, in time order', async () => {
    const clock = new FixedClock('2023-04-20T10:00:00+02:00');
    const queue = new InMemoryAlertQueue(clock);

    await queue.enqueue(schedule, 5_000);
    await queue.enqueue(send, 0);

    expect(queue.due('2023-04-20T08:00:00.000Z').map((m) => m.work)).toEqual([send]);
    expect(queue.due('2023-04-20T08:00:05.000Z').map((m) => m.work)).toEqual([schedule]);
  });
});

describe('TimerAlertQueue (the durable timer queue of npm start)', () => {
  /** Records the triggers the queue creates (the scheduler's own behaviour is scheduler.contract.test.ts's). */
  function recordingScheduler(): Scheduler & { pending(): Trigger[] } {
    const created: Trigger[] = [];
    return {
      schedule: async (trigger) => {
        created.push(trigger);
      },
      cancel: async () => undefined,
      pending: () => [...created].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    };
  }

  it('turns each send into a timer trigger, paced per channel at its rate', async () => {
    const clock = new FixedClock('2023-04-20T10:00:00+02:00');
    const scheduler = recordingScheduler();
    const queue = new TimerAlertQueue({ scheduler, clock, rates: { sms: 4, email: 2 } });

    for (let i = 0; i < 3; i += 1) {
      await queue.enqueue({ ...send, alertId: `L-${i}.deposit.0.sms` }, 0);
      await queue.enqueue({ ...send, alertId: `L-${i}.deposit.0.email`, channel: 'email' }, 0);
    }

    const at = (channel: string) => scheduler.pending().filter((t) => t.name.includes(`.${channel}.`)).map((t) => t.at);
    expect(at('sms')).toEqual(['2023-04-20T08:00:00.000Z', '2023-04-20T08:00:00.250Z', '2023-04-20T08:00:00.500Z']);
    expect(at('email')).toEqual(['2023-04-20T08:00:00.000Z', '2023-04-20T08:00:00.500Z', '2023-04-20T08:00:01.000Z']);
    expect(scheduler.pending().every((t) => t.payload.kind === 'alertRetry')).toBe(true);
  });

  it('keeps a delayed retry at its own instant without holding back what is due now', async () => {
    const clock = new FixedClock('2023-04-20T10:00:00+02:00');
    const scheduler = recordingScheduler();
    const queue = new TimerAlertQueue({ scheduler, clock, rates: { sms: 4, email: 2 } });

    await queue.enqueue({ ...send, alertId: 'L-late.deposit.0.sms' }, 120_000);
    await queue.enqueue(send, 0);

    expect(scheduler.pending().map((t) => t.at)).toEqual(['2023-04-20T08:00:00.000Z', '2023-04-20T08:02:00.000Z']);
  });
});
