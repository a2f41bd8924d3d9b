/**
 * Passwords, connection keys and reset codes hashed with argon2id (docs/architecture.md: secrets are never
 * stored in clear). Parameters follow OWASP's minimum for argon2id: 19 MiB, 2 iterations,
 * 1 lane; a random 16-byte salt per hash; the PHC string carries them, so they can be raised later
 * without invalidating stored hashes.
 */
import { randomBytes } from 'node:crypto';
import { argon2Verify, argon2id } from 'hash-wasm';
import type { Hasher } from '../../ports.ts';

export interface Argon2Parameters {
  /** KiB; at least 19456 (19 MiB). */
  readonly memorySize: number;
  readonly iterations: number;
  readonly parallelism: number;
}

export const ARGON2_PARAMETERS: Argon2Parameters = Object.freeze({ memorySize: 19_456, iterations: 2, parallelism: 1 });

export class Argon2Hasher implements Hasher {
  constructor(private readonly parameters: Argon2Parameters = ARGON2_PARAMETERS) {}

  async hash(secret: string): Promise<string> {
    return argon2id({
      password: secret,
      salt: randomBytes(16),
      memorySize: this.parameters.memorySize,
      iterations: this.parameters.iterations,
      parallelism: this.parameters.parallelism,
      hashLength: 32,
      outputType: 'encoded',
    });
  }

  /** Constant-time in the secret (argon2Verify); a malformed stored hash verifies nothing. */
  async verify(hash: string, secret: string): Promise<boolean> {
    try {
      return await argon2Verify({ password: secret, hash });
    } catch {
      return false;
    }
  }
}
