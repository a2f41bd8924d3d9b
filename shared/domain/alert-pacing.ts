/**
 * R11 at campaign scale (docs/alerts.md): when an alert attempt is retried, and how fast alerts
 * may leave. Pure: no clock, no randomness — the jitter is a function of the alert id, so a run is
 * reproducible and every reader of an alert computes the same due instant.
 */

/** Minutes to wait after attempt 1, 2, 3, 4 before the next one, before jitter. */
export const ALERT_RETRY_DELAYS_MINUTES: readonly number[] = [2, 10, 30, 120];
/** One first attempt and one retry per delay. */
export const MAX_ALERT_ATTEMPTS = ALERT_RETRY_DELAYS_MINUTES.length + 1;
/** A retry waits its delay plus up to this share of it, so alerts that failed together do not retry together. */
export const RETRY_JITTER_SHARE = 0.25;
/** A throttled send or schedule creation is tried again after 1 s, doubling, at most 60 s, plus jitter. */
export const THROTTLED_BASE_MS = 1_000;
export const THROTTLED_CAP_MS = 60_000;

const MINUTE_MS = 60_000;

/**
 * The providers' default account quotas (messages per second): SNS SMS 20/s, SES 14/s once out
 * of the sandbox. A stage sets its own (infra/config.ts) when its quotas were raised.
 */
export const DEFAULT_ALERT_RATES = { sms: 20, email: 14 } as const;
/** EventBridge Scheduler's CreateSchedule rate the simulator assumes by default (docs/timelines.md). */
export const DEFAULT_SCHEDULER_RATE = 50;

/**
 * A stable fraction in [0, 1) for `key` (FNV-1a, 32 bits): the jitter of one alert's attempt.
 * @example jitterFraction('L-1.deposit.0.sms#2') // the same value on every call
 */
export function jitterFraction(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}

/**
 * R11: how long after attempt `attempt` (1-based) of alert `alertId` its retry is due — also how
 * long that attempt's claim holds. 2, 10, 30 then 120 minutes, each plus a jitter of up to 25 %
 * that differs between alerts (a batch that failed together spreads its retries).
 */
export function retryDelayMs(alertId: string, attempt: number): number {
  const index = Math.min(Math.max(attempt, 1), ALERT_RETRY_DELAYS_MINUTES.length) - 1;
  const base = (ALERT_RETRY_DELAYS_MINUTES[index] ?? 0) * MINUTE_MS;
  return Math.round(base * (1 + RETRY_JITTER_SHARE * jitterFraction(`${alertId}#${attempt}`)));
}

/**
 * How long to wait before trying again a call the provider throttled for the `retries`-th time in
 * a row (0-based): exponential from 1 s, capped at 60 s, with "equal jitter" (half fixed, half
 * spread by `key`). Throttling is "later", never an attempt that counts toward failure.
 */
export function throttledRetryDelayMs(key: string, retries: number): number {
  const ceiling = Math.min(THROTTLED_CAP_MS, THROTTLED_BASE_MS * 2 ** Math.min(Math.max(retries, 0), 16));
  return Math.round(ceiling / 2 + (ceiling / 2) * jitterFraction(`${key}~${retries}`));
}

/**
 * Spaces sends evenly at `perSecond` (the quota of one provider, or this consumer's share of it).
 * Ask for a slot when an item comes due, in time order: the answer is the instant it may go.
 */
export class Pacer {
  private nextFreeMs = Number.NEGATIVE_INFINITY;
  private readonly intervalMs: number;

  constructor(readonly perSecond: number) {
    if (!(perSecond > 0)) throw new RangeError('a pace is a positive number of items per second');
    this.intervalMs = 1_000 / perSecond;
  }

  /** Reserves the first free slot at or after `dueMs` and returns it (epoch milliseconds). */
  slot(dueMs: number): number {
    const at = Math.max(dueMs, this.nextFreeMs);
    this.nextFreeMs = at + this.intervalMs;
    return at;
  }
}
