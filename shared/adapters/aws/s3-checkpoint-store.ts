/**
 * Signed checkpoints in S3 Object Lock, compliance mode (R12): one object per checkpoint (one a
 * day from the sweep), `checkpoints/<at>.json`, each put with its own compliance retention
 * (default 10 years) and `If-None-Match: *`, so no one — root account included — can replace or
 * delete it before the retention ends. The bucket's default retention (Data stack) says the same.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { CheckpointStore, SignedCheckpoint } from '../../ports.ts';
import { translateS3Error } from './s3-blob-store.ts';

export const CHECKPOINT_PREFIX = 'checkpoints/';
export const DEFAULT_CHECKPOINT_RETENTION_YEARS = 10;

/** The object key of a checkpoint: its instant, so keys sort as time does. */
export function checkpointKey(checkpoint: SignedCheckpoint): string {
  return `${CHECKPOINT_PREFIX}${checkpoint.checkpoint.at}.json`;
}

export class S3CheckpointStore implements CheckpointStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly retentionYears: number;

  constructor(options: { readonly client: S3Client; readonly bucket: string; readonly retentionYears?: number }) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.retentionYears = options.retentionYears ?? DEFAULT_CHECKPOINT_RETENTION_YEARS;
  }

  async append(checkpoint: SignedCheckpoint): Promise<void> {
    const retainUntil = new Date(checkpoint.checkpoint.at);
    retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + this.retentionYears);
    const body = JSON.stringify(checkpoint);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: checkpointKey(checkpoint),
          Body: body,
          ContentType: 'application/json',
          // Write-once even before the lock applies: a second put of the same key is refused.
          IfNoneMatch: '*',
          ObjectLockMode: 'COMPLIANCE',
          ObjectLockRetainUntilDate: retainUntil,
          // Object Lock puts need an integrity checksum.
          ChecksumAlgorithm: 'SHA256',
        }),
      );
    } catch (error) {
      throw translateS3Error(error);
    }
  }

  /** The greatest key under the prefix (one listing page per 1 000 checkpoints: about 3 years). */
  async latest(): Promise<SignedCheckpoint | null> {
    let latestKey: string | null = null;
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: CHECKPOINT_PREFIX, ...(token === undefined ? {} : { ContinuationToken: token }) }),
        );
        for (const object of page.Contents ?? []) {
          if (object.Key !== undefined && (latestKey === null || object.Key > latestKey)) latestKey = object.Key;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      if (latestKey === null) return null;
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: latestKey }));
      return JSON.parse((await object.Body?.transformToString('utf8')) ?? 'null') as SignedCheckpoint | null;
    } catch (error) {
      throw translateS3Error(error);
    }
  }
}
