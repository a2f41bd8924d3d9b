/**
 * A memo table with a size bound, so that a long-running process (a Lambda container, a
 * simulation of 100 000 applicants) keeps flat memory whatever it is asked. For memoising pure
 * functions only: an entry must be what the function returns for that key, whenever it is asked.
 *
 * Two generations of at most `limit / 2` entries each: new entries go to the recent one; when it
 * is full it becomes the older one and the previous older one is dropped; an entry found in the
 * older generation moves back to the recent one. Every operation is O(1) — evicting entries one by
 * one from a single Map would not be, as a Map's iterator skips the deleted entries at its front.
 */
export class BoundedCache<K, V> {
  private recent = new Map<K, V>();
  private older = new Map<K, V>();
  private readonly generationSize: number;

  /** @param limit at most this many entries are kept (≥ 2). */
  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`A cache holds at least two entries, not ${limit}`);
    this.generationSize = Math.floor(limit / 2);
  }

  get(key: K): V | undefined {
    const recent = this.recent.get(key);
    if (recent !== undefined || this.older.size === 0) return recent;
    const older = this.older.get(key);
    if (older !== undefined) {
      this.older.delete(key);
      this.put(key, older);
    }
    return older;
  }

  /** Stores `value` for `key` and returns it. */
  set(key: K, value: V): V {
    this.older.delete(key);
    this.put(key, value);
    return value;
  }

  /** Entries currently kept (at most `limit`). */
  get size(): number {
    return this.recent.size + this.older.size;
  }

  private put(key: K, value: V): void {
    if (this.recent.size >= this.generationSize && !this.recent.has(key)) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, value);
  }
}
