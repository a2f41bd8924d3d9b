/**
 * The AlertQueue port on Amazon SQS (docs/alerts.md): one standard queue; the alerts Lambda
 * consumes it at the pace of the providers' quotas. SQS delays a message by at most 15 minutes:
 * a longer wait (a 30- or 120-minute retry) arrives early, and the consumer, finding the attempt
 * not yet due, enqueues it again for the rest of the wait.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AlertQueue, AlertWork, Trigger } from '../../ports.ts';

/** SQS's largest DelaySeconds. */
export const MAX_SQS_DELAY_SECONDS = 900;

export interface SqsAlertQueueOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
}

export class SqsAlertQueue implements AlertQueue {
  readonly #options: SqsAlertQueueOptions;

  constructor(options: SqsAlertQueueOptions) {
    this.#options = options;
  }

  async enqueue(work: AlertWork, delayMs: number): Promise<void> {
    const delaySeconds = Math.min(MAX_SQS_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
    await this.#options.client.send(
      new SendMessageCommand({
        QueueUrl: this.#options.queueUrl,
        MessageBody: JSON.stringify(work),
        DelaySeconds: delaySeconds,
      }),
    );
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
  if (work.kind === 'schedule' && typeof work.trigger === 'object' && work.trigger !== null) {
    const trigger = work.trigger as Partial<Record<string, unknown>>;
    const payload = trigger.payload as { kind?: unknown; letterId?: unknown } | undefined;
    if (typeof trigger.name === 'string' && typeof trigger.at === 'string' && typeof payload?.letterId === 'string' && (payload.kind === 'deem' || payload.kind === 'remind' || payload.kind === 'alertRetry')) {
      return { kind: 'schedule', trigger: work.trigger as Trigger, retries };
    }
  }
  return null;
}
