/**
 * The composition root of the Lambdas: the use cases' dependencies on AWS, from the environment
 * the CDK stacks set (shared/config.ts). Each function adds only what it uses — the api function
 * adds the S3 blob store; the deadline and sweep functions never touch letter content.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Argon2Hasher } from '#password-hasher';
import type { CloudConfig } from '../../config.ts';
import type { BlobStore, Deps, TriggerPayload } from '../../ports.ts';
import { ChannelNotifier } from '../channel-notifier.ts';
import { RandomIds } from '../secrets/random-ids.ts';
import { SystemClock } from '../system-clock.ts';
import { DynamoDbAttemptLedger } from './dynamodb-attempt-ledger.ts';
import { dynamoDbRepositories } from './dynamodb-repositories.ts';
import { EventBridgeScheduler } from './eventbridge-scheduler.ts';
import { KmsEvidenceSigner } from './kms-evidence-signer.ts';
import { S3CheckpointStore } from './s3-checkpoint-store.ts';
import { SesEmailNotifier } from './ses-notifier.ts';
import { SnsSmsNotifier } from './sns-notifier.ts';

/** Network failures are retried by the SDK with backoff (standard mode, 3 attempts). */
const CLIENT_OPTIONS = { maxAttempts: 3 } as const;

/**
 * Everything but the blob store. `runNow` executes a trigger whose instant has already passed
 * (the scheduler runs it instead of scheduling it): the caller passes the deadline handler.
 */
export function awsDeps(
  config: CloudConfig,
  options: { readonly blobs: BlobStore; readonly runNow: (deps: Deps, payload: TriggerPayload) => Promise<void> },
): Deps {
  const table = {
    client: DynamoDBDocumentClient.from(new DynamoDBClient(CLIENT_OPTIONS), { marshallOptions: { removeUndefinedValues: true } }),
    tableName: config.TABLE_NAME,
  };
  const clock = new SystemClock();
  const deps: Deps = {
    clock,
    ids: new RandomIds(),
    // argon2id is loaded on the first hash (#password-hasher): only the office's key issuing hashes.
    hasher: new Argon2Hasher(),
    ...dynamoDbRepositories(table),
    // Without LOCKOUT_HASH_KEY the records are still keyed, but by a value that is not secret.
    attempts: new DynamoDbAttemptLedger({ ...table, secret: config.LOCKOUT_HASH_KEY ?? `lockout:${config.TABLE_NAME}` }),
    blobs: options.blobs,
    scheduler: new EventBridgeScheduler({
      client: new SchedulerClient(CLIENT_OPTIONS),
      groupName: config.SCHEDULE_GROUP,
      targetArn: config.DEADLINE_FUNCTION_ARN,
      roleArn: config.SCHEDULER_ROLE_ARN,
      deadLetterArn: config.DLQ_ARN,
      clock,
      runNow: (payload) => options.runNow(deps, payload),
    }),
    notifier: new ChannelNotifier({
      sms: new SnsSmsNotifier({ client: new SNSClient(CLIENT_OPTIONS), senderId: config.SMS_SENDER_ID }),
      email: new SesEmailNotifier({ client: new SESv2Client(CLIENT_OPTIONS), from: config.EMAIL_FROM }),
    }),
    evidence: {
      // The KMS client is loaded on first signature (#kms-sdk): most api calls never sign.
      signer: new KmsEvidenceSigner({ keyId: config.EVIDENCE_KEY_ID, pastKeyIds: config.evidencePastKeyIds }),
      checkpoints: new S3CheckpointStore({
        client: new S3Client(CLIENT_OPTIONS),
        bucket: config.CHECKPOINT_BUCKET,
        retentionYears: config.CHECKPOINT_RETENTION_YEARS,
      }),
    },
    config: { publicUrl: config.publicUrl, rules: config.rules },
  };
  return deps;
}

/** For the functions that never read or write letter content. */
export const NO_BLOBS: BlobStore = {
  put: () => Promise.reject(new Error('This function does not store letters.')),
  get: () => Promise.reject(new Error('This function does not read letters.')),
  temporaryUrl: () => Promise.reject(new Error('This function does not read letters.')),
};
