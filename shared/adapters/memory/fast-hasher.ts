/**
 * A salted SHA-256 Hasher for fast tests and simulations ONLY: far too fast for real passwords
 * (production uses Argon2Hasher). Same contract: random salt, constant-time comparison.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Hasher } from '../../ports.ts';

const PREFIX = 'fast-sha256';

export class FastHasher implements Hasher {
  async hash(secret: string): Promise<string> {
    const salt = randomBytes(16).toString('hex');
    return `${PREFIX}$${salt}$${digest(salt, secret)}`;
  }

  async verify(hash: string, secret: string): Promise<boolean> {
    const [prefix, salt, expected] = hash.split('$');
    if (prefix !== PREFIX || salt === undefined || expected === undefined) return false;
    const actual = Buffer.from(digest(salt, secret), 'hex');
    const wanted = Buffer.from(expected, 'hex');
    return actual.length === wanted.length && timingSafeEqual(actual, wanted);
  }
}

function digest(salt: string, secret: string): string {
  return createHash('sha256').update(`${salt}:${secret}`, 'utf8').digest('hex');
}
