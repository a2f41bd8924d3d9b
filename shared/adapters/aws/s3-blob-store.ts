/**
 * Letter PDFs in S3, encrypted with the project's KMS key. Applicants download through a
 * presigned GET that lives one minute at most.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStore } from '../../ports.ts';
import { assertPdf } from '../../pdf-content.ts';
import { assertTemporaryUrlLifetime } from '../store-rules.ts';
import { StoreThrottledError } from '../../errors.ts';

/** S3 error names that mean "no such object" (GetObject answers NoSuchKey; HEAD-like paths NotFound). */
const MISSING_OBJECT = new Set(['NoSuchKey', 'NotFound']);
/** S3 error names that mean "slow down and retry". */
const THROTTLED = new Set(['SlowDown', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** An S3 failure as the ports know it: throttling is StoreThrottledError, anything else a plain Error naming it. */
export function translateS3Error(error: unknown): Error {
  const name = errorName(error);
  if (name !== undefined && THROTTLED.has(name)) return new StoreThrottledError({ cause: error });
  return new Error(`S3 request failed (${name ?? 'unknown error'}).`, { cause: error });
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly kmsKeyId: string;

  constructor(options: { readonly client: S3Client; readonly bucket: string; readonly kmsKeyId: string }) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.kmsKeyId = options.kmsKeyId;
  }

  async put(key: string, content: Uint8Array): Promise<void> {
    assertPdf(content);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: content,
          ContentType: 'application/pdf',
          ContentLength: content.byteLength,
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: this.kmsKeyId,
          // One data key per bucket rather than per object: fewer KMS calls, same key.
          BucketKeyEnabled: true,
        }),
      );
    } catch (error) {
      throw translateS3Error(error);
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return result.Body === undefined ? new Uint8Array() : await result.Body.transformToByteArray();
    } catch (error) {
      const name = errorName(error);
      if (name !== undefined && MISSING_OBJECT.has(name)) return null;
      throw translateS3Error(error);
    }
  }

  /** A presigned GET, valid `seconds` (1..60, else RangeError). */
  async temporaryUrl(key: string, seconds: number): Promise<string> {
    assertTemporaryUrlLifetime(seconds);
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: seconds,
    });
  }
}
