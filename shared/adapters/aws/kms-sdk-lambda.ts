/**
 * `#kms-sdk` inside a Lambda bundle (esbuild condition `lambda`, see kms-sdk.ts and
 * infra/bundling.ts): the KMS client is `sdk/kms-sdk.cjs` beside `index.mjs`, built from
 * kms-sdk.ts and required the first time evidence is signed or its public keys are read.
 */
import { besideBundle } from '../../beside-bundle.ts';
import type { KmsSdk } from './kms-sdk.ts';

const module = besideBundle<{ loadKmsSdk(): Promise<KmsSdk> }>('./sdk/kms-sdk.cjs');

export async function loadKmsSdk(): Promise<KmsSdk> {
  return module().loadKmsSdk();
}
