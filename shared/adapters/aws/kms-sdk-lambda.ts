/**
 * `#kms-sdk` inside a Lambda bundle (esbuild condition `lambda`, see kms-sdk.ts and
 * infra/bundling.ts): the KMS client is `sdk/kms-sdk.cjs` beside `index.mjs`, built from
 * kms-sdk.ts and required the first time evidence is signed.
 */
// Renamed: the bundle's banner (infra/bundling.ts) already declares `createRequire` and `require`.
import { createRequire as requireFrom } from 'node:module';
import type { KmsSdk } from './kms-sdk.ts';

/** Resolves relative to the bundle (`/var/task/index.mjs` in Lambda). */
const requireBesideBundle = requireFrom(import.meta.url);

export async function loadKmsSdk(): Promise<KmsSdk> {
  const sdk = requireBesideBundle('./sdk/kms-sdk.cjs') as { loadKmsSdk(): Promise<KmsSdk> };
  return sdk.loadKmsSdk();
}
