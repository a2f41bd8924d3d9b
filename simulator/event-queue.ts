/**
 * The discrete-event queue: a binary min-heap ordered by (instant in ms, tie), where `tie` puts
 * the timeline's own events in file order before anything the system scheduled for the same
 * instant, and scheduled things in the order they were scheduled.
 */
export interface QueueEntry<T> {
  readonly ms: number;
  readonly tie: number;
  readonly item: T;
}

export class EventQueue<T> {
  private readonly heap: QueueEntry<T>[] = [];
  private nextTie: number;

  /** `firstSystemTie`: ties at or above it are handed out to system entries (`pushSystem`). */
  constructor(firstSystemTie = 0) {
    this.nextTie = firstSystemTie;
  }

  get size(): number {
    return this.heap.length;
  }

  /** An entry with an explicit tie (timeline events: their rank in file order). */
  push(ms: number, tie: number, item: T): void {
    const heap = this.heap;
    heap.push({ ms, tie, item });
    let i = heap.length - 1;
    const entry = heap[i] as QueueEntry<T>;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex] as QueueEntry<T>;
      if (!before(entry, parent)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = entry;
  }

  /** An entry after every timeline event and earlier system entry of the same instant. */
  pushSystem(ms: number, item: T): void {
    this.push(ms, this.nextTie++, item);
  }

  peek(): QueueEntry<T> | undefined {
    return this.heap[0];
  }

  pop(): QueueEntry<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      if (r < n && before(heap[r] as QueueEntry<T>, heap[l] as QueueEntry<T>)) child = r;
      const c = heap[child] as QueueEntry<T>;
      if (!before(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before<T>(a: QueueEntry<T>, b: QueueEntry<T>): boolean {
  return a.ms < b.ms || (a.ms === b.ms && a.tie < b.tie);
}
