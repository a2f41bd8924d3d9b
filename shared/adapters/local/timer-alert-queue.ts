/**
 * The AlertQueue port for `npm start`: the durable timer queue. Each message becomes a one-time
 * trigger of the local scheduler (stored in the local table, so it survives a restart), fired into
 * the same consumer as in the cloud (handleTrigger → consumeAlertWork). Sends due now are paced
 * per channel with the same Pacer as the cloud consumer, at the configured rates.
 */
import { Pacer } from '../../domain/alert-pacing.ts';
import type { AlertChannel } from '../../domain/types.ts';
import type { AlertQueue, AlertWork, Clock, Scheduler } from '../../ports.ts';

export interface TimerAlertQueueOptions {
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  /** Messages per second per channel. */
  readonly rates: Readonly<Record<AlertChannel, number>>;
}

export class TimerAlertQueue implements AlertQueue {
  readonly #options: TimerAlertQueueOptions;
  readonly #pacers: Readonly<Record<AlertChannel, Pacer>>;

  constructor(options: TimerAlertQueueOptions) {
    this.#options = options;
    this.#pacers = { sms: new Pacer(options.rates.sms), email: new Pacer(options.rates.email) };
  }

  async enqueue(work: AlertWork, delayMs: number): Promise<void> {
    const nowMs = Date.parse(this.#options.clock.now());
    if (work.kind === 'schedule') {
      // The local scheduler has no quota: creating the trigger is the retry.
      await this.#options.scheduler.schedule(work.trigger);
      return;
    }
    if (work.kind === 'resetCode') {
      // The local server issues reset codes in a background task (scripts/local/local-system.ts), not through timers.
      throw new Error('Reset-code requests do not go through the local timer queue.');
    }
    // Pacing reserves slots in time order: only work due now takes one (a retry hours ahead must
    // not hold back the sends of the next minutes); the few delayed retries go unpaced.
    const atMs = delayMs > 0 ? nowMs + delayMs : this.#pacers[work.channel].slot(nowMs);
    const at = new Date(Math.ceil(atMs)).toISOString();
    await this.#options.scheduler.schedule({
      name: `q.${work.alertId}.${Math.floor(atMs / 1000).toString(36)}`,
      at,
      payload: { kind: 'alertRetry', letterId: work.letterId, alertId: work.alertId },
    });
  }
}
