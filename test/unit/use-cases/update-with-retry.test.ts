import { describe, expect, it } from 'vitest';
import { ConcurrentUpdateError, StoreThrottledError } from '../../../shared/errors.ts';
import { MAX_UPDATE_ATTEMPTS, retryBackoffMs, updateWithRetry } from '../../../shared/use-cases/letter-updates.ts';

interface Counter {
  readonly version: number;
  readonly count: number;
}

/** A one-record store whose first `failures` writes fail with `error()`; counts its calls. */
function flakyStore(failures: number, error: () => Error) {
  let record: Counter = { version: 1, count: 0 };
  const calls = { get: 0, update: 0 };
  return {
    calls,
    current: () => record,
    get: async () => {
      calls.get += 1;
      return record;
    },
    update: async (next: Counter, expectedVersion: number) => {
      calls.update += 1;
      if (calls.update <= failures) throw error();
      if (expectedVersion !== record.version) throw new ConcurrentUpdateError('counter');
      record = next;
    },
  };
}

const increment = (current: Counter): Counter => ({ ...current, count: current.count + 1 });

describe('updateWithRetry', () => {
  it('retries a throttled write as is, backing off through the injected sleep (5 ms doubling, at most 200 ms)', async () => {
    const store = flakyStore(8, () => new StoreThrottledError());
    const waits: number[] = [];

    const result = await updateWithRetry(store, 'c', 'counter', increment, undefined, {
      attempts: 25,
      retryThrottled: true,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

    expect(result).toEqual({ record: { version: 2, count: 1 }, changed: true });
    expect(store.calls).toEqual({ get: 1, update: 9 });
    expect(waits).toEqual([5, 10, 20, 40, 80, 160, 200, 200]);
    expect(waits).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(retryBackoffMs));
  });

  it('gives up after the policy’s store calls with the last throttling error', async () => {
    const store = flakyStore(Number.POSITIVE_INFINITY, () => new StoreThrottledError());

    await expect(updateWithRetry(store, 'c', 'counter', increment, undefined, { attempts: 25, retryThrottled: true })).rejects.toBeInstanceOf(
      StoreThrottledError,
    );
    expect(store.calls.update).toBe(25);
    expect(store.current()).toEqual({ version: 1, count: 0 });
  });

  it('by default lets a throttled write go up at once and re-reads after each lost race, MAX_UPDATE_ATTEMPTS times', async () => {
    const throttled = flakyStore(1, () => new StoreThrottledError());
    await expect(updateWithRetry(throttled, 'c', 'counter', increment)).rejects.toBeInstanceOf(StoreThrottledError);
    expect(throttled.calls.update).toBe(1);

    const racing = flakyStore(Number.POSITIVE_INFINITY, () => new ConcurrentUpdateError('c'));
    await expect(updateWithRetry(racing, 'c', 'counter', increment)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(racing.calls).toEqual({ get: MAX_UPDATE_ATTEMPTS, update: MAX_UPDATE_ATTEMPTS });
  });
});
