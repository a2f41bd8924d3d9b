/**
 * The AlertQueue contract (docs/alerts.md): what every adapter of the port does, run on each — the
 * in-memory twin, SQS (its signed SendMessage requests to a stand-in endpoint, read back as the
 * consumer gets them) and the local timer queue (its triggers read back) — then what only one does.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryAlertQueue } from '../../shared/adapters/memory/memory-alert-queue.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';
import { TimerAlertQueue } from '../../shared/adapters/local/timer-alert-queue.ts';
import { MAX_SQS_DELAY_SECONDS, SqsAlertQueue, parseAlertWork } from '../../shared/adapters/aws/sqs-alert-queue.ts';
import { AlertQueueUnavailableError } from '../../shared/errors.ts';
import type { AlertQueue, AlertWork, Scheduler, Trigger } from '../../shared/ports.ts';

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
  /** The HTTP status answered. */
  readonly status: number;
}

let server: Server | null = null;

/** A stand-in for the SQS endpoint on 127.0.0.1 that records each request and answers `status` (400 after `refuseNext`). */
async function endpoint(status = 200): Promise<{ url: string; received: Received[]; refuseNext: () => void }> {
  const received: Received[] = [];
  let refusals = 0;
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const answer = refusals > 0 ? 400 : status;
      refusals = Math.max(0, refusals - 1);
      received.push({ method: request.method, url: request.url, headers: request.headers, body, status: answer });
      response.writeHead(answer, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(answer === 200 ? '{"MessageId":"m-1","MD5OfMessageBody":"x"}' : '{"__type":"com.amazonaws.sqs#RequestThrottled"}');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, received, refuseNext: () => (refusals += 1) };
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

const NOW = '2023-04-20T08:00:00.000Z';
const resetCode: AlertWork = { kind: 'resetCode', identifier: '7512345678', channel: 'email', requestedAt: NOW, retries: 0 };

/** Work as the consumer will be handed it, and the earliest instant it can be. */
interface Arrival {
  readonly work: AlertWork;
  readonly at: string;
}

interface AlertQueueUnderTest {
  readonly queue: AlertQueue;
  /** Everything enqueued so far, read back from where the adapter put it. */
  arrivals(): Promise<Arrival[]>;
  /** The next enqueue meets an unavailable queue (absent: the adapter's failures are its scheduler's). */
  readonly unavailableNext?: () => void;
}

interface AlertQueueSpec {
  /** Carries reset-code requests (the local server issues them itself, not through its timer queue). */
  readonly resetCodes: boolean;
  /** Hands back the throttling retry count (the local timer queue restarts it at 0: nothing throttles locally). */
  readonly keepsRetries: boolean;
  /** Can be made to refuse work (the local timer queue's failures are its scheduler's). */
  readonly unavailable: boolean;
}

const atMs = (ms: number): string => new Date(Date.parse(NOW) + ms).toISOString();

/** The behaviour every AlertQueue shares (docs/alerts.md), at NOW; run below on each adapter. */
function describeAlertQueueContract(name: string, makeAdapter: () => Promise<AlertQueueUnderTest>, spec: AlertQueueSpec): void {
  describe(`AlertQueue contract (${name})`, () => {
    let adapter: AlertQueueUnderTest;

    beforeEach(async () => {
      adapter = await makeAdapter();
    });

    const dueNow: Array<readonly [string, AlertWork]> = [
      ['a send', { ...send, retries: 0 }],
      ['a throttled schedule creation', { ...schedule, retries: 0 }],
      ...(spec.resetCodes ? [['a reset-code request', resetCode] as const] : []),
    ];
    it.each(dueNow)('R11: hands %s due now to the consumer as it was enqueued, within the second', async (_what, work) => {
      await adapter.queue.enqueue(work, 0);

      const [arrival, ...others] = await adapter.arrivals();
      expect(others).toEqual([]);
      expect(arrival?.work).toEqual(work);
      expect(arrival !== undefined && arrival.at >= NOW && arrival.at < atMs(1_000)).toBe(true);
    });

    it.each([2_500, 60_000, 15 * 60_000])('R11: holds work enqueued with a delay of %i ms back that long, and less than a second more', async (delayMs) => {
      await adapter.queue.enqueue(send, delayMs);

      const [arrival] = await adapter.arrivals();
      expect(arrival !== undefined && arrival.at >= atMs(delayMs) && arrival.at < atMs(delayMs + 1_000)).toBe(true);
    });

    if (spec.keepsRetries) {
      it('hands back the count of throttled tries, which the consumer\'s backoff grows from', async () => {
        await adapter.queue.enqueue({ ...send, retries: 4 }, 8_000);

        expect((await adapter.arrivals()).map((arrival) => arrival.work)).toEqual([{ ...send, retries: 4 }]);
      });
    }

    if (spec.unavailable) {
      it('reports a queue that refuses or cannot take the work as AlertQueueUnavailableError, so the caller repeats it', async () => {
        if (adapter.unavailableNext === undefined) throw new Error('this adapter cannot be made unavailable');
        adapter.unavailableNext();

        await expect(adapter.queue.enqueue(send, 0)).rejects.toBeInstanceOf(AlertQueueUnavailableError);
        expect(await adapter.arrivals()).toEqual([]);
      });
    }
  });
}

describeAlertQueueContract(
  'InMemoryAlertQueue',
  async () => {
    const queue = new InMemoryAlertQueue(new FixedClock(NOW));
    return {
      queue,
      arrivals: async () => queue.pending().map(({ work, visibleAt }) => ({ work, at: visibleAt })),
      unavailableNext: () => queue.failNext(1),
    };
  },
  { resetCodes: true, keepsRetries: true, unavailable: true },
);

describeAlertQueueContract(
  'SqsAlertQueue, its SendMessage requests read back',
  async () => {
    const { url, received, refuseNext } = await endpoint();
    return {
      queue: sqsQueue(url),
      arrivals: async () =>
        received
          .filter((request) => request.status === 200)
          .map((request) => {
            const { QueueUrl, MessageBody, DelaySeconds } = JSON.parse(request.body) as { QueueUrl: string; MessageBody: string; DelaySeconds: number };
            expect(QueueUrl).toBe(QUEUE_URL);
            const work = parseAlertWork(MessageBody);
            if (work === null) throw new Error(`not alert work: ${MessageBody}`);
            // SQS makes the message visible DelaySeconds after it receives it.
            return { work, at: atMs(DelaySeconds * 1_000) };
          }),
      unavailableNext: refuseNext,
    };
  },
  { resetCodes: true, keepsRetries: true, unavailable: true },
);

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

describeAlertQueueContract(
  'TimerAlertQueue, its triggers read back',
  async () => {
    const scheduler = recordingScheduler();
    const queue = new TimerAlertQueue({ scheduler, clock: new FixedClock(NOW), rates: { sms: 4, email: 2 } });
    return {
      queue,
      // A send becomes an alertRetry trigger, handed to the consumer as handleTrigger does (the
      // channel read from the letter's alert); a schedule creation is done at once, as the trigger itself.
      arrivals: async () =>
        scheduler.pending().map((trigger): Arrival => {
          const { payload } = trigger;
          if (payload.kind === 'alertRetry' && trigger.name.startsWith('q.')) {
            const channel = payload.alertId.endsWith('.sms') ? 'sms' : 'email';
            return { work: { kind: 'send', letterId: payload.letterId, alertId: payload.alertId, channel, retries: 0 }, at: trigger.at };
          }
          return { work: { kind: 'schedule', trigger, retries: 0 }, at: NOW };
        }),
    };
  },
  { resetCodes: false, keepsRetries: false, unavailable: false },
);

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
