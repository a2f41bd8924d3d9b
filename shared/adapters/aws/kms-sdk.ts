/**
 * `#kms-sdk` (package.json `imports`): the part of the AWS SDK the evidence signer uses, loaded on
 * first use. Here, outside the Lambda bundles, straight from the SDK; in the bundles it is a side
 * file beside `index.mjs` (kms-sdk-lambda.ts), so the api's bundle and cold start do not carry the
 * KMS client (28 KB) that only exports and checkpoints need.
 */
import { createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { PublicEvidenceKey } from '../../ports.ts';
import { publicEvidenceKey } from '../evidence-keys.ts';
import { derToJoseSignature } from './der-signature.ts';

export interface KmsSdk {
  readonly client: KMSClient;
  readonly SignCommand: typeof SignCommand;
  readonly GetPublicKeyCommand: typeof GetPublicKeyCommand;
  /** KMS's DER signature as JOSE's r ‖ s. */
  readonly derToJoseSignature: (der: Uint8Array) => Uint8Array;
  /** KMS's public key (DER SubjectPublicKeyInfo) as the JWKS serves it. */
  readonly publicKeyFromSpki: (spki: Uint8Array) => Promise<PublicEvidenceKey>;
}

function publicKeyFromSpki(spki: Uint8Array): Promise<PublicEvidenceKey> {
  return publicEvidenceKey(createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
}

/** A KMS client (standard retries, 3 attempts), the two commands the signer sends and its conversions. */
export async function loadKmsSdk(): Promise<KmsSdk> {
  return { client: new KMSClient({ maxAttempts: 3 }), SignCommand, GetPublicKeyCommand, derToJoseSignature, publicKeyFromSpki };
}
