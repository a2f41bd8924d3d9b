/**
 * Letter PDFs for the applicant side: presigned S3 GETs (SigV4 query signing, valid ≤ 60 s),
 * computed with the signer the DynamoDB client already ships (`@smithy/signature-v4`), without
 * the S3 client (about 130 KB of the bundle and of its start-up). The URL is the one
 * `@aws-sdk/s3-request-presigner` makes for GetObject (test/contract/s3-presigned-reads.test.ts
 * compares them). Reading or writing bytes is not this store's job: the office function does that.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { BlobStore, Clock } from '../../ports.ts';
import { assertTemporaryUrlLifetime } from '../store-rules.ts';
import { NodeSha256 } from './node-sha256.ts';

/** RFC 3986 escaping, as the SDK writes URLs. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface S3PresignedReadsOptions {
  readonly bucket: string;
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The signing instant comes from the clock (time is a port). */
  readonly clock: Clock;
}

export class S3PresignedReads implements BlobStore {
  readonly #options: S3PresignedReadsOptions;
  readonly #signer: SignatureV4;

  constructor(options: S3PresignedReadsOptions) {
    this.#options = options;
    this.#signer = new SignatureV4({
      service: 's3',
      region: options.region,
      credentials: options.credentials,
      sha256: NodeSha256,
      // S3 signs the path as sent, without normalising or double-encoding it.
      uriEscapePath: false,
      applyChecksum: false,
    });
  }

  put(): Promise<void> {
    return Promise.reject(new Error('The applicant side does not store letters.'));
  }

  get(): Promise<Uint8Array | null> {
    return Promise.reject(new Error('The applicant side reads letters through presigned URLs only.'));
  }

  /** A presigned GET of `key`, valid `seconds` (1..60, else RangeError). */
  async temporaryUrl(key: string, seconds: number): Promise<string> {
    assertTemporaryUrlLifetime(seconds);
    const hostname = `${this.#options.bucket}.s3.${this.#options.region}.amazonaws.com`;
    const path = `/${key.split('/').map(escapeUri).join('/')}`;
    const signed = await this.#signer.presign(
      // S3 presigned URLs carry an unsigned payload (as the SDK's presigner writes them).
      { method: 'GET', protocol: 'https:', hostname, path, query: { 'x-id': 'GetObject' }, headers: { host: hostname, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' } },
      { expiresIn: seconds, signingDate: new Date(this.#options.clock.now()) },
    );
    const query = Object.entries(signed.query ?? {})
      .map(([name, value]) => `${escapeUri(name)}=${escapeUri(String(value))}`)
      .join('&');
    return `https://${hostname}${path}?${query}`;
  }
}
