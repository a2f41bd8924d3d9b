/**
 * The alerts Lambda's loop over one SQS batch (docs/alerts.md): messages are grouped by provider
 * lane (SMS, e-mail, scheduler), the lanes run side by side, and within a lane each message waits
 * for its slot of this consumer's share of the quota (the stage's rate divided by the event
 * source's maximum concurrency) before the product's consumer handles it. A message whose
 * handling throws is reported as a batch item failure: SQS makes it visible again later.
 */
import { Pacer } from '../shared/domain/alert-pacing.ts';
import type { AlertChannel } from '../shared/domain/types.ts';
import type { AlertWork } from '../shared/ports.ts';
import { type AlertWorkDeps, type AlertWorkOutcome, consumeAlertWork } from '../shared/use-cases/consume-alert-work.ts';
import { parseAlertWork } from '../shared/adapters/aws/sqs-alert-queue.ts';

export type Lane = AlertChannel | 'scheduler';

export interface SqsRecordLike {
  readonly messageId: string;
  readonly body: string;
}

export interface PacedConsumerOptions {
  /** Messages per second per lane for this consumer (its share of the account's quota). */
  readonly rates: Readonly<Record<Lane, number>>;
  /** Milliseconds on the consumer's clock (Date.now in the Lambda). */
  readonly nowMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Told about each message handled (logs, metrics). */
  readonly onOutcome?: (work: AlertWork, outcome: AlertWorkOutcome) => void;
  /** Told about a body that is no alert work (dropped) or a handling that failed (retried). */
  readonly onProblem?: (messageId: string, problem: unknown) => void;
}

/** Paces and consumes one batch; returns the ids of the messages to retry (SQS partial batch response). */
export class PacedAlertConsumer {
  readonly #options: PacedConsumerOptions;
  readonly #pacers: Readonly<Record<Lane, Pacer>>;

  constructor(options: PacedConsumerOptions) {
    this.#options = options;
    // The pacers outlive one batch: a warm Lambda keeps its pace from one batch to the next.
    this.#pacers = { sms: new Pacer(options.rates.sms), email: new Pacer(options.rates.email), scheduler: new Pacer(options.rates.scheduler) };
  }

  async consume(deps: AlertWorkDeps, records: readonly SqsRecordLike[]): Promise<string[]> {
    const lanes = new Map<Lane, Array<{ readonly messageId: string; readonly work: AlertWork }>>();
    for (const record of records) {
      const work = parseAlertWork(record.body);
      if (work === null) {
        this.#options.onProblem?.(record.messageId, new Error('not an alert-queue message'));
        continue;
      }
      const lane: Lane = work.kind === 'schedule' ? 'scheduler' : work.channel;
      lanes.set(lane, [...(lanes.get(lane) ?? []), { messageId: record.messageId, work }]);
    }
    const failures: string[] = [];
    await Promise.all(
      [...lanes].map(async ([lane, items]) => {
        for (const { messageId, work } of items) {
          const now = this.#options.nowMs();
          const slot = this.#pacers[lane].slot(now);
          if (slot > now) await this.#options.sleep(slot - now);
          try {
            // Handled first, then told: `onOutcome?.(…, await …)` would skip the handling when no one listens.
            const outcome = await consumeAlertWork(deps, work);
            this.#options.onOutcome?.(work, outcome);
          } catch (error) {
            failures.push(messageId);
            this.#options.onProblem?.(messageId, error);
          }
        }
      }),
    );
    return failures;
  }
}
