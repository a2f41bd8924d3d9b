/**
 * `#password-hasher` inside the Lambda bundles (esbuild condition `lambda`, see package.json
 * `imports` and infra/bundling.ts): argon2id (hash-wasm, ~30 KB with its WebAssembly) is not part
 * of `index.mjs`. argon2-hasher.ts is built beside it as `argon2-hasher.cjs` and loaded on the
 * first hash or verification: in the applicant-facing function log-in, activation and resets (the
 * pages of a signed-in applicant never need it), in the office the connection keys it issues.
 */
import type { Hasher } from '../../ports.ts';
import { besideBundle } from '../../beside-bundle.ts';
import type * as Argon2Module from './argon2-hasher.ts';

const module = besideBundle<typeof Argon2Module>('./argon2-hasher.cjs');

export class Argon2Hasher implements Hasher {
  #hasher: Hasher | undefined;

  #loaded(): Hasher {
    this.#hasher ??= new (module().Argon2Hasher)();
    return this.#hasher;
  }

  hash(secret: string): Promise<string> {
    return this.#loaded().hash(secret);
  }

  verify(hash: string, secret: string): Promise<boolean> {
    return this.#loaded().verify(hash, secret);
  }
}
