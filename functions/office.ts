/**
 * The office Lambda: the office routes `/api/v1/agent/*` (docs/api.md "Office side") behind API
 * Gateway's IAM authorisation; the app also refuses (403) a request whose event names no IAM
 * caller, and encoded or dot-segment paths (400). Deposits store letters in S3, schedule
 * their triggers and enqueue their alerts (the alerts function sends them, docs/alerts.md); the
 * two-step upload hands out presigned S3 PUTs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { handle } from 'hono/aws-lambda';
import { S3BlobStore } from '../shared/adapters/aws/s3-blob-store.ts';
import { S3UploadStore } from '../shared/adapters/aws/s3-upload-store.ts';
import { awsDeps } from './deps.ts';
import { s3Checkpoints } from './checkpoint-store.ts';
import { readCloudConfig } from '../shared/config.ts';
import { createOfficeApp } from '../shared/http/office-app.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';
import { NO_NOTIFIER } from './refusals.ts';
import { cloudSignals } from './signals.ts';

const logger = new Logger();
const config = readCloudConfig(process.env);
// The SHA-256 checksum of an upload is the office's, given explicitly: no SDK default checksum.
const s3 = new S3Client({ maxAttempts: 3, requestChecksumCalculation: 'WHEN_REQUIRED' });
const blobs = new S3BlobStore({ client: s3, bucket: config.BUCKET_NAME, kmsKeyId: config.KMS_KEY_ID });
const base = awsDeps(config, { blobs, notifier: NO_NOTIFIER, checkpoints: s3Checkpoints(config, s3), runNow: handleTrigger });
const deps = { ...base, signals: cloudSignals(logger, base.clock) };
const uploads = new S3UploadStore({ client: s3, bucket: config.BUCKET_NAME, clock: deps.clock });

export const handler = handle(
  createOfficeApp({
    deps,
    agentAuth: { kind: 'iam' },
    uploads,
    publicOrigin: new URL(config.publicUrl).origin,
    log: logger,
  }),
);
