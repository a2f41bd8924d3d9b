/**
 * The AlertQueue port in memory: messages kept with the instant they become visible, released by
 * a test (or a loop) when their time comes — like SQS with DelaySeconds, without the pacing,
 * which belongs to the consumer.
 */
import type { Instant } from '../../domain/types.ts';
import { AlertQueueUnavailableError } from '../../errors.ts';
import type { AlertQueue, AlertWork, Clock } from '../../ports.ts';

export interface QueuedWork {
  readonly work: AlertWork;
  readonly visibleAt: Instant;
}

export class InMemoryAlertQueue implements AlertQueue {
  private messages: QueuedWork[] = [];
  private failures = 0;

  constructor(private readonly clock: Clock) {}

  async enqueue(work: AlertWork, delayMs: number): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new AlertQueueUnavailableError('refused the message (told to fail)');
    }
    const visibleAt = new Date(Date.parse(this.clock.now()) + Math.max(0, delayMs)).toISOString();
    this.messages.push({ work: structuredClone(work), visibleAt });
  }

  /** Removes and returns the messages visible at or before `until`, in time order (ties: enqueue order). */
  due(until: Instant): QueuedWork[] {
    const limit = Date.parse(until);
    const due = this.pending().filter((message) => Date.parse(message.visibleAt) <= limit);
    this.messages = this.messages.filter((message) => !due.includes(message));
    return due;
  }

  /** Every message still queued, in time order (ties: enqueue order). */
  pending(): QueuedWork[] {
    return this.messages
      .map((message, index) => ({ message, index }))
      .sort((a, b) => Date.parse(a.message.visibleAt) - Date.parse(b.message.visibleAt) || a.index - b.index)
      .map(({ message }) => message);
  }

  /** The next `count` enqueues fail as SQS's refusals do (AlertQueueUnavailableError). */
  failNext(count: number): void {
    this.failures = count;
  }
}
