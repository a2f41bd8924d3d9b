/**
 * Argon2Hasher's work in a small pool of worker threads (docs/api.md: password hashing never blocks the
 * server; a burst of logins does not slow other requests more than 3-fold). Same hashes, same
 * parameters: a hash made by one verifies with the other. Used by the long-running local server;
 * a Lambda serves one request at a time and hashes in its own thread (Argon2Hasher).
 *
 * The pool keeps one core for the event loop (threads = cores − 1, at least 1) and a bounded
 * queue: when it is full the hasher refuses at once (ServiceUnavailableError → 503 with
 * Retry-After) instead of letting waiting logins pile up.
 */
import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import { ServiceUnavailableError } from '../../errors.ts';
import type { Hasher } from '../../ports.ts';
import { ARGON2_PARAMETERS, type Argon2Parameters } from './argon2-hasher.ts';

export interface PooledHasherOptions {
  readonly parameters?: Argon2Parameters;
  /** Worker threads; default: cores − 1, at least 1. */
  readonly threads?: number;
  /** Verifications allowed to wait for a thread; default 32 per thread. */
  readonly maxQueue?: number;
}

/** The pool's default size on this machine: every core but one for the event loop. */
export function defaultHashThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class PooledArgon2Hasher implements Hasher {
  private readonly pool: Tinypool;
  private readonly parameters: Argon2Parameters;

  constructor(options: PooledHasherOptions = {}) {
    const threads = options.threads ?? defaultHashThreads();
    this.parameters = options.parameters ?? ARGON2_PARAMETERS;
    this.pool = new Tinypool({
      filename: new URL('./argon2-worker.mjs', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      maxQueue: options.maxQueue ?? threads * 32,
      // Worker threads inherit the parent's execArgv (a TypeScript loader); the worker needs none.
      execArgv: [],
    });
  }

  hash(secret: string): Promise<string> {
    return this.run({ op: 'hash', secret, ...this.parameters }) as Promise<string>;
  }

  /** Constant-time in the secret (argon2Verify, in the worker); a malformed stored hash verifies nothing. */
  verify(hash: string, secret: string): Promise<boolean> {
    return this.run({ op: 'verify', hash, secret }) as Promise<boolean>;
  }

  /** Stops the threads (pending work is refused). */
  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private async run(task: Record<string, unknown>): Promise<unknown> {
    try {
      return await this.pool.run(task);
    } catch (error) {
      if (error instanceof Error && /queue is at limit|No task queue available/i.test(error.message)) {
        throw new ServiceUnavailableError('hashing', { cause: error });
      }
      throw error;
    }
  }
}
