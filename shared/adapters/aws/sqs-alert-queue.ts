/**
 * The AlertQueue port on Amazon SQS (docs/alerts.md): one standard queue; the alerts Lambda
 * consumes it at the pace of the providers' quotas. SQS delays a message by at most 15 minutes:
 * a longer wait (a 30- or 120-minute retry) arrives early, and the consumer, finding the attempt
 * not yet due, enqueues it again for the rest of the wait.
 *
 * One operation is used (SendMessage, AWS JSON 1.0 protocol), signed with SigV4 by the signer the
 * other SDK clients already bundle: the SQS client would add about 24 KB to every function that
 * enqueues (the office's bundle is close to its 800 KB budget) for this one call.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Provider } from '@smithy/types';
import { AlertQueueUnavailableError } from '../../errors.ts';
import type { AlertQueue, AlertWork, Trigger } from '../../ports.ts';
import { NodeSha256 } from './node-sha256.ts';

/** SQS's largest DelaySeconds. */
export const MAX_SQS_DELAY_SECONDS = 900;

export interface SqsAlertQueueOptions {
  /** The queue's URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`). */
  readonly queueUrl: string;
  readonly region: string;
  readonly credentials: Provider<AwsCredentialIdentity>;
  /** The service endpoint; default `https://sqs.<region>.amazonaws.com/`. */
  readonly endpoint?: string;
  /** Injected for tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export class SqsAlertQueue implements AlertQueue {
  readonly #options: SqsAlertQueueOptions;
  readonly #endpoint: URL;
  readonly #signer: SignatureV4;

  constructor(options: SqsAlertQueueOptions) {
    this.#options = options;
    this.#endpoint = new URL(options.endpoint ?? `https://sqs.${options.region}.amazonaws.com/`);
    this.#signer = new SignatureV4({ service: 'sqs', region: options.region, credentials: options.credentials, sha256: NodeSha256 });
  }

  async enqueue(work: AlertWork, delayMs: number): Promise<void> {
    const delaySeconds = Math.min(MAX_SQS_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
    const body = JSON.stringify({ QueueUrl: this.#options.queueUrl, MessageBody: JSON.stringify(work), DelaySeconds: delaySeconds });
    const url = this.#endpoint;
    const signed = await this.#signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' },
      body,
    });
    let response: Response;
    try {
      response = await (this.#options.fetch ?? fetch)(url, { method: 'POST', headers: signed.headers, body });
    } catch (error) {
      throw new AlertQueueUnavailableError('could not be reached', { cause: error });
    }
    if (!response.ok) {
      // The error body names the error type only (never the message content).
      const detail = await response.text().catch(() => '');
      throw new AlertQueueUnavailableError(`refused the message (HTTP ${response.status}): ${detail.slice(0, 200)}`);
    }
  }
}

/** The work in a message body of this queue, or null for a body that is not one (logged and dropped). */
export function parseAlertWork(body: string): AlertWork | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const work = value as Partial<Record<string, unknown>>;
  const retries = typeof work.retries === 'number' && Number.isInteger(work.retries) && work.retries >= 0 ? work.retries : null;
  if (retries === null) return null;
  if (work.kind === 'send' && typeof work.letterId === 'string' && typeof work.alertId === 'string' && (work.channel === 'sms' || work.channel === 'email')) {
    return { kind: 'send', letterId: work.letterId, alertId: work.alertId, channel: work.channel, retries };
  }
  if (
    work.kind === 'resetCode' &&
    typeof work.identifier === 'string' &&
    (work.channel === 'sms' || work.channel === 'email') &&
    typeof work.requestedAt === 'string' &&
    !Number.isNaN(Date.parse(work.requestedAt))
  ) {
    return { kind: 'resetCode', identifier: work.identifier, channel: work.channel, requestedAt: work.requestedAt, retries };
  }
  if (work.kind === 'schedule' && typeof work.trigger === 'object' && work.trigger !== null) {
    const trigger = work.trigger as Partial<Record<string, unknown>>;
    const payload = trigger.payload as { kind?: unknown; letterId?: unknown } | undefined;
    const knownKind = payload?.kind === 'deem' || payload?.kind === 'remind' || payload?.kind === 'alertRetry';
    if (typeof trigger.name === 'string' && typeof trigger.at === 'string' && typeof payload?.letterId === 'string' && knownKind) {
      return { kind: 'schedule', trigger: work.trigger as Trigger, retries };
    }
  }
  return null;
}
