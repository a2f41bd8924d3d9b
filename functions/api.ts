/** The api Lambda: docs/api.md and the pages, behind API Gateway (office routes IAM-authorised there). */
import { S3Client } from '@aws-sdk/client-s3';
import { handle } from 'hono/aws-lambda';
import { S3BlobStore } from '../shared/adapters/aws/s3-blob-store.ts';
import { awsDeps } from '../shared/adapters/aws/aws-deps.ts';
import { readCloudConfig } from '../shared/config.ts';
import { createApp } from '../shared/http/create-app.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';

const config = readCloudConfig(process.env);
const blobs = new S3BlobStore({ client: new S3Client({ maxAttempts: 3 }), bucket: config.BUCKET_NAME, kmsKeyId: config.KMS_KEY_ID });
const deps = awsDeps(config, { blobs, runNow: handleTrigger });

export const handler = handle(createApp({ deps, agentAuth: { kind: 'iam' }, publicOrigin: new URL(config.publicUrl).origin }));
