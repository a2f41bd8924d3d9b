/**
 * AttemptLedger in memory: the twin of DynamoDbAttemptLedger, held to the same contract suite
 * (versioned conditional writes, records keyed by a keyed hash of the subject). The check and the
 * write of `put` happen in one synchronous step, so parallel callers race exactly as on DynamoDB.
 */
import { randomBytes } from 'node:crypto';
import type { Instant } from '../../domain/types.ts';
import { ConcurrentUpdateError } from '../../errors.ts';
import type { AttemptLedger, AttemptRecord } from '../../ports.ts';
import { attemptKey } from '../store-rules.ts';

interface StoredAttempts {
  readonly attempts: readonly Instant[];
  readonly version: number;
  readonly expiresAt: Instant;
}

export class InMemoryAttemptLedger implements AttemptLedger {
  private readonly records = new Map<string, StoredAttempts>();
  private readonly secret: Uint8Array;

  constructor(options: { readonly secret?: Uint8Array } = {}) {
    this.secret = options.secret ?? randomBytes(32);
  }

  async get(subject: string): Promise<AttemptRecord> {
    const stored = this.records.get(attemptKey(this.secret, subject));
    return stored === undefined ? { attempts: [], version: 0 } : { attempts: [...stored.attempts], version: stored.version };
  }

  async put(subject: string, attempts: readonly Instant[], expectedVersion: number, expiresAt: Instant): Promise<void> {
    const key = attemptKey(this.secret, subject);
    const storedVersion = this.records.get(key)?.version ?? 0;
    if (storedVersion !== expectedVersion) throw new ConcurrentUpdateError(`ATTEMPTS#${key}`);
    this.records.set(key, { attempts: Object.freeze([...attempts]), version: expectedVersion + 1, expiresAt });
  }

  /** How many subjects have a record (tests: an unknown identifier is recorded like a real one). */
  size(): number {
    return this.records.size;
  }
}
