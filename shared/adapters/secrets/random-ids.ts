/** Secrets and ids from the operating system's CSPRNG (node:crypto). */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { CONNECTION_KEY_ALPHABET, CONNECTION_KEY_LENGTH, formatConnectionKey } from '../../domain/identity.ts';
import type { Ids } from '../../ports.ts';

export class RandomIds implements Ids {
  /** 32 random bytes (256 bits), base64url. */
  sessionToken(): string {
    return randomBytes(32).toString('base64url');
  }

  /** 16 symbols of a 32-symbol alphabet (5 bits each: 80 bits), grouped by four: `K7QF-9M2X-PR4D-8ZTW`. */
  connectionKey(): string {
    const symbols = Array.from({ length: CONNECTION_KEY_LENGTH }, () => CONNECTION_KEY_ALPHABET.charAt(randomInt(CONNECTION_KEY_ALPHABET.length)));
    return formatConnectionKey(symbols.join(''));
  }

  /** Six decimal digits, uniformly (randomInt rejects biased draws). */
  resetCode(): string {
    return randomInt(1_000_000).toString().padStart(6, '0');
  }

  uniqueId(): string {
    return randomUUID();
  }
}
