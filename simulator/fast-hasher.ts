/**
 * A salted SHA-256 Hasher for fast tests and simulations ONLY: far too fast for real passwords
 * (production uses Argon2Hasher). Same contract: random salt, constant-time comparison.
 */
import { hash as sha, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Hasher } from '../shared/ports.ts';

const PREFIX = 'fast-sha256';

export class FastHasher implements Hasher {
  async hash(secret: string): Promise<string> {
    const salt = randomSalt();
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
  return sha('sha256', `${salt}:${secret}`, 'hex');
}

const SALT_BYTES = 16;
/** Random bytes drawn 256 salts at a time: one call to the CSPRNG costs as much as the whole hash. */
let saltPool = Buffer.alloc(0);
let saltOffset = 0;

/** 16 fresh random bytes, hex. */
function randomSalt(): string {
  if (saltOffset + SALT_BYTES > saltPool.length) {
    saltPool = randomBytes(SALT_BYTES * 256);
    saltOffset = 0;
  }
  const salt = saltPool.toString('hex', saltOffset, saltOffset + SALT_BYTES);
  saltOffset += SALT_BYTES;
  return salt;
}
