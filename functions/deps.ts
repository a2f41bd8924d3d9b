/**
 * The composition root of the Lambdas: the use cases' dependencies on AWS, from the environment
 * the CDK stacks set (shared/config.ts). Each function adds only what it uses — the office adds
 * the S3 blob store; the functions that send alerts add the SMS/e-mail senders (alert-senders.ts),
 * the office, whose deposits only enqueue them (docs/alerts.md), does not.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Argon2Hasher } from '#password-hasher';
import type { CloudConfig } from '../shared/config.ts';
import type { BlobStore, CheckpointStore, Deps, Notifier, TriggerPayload } from '../shared/ports.ts';
import { NO_CHECKPOINTS } from './refusals.ts';
import { RandomIds } from '../shared/adapters/secrets/random-ids.ts';
import { SystemClock } from '../shared/adapters/system-clock.ts';
import { DynamoDbAttemptLedger } from '../shared/adapters/aws/dynamodb-attempt-ledger.ts';
import { dynamoDbRepositories } from '../shared/adapters/aws/dynamodb-repositories.ts';
import { EventBridgeScheduler } from '../shared/adapters/aws/eventbridge-scheduler.ts';
import { KmsEvidenceSigner } from '../shared/adapters/aws/kms-evidence-signer.ts';
import { SqsAlertQueue } from '../shared/adapters/aws/sqs-alert-queue.ts';

/** Network failures are retried by the SDK with backoff (standard mode, 3 attempts). */
const CLIENT_OPTIONS = { maxAttempts: 3 } as const;

/**
 * Everything but the blob store, the notifier and the checkpoint store (R12: only the office and
 * the sweep are given one, `s3Checkpoints` in checkpoint-store.ts). `runNow` executes a trigger
 * whose instant has already passed (the scheduler runs it instead of scheduling it): the caller
 * passes the deadline handler.
 */
export function awsDeps(
  config: CloudConfig,
  options: {
    readonly blobs: BlobStore;
    readonly notifier: Notifier;
    readonly checkpoints?: CheckpointStore;
    readonly runNow: (deps: Deps, payload: TriggerPayload) => Promise<void>;
  },
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
    notifier: options.notifier,
    alertQueue: new SqsAlertQueue({ queueUrl: config.ALERT_QUEUE_URL, region: config.AWS_REGION, credentials: fromEnv() }),
    evidence: {
      // The KMS client is loaded on first signature (#kms-sdk): most api calls never sign.
      signer: new KmsEvidenceSigner({ keyId: config.EVIDENCE_KEY_ID, pastKeyIds: config.evidencePastKeyIds }),
      checkpoints: options.checkpoints ?? NO_CHECKPOINTS,
    },
    config: { publicUrl: config.publicUrl, rules: config.rules },
  };
  return deps;
}
