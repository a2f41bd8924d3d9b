/**
 * A per-client rate limit on the credential endpoints (login, activation, password resets, and
 * the pages' forms for them) for the local server; in the cloud the WAF does this job. It bounds
 * how much argon2id work one client can ask for, so a login flood cannot starve other requests.
 * A token bucket per client address: `burst` requests at once, then `perMinute` a minute.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';

/** docs/api.md-shaped 429 for a client that sends credentials faster than allowed. */
export class RateLimitedError extends AppError {
  readonly code = 'too_many_requests';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests from this client. Try again later.');
  }
}

export interface RateLimitOptions {
  /** Sustained rate per client. */
  readonly perMinute: number;
  /** Requests a client may send at once before the rate applies. */
  readonly burst: number;
  /** The client's identity (its address). */
  readonly clientOf: (c: Context) => string;
  /** Milliseconds on a monotonic or wall clock (injected: nothing here reads the time itself). */
  readonly nowMs: () => number;
  /** Most clients tracked at once; the fullest buckets are forgotten first. */
  readonly maxClients?: number;
}

/** The paths a credential is sent to: the JSON API's and the pages' forms. */
const CREDENTIAL_PATHS = new Set([
  '/api/v1/session',
  '/api/v1/account/activate',
  '/api/v1/password/reset-with-key',
  '/api/v1/password/reset-code',
  '/api/v1/password/reset-with-code',
  '/',
  '/activate',
]);

function isCredentialRequest(c: Context): boolean {
  return c.req.method === 'POST' && (CREDENTIAL_PATHS.has(c.req.path) || c.req.path.startsWith('/password/'));
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export function credentialRateLimit(options: RateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = options.perMinute / 60_000;
  const maxClients = options.maxClients ?? 10_000;

  const refilled = (bucket: Bucket, now: number): number =>
    Math.min(options.burst, bucket.tokens + (now - bucket.updatedMs) * refillPerMs);

  return async (c, next) => {
    if (!isCredentialRequest(c)) return next();
    const now = options.nowMs();
    const client = options.clientOf(c);
    const bucket = buckets.get(client) ?? { tokens: options.burst, updatedMs: now };
    bucket.tokens = refilled(bucket, now);
    bucket.updatedMs = now;
    if (bucket.tokens < 1) {
      throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)));
    }
    bucket.tokens -= 1;
    buckets.set(client, bucket);
    if (buckets.size > maxClients) {
      for (const [key, other] of buckets) if (refilled(other, now) >= options.burst) buckets.delete(key);
    }
    return next();
  };
}
