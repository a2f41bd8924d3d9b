/**
 * The two-step upload in the cloud: a presigned S3 PUT to `uploads/<uploadId>` in the letters
 * bucket, valid until the declared expiry (15 minutes). The URL signs the content length, the
 * SHA-256 checksum (`x-amz-checksum-sha256`, which S3 verifies against the body) and the declared
 * digest as metadata, so S3 itself refuses any other bytes; the deposit reads the object back and
 * checks them again (shared/use-cases/uploads.ts). The bucket's default encryption (the data key)
 * applies; a lifecycle rule expires uploads after a day (infra/stacks/data-stack.ts).
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Clock, DeclaredUpload, UploadStore, UploadTicket } from '../../ports.ts';

/** Where uploads go in the letters bucket (the IAM grant and the lifecycle rule name the same prefix). */
export const UPLOAD_PREFIX = 'uploads/';
/** Object metadata holding the declared SHA-256 (hex) and length. */
const DECLARED_SHA256 = 'declared-sha256';
const DECLARED_LENGTH = 'declared-length';

export class S3UploadStore implements UploadStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #clock: Clock;

  constructor(options: { readonly client: S3Client; readonly bucket: string; readonly clock: Clock }) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#clock = options.clock;
  }

  async prepare(upload: DeclaredUpload): Promise<UploadTicket> {
    const checksum = Buffer.from(upload.contentSha256, 'hex').toString('base64');
    const headers = {
      'content-type': 'application/pdf',
      'x-amz-checksum-sha256': checksum,
      [`x-amz-meta-${DECLARED_SHA256}`]: upload.contentSha256,
      [`x-amz-meta-${DECLARED_LENGTH}`]: String(upload.contentLength),
    };
    const command = new PutObjectCommand({
      Bucket: this.#bucket,
      Key: `${UPLOAD_PREFIX}${upload.uploadId}`,
      ContentType: 'application/pdf',
      ContentLength: upload.contentLength,
      ChecksumSHA256: checksum,
      Metadata: { [DECLARED_SHA256]: upload.contentSha256, [DECLARED_LENGTH]: String(upload.contentLength) },
    });
    const expiresIn = Math.max(1, Math.floor((Date.parse(upload.expiresAt) - Date.parse(this.#clock.now())) / 1000));
    const url = await getSignedUrl(this.#client, command, {
      expiresIn,
      signingDate: new Date(this.#clock.now()),
      // Sent as headers, and signed: S3 refuses a PUT whose length, checksum or metadata differ.
      signableHeaders: new Set(['content-length', 'content-type', ...Object.keys(headers)]),
      unhoistableHeaders: new Set(Object.keys(headers).filter((name) => name.startsWith('x-amz-'))),
    });
    return { url, method: 'PUT', headers };
  }

  async read(uploadId: string): Promise<{ content: Uint8Array; declaredSha256: string; declaredLength: number } | null> {
    try {
      const result = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: `${UPLOAD_PREFIX}${uploadId}` }));
      const declaredSha256 = result.Metadata?.[DECLARED_SHA256];
      const declaredLength = Number(result.Metadata?.[DECLARED_LENGTH]);
      if (result.Body === undefined || declaredSha256 === undefined || !Number.isInteger(declaredLength)) return null;
      return { content: await result.Body.transformToByteArray(), declaredSha256, declaredLength };
    } catch (error) {
      if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return null;
      throw error;
    }
  }
}
