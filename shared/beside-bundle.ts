/**
 * Inside a Lambda bundle: loads a CommonJS file shipped beside `index.mjs` (built from one of the
 * project's modules, infra/bundling.ts `SIDE_BUNDLES`) the first time it is needed, so that what
 * a function rarely uses costs nothing at start-up. Node caches it after that. Beside the ports
 * (no dependency): adapters and HTTP modules both load their side files through it.
 */
// Renamed: the bundle's banner (infra/bundling.ts) already declares `createRequire` and `require`.
import { createRequire as requireFrom } from 'node:module';

/** Resolves relative to the bundle (`/var/task/index.mjs` in Lambda). */
export const requireBesideBundle = requireFrom(import.meta.url);

/** `file`'s exports (e.g. `./argon2-hasher.cjs`), loaded on the first call. */
export function besideBundle<T>(file: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= requireBesideBundle(file) as T;
    return loaded;
  };
}
