/**
 * The timers the local schedulers wake on. Node's own by default; a test injects a manual one
 * (test/support/manual-timers.ts) so that time moves only when it says, never by wall-clock waits.
 */

/** setTimeout's largest delay; a longer wait must wake early and re-arm. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface Timers {
  /** Calls `callback` once after `delayMs` (0 ≤ delayMs ≤ MAX_TIMER_DELAY_MS); the handle is for `clear`. */
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

/** Node's timers, unref'd: the server keeps `npm start` alive; a pending trigger alone should not. */
export const NODE_TIMERS: Timers = {
  set(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return timer;
  },
  clear(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
