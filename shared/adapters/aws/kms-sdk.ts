/**
 * `#kms-sdk` (package.json `imports`): the part of the AWS SDK the evidence signer uses, loaded on
 * first use. Here, outside the Lambda bundles, straight from the SDK; in the bundles it is a side
 * file beside `index.mjs` (kms-sdk-lambda.ts), so the api's bundle and cold start do not carry the
 * KMS client (28 KB) that only exports and checkpoints need.
 */
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';

export interface KmsSdk {
  readonly client: KMSClient;
  readonly SignCommand: typeof SignCommand;
  readonly GetPublicKeyCommand: typeof GetPublicKeyCommand;
}

/** A KMS client (standard retries, 3 attempts) and the two commands the signer sends. */
export async function loadKmsSdk(): Promise<KmsSdk> {
  return { client: new KMSClient({ maxAttempts: 3 }), SignCommand, GetPublicKeyCommand };
}
