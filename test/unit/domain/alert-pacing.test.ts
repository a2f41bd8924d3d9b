import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALERT_RETRY_DELAYS_MINUTES,
  Pacer,
  RETRY_JITTER_SHARE,
  THROTTLED_CAP_MS,
  jitterFraction,
  retryDelayMs,
  throttledRetryDelayMs,
} from '../../../shared/domain/alert-pacing.ts';

describe('retryDelayMs', () => {
  it('R11: waits 2, 10, 30 then 120 minutes after attempts 1–4, each plus at most 25 % of jitter', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 4 }), (alertId, attempt) => {
        const base = (ALERT_RETRY_DELAYS_MINUTES[attempt - 1] ?? 0) * 60_000;
        const delay = retryDelayMs(alertId, attempt);
        expect(delay).toBeGreaterThanOrEqual(base);
        expect(delay).toBeLessThanOrEqual(base * (1 + RETRY_JITTER_SHARE));
      }),
    );
  });

  it('is the same for the same alert and attempt (every reader computes the same due instant)', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 5 }), (alertId, attempt) => retryDelayMs(alertId, attempt) === retryDelayMs(alertId, attempt)));
  });

  it('spreads a batch that failed together: 1,000 alerts failing at once retry over more than a fifth of the window', () => {
    const delays = Array.from({ length: 1000 }, (_, i) => retryDelayMs(`L-${i}.deposit.0.sms`, 1));
    const spread = Math.max(...delays) - Math.min(...delays);
    expect(spread).toBeGreaterThan(0.2 * 2 * 60_000);
    expect(new Set(delays).size).toBeGreaterThan(900);
  });
});

describe('throttledRetryDelayMs', () => {
  it('grows from about a second and never exceeds a minute', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 100 }), (key, retries) => {
        const ceiling = Math.min(THROTTLED_CAP_MS, 1000 * 2 ** Math.min(retries, 16));
        const delay = throttledRetryDelayMs(key, retries);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });
});

describe('jitterFraction', () => {
  it('is in [0, 1)', () => {
    fc.assert(fc.property(fc.string(), (key) => jitterFraction(key) >= 0 && jitterFraction(key) < 1));
  });
});

describe('Pacer', () => {
  it('never gives two slots closer than 1/rate, and gives a slot no earlier than asked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 200 }), (rate, gaps) => {
        const pacer = new Pacer(rate);
        let due = 0;
        let previous = Number.NEGATIVE_INFINITY;
        for (const gap of gaps) {
          due += gap;
          const slot = pacer.slot(due);
          expect(slot).toBeGreaterThanOrEqual(due);
          expect(slot - previous).toBeGreaterThanOrEqual(1000 / rate - 1e-9);
          previous = slot;
        }
      }),
    );
  });

  it('lets a burst out at exactly the rate: 20 items due at once at 20/s take 950 ms', () => {
    const pacer = new Pacer(20);
    const slots = Array.from({ length: 20 }, () => pacer.slot(0));
    expect(slots.at(-1)).toBe(950);
  });
});
