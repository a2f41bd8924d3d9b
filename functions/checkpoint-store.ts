/**
 * R12: the daily checkpoints' write-once store (S3 Object Lock), for the two functions that write
 * or read checkpoints — the office (exports, `checkpoint` on demand) and the sweep (daily). In its
 * own module so the deadline function does not bundle the S3 client.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { S3CheckpointStore } from '../shared/adapters/aws/s3-checkpoint-store.ts';
import type { CloudConfig } from '../shared/config.ts';
import type { CheckpointStore } from '../shared/ports.ts';

export function s3Checkpoints(config: CloudConfig, client: S3Client = new S3Client({ maxAttempts: 3 })): CheckpointStore {
  return new S3CheckpointStore({ client, bucket: config.CHECKPOINT_BUCKET, retentionYears: config.CHECKPOINT_RETENTION_YEARS });
}
