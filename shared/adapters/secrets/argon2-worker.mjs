// @ts-check
/**
 * The argon2id work of PooledArgon2Hasher, run in a worker thread (tinypool) so that hashing never
 * holds the server's event loop. Plain JavaScript: worker threads load it without a TypeScript
 * loader (under tsx, vitest and plain node alike).
 */
import { randomBytes } from 'node:crypto';
import { argon2Verify, argon2id } from 'hash-wasm';

/**
 * @param {{ op: 'hash', secret: string, memorySize: number, iterations: number, parallelism: number }
 *   | { op: 'verify', secret: string, hash: string }} task
 * @returns {Promise<string | boolean>}
 */
export default async function argon2Task(task) {
  if (task.op === 'hash') {
    return argon2id({
      password: task.secret,
      salt: randomBytes(16),
      memorySize: task.memorySize,
      iterations: task.iterations,
      parallelism: task.parallelism,
      hashLength: 32,
      outputType: 'encoded',
    });
  }
  try {
    return await argon2Verify({ password: task.secret, hash: task.hash });
  } catch {
    return false;
  }
}
