/**
 * A provider's rate quota on virtual time: at most `perSecond` calls per second on average, with a
 * burst of one second's worth — how SNS, SES and EventBridge Scheduler meter an account.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs = Number.NEGATIVE_INFINITY;
  /** Calls refused so far. */
  refused = 0;

  constructor(readonly perSecond: number) {
    if (!(perSecond > 0)) throw new RangeError('a quota is a positive number of calls per second');
    this.tokens = perSecond;
  }

  /** Takes a token at `nowMs` if one is left (true), else counts a refusal (false). */
  take(nowMs: number): boolean {
    if (Number.isFinite(this.lastMs)) {
      this.tokens = Math.min(this.perSecond, this.tokens + ((nowMs - this.lastMs) * this.perSecond) / 1000);
    }
    this.lastMs = Math.max(this.lastMs, nowMs);
    // Evenly spaced calls at exactly the quota must pass despite floating-point rounding.
    if (this.tokens >= 1 - 1e-9) {
      this.tokens -= 1;
      return true;
    }
    this.refused += 1;
    return false;
  }
}
