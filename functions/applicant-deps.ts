/**
 * The applicant-facing function's composition root: only what the pages and the applicant's
 * API use at start-up — the DynamoDB repositories, argon2id, ids, the clock and presigned S3
 * reads for letters. Scheduling, SMS and e-mail (the office's deposits, alerts) belong to other
 * functions; the one applicant action that sends something, a password-reset code, is handed to
 * the alert queue (one signed SQS SendMessage) and sent by the alerts function. argon2id loads on
 * the first log-in (`#password-hasher`: a file beside the bundle, infra/bundling.ts). R12: it
 * serves the public evidence keys (the KMS client, `#kms-sdk`, loads on the first request for
 * them) and signs nothing; checkpoints are the office's and the sweep's.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Argon2Hasher } from '#password-hasher';
import { dynamoDbRepositories } from '../shared/adapters/aws/dynamodb-repositories.ts';
import { DynamoDbAttemptLedger } from '../shared/adapters/aws/dynamodb-attempt-ledger.ts';
import { KmsEvidenceSigner } from '../shared/adapters/aws/kms-evidence-signer.ts';
import { S3PresignedReads } from '../shared/adapters/aws/s3-presigned-reads.ts';
import { SqsAlertQueue } from '../shared/adapters/aws/sqs-alert-queue.ts';
import { QueuedResetCodeRequests } from '../shared/adapters/queued-reset-code-requests.ts';
import { RandomIds } from '../shared/adapters/secrets/random-ids.ts';
import { SystemClock } from '../shared/adapters/system-clock.ts';
import type { CloudConfig } from '../shared/config.ts';
import type { Deps } from '../shared/ports.ts';
import { NO_ALERT_QUEUE, NO_CHECKPOINTS, NO_NOTIFIER, NO_SCHEDULER } from './refusals.ts';

export function applicantDeps(config: CloudConfig): Deps {
  const region = config.AWS_REGION;
  const table = {
    client: DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), { marshallOptions: { removeUndefinedValues: true } }),
    tableName: config.TABLE_NAME,
  };
  const clock = new SystemClock();
  return {
    clock,
    ids: new RandomIds(),
    hasher: new Argon2Hasher(),
    ...dynamoDbRepositories(table),
    attempts: new DynamoDbAttemptLedger({ ...table, secret: config.LOCKOUT_HASH_KEY ?? `lockout:${config.TABLE_NAME}` }),
    blobs: new S3PresignedReads({ bucket: config.BUCKET_NAME, region, credentials: fromEnv(), clock }),
    scheduler: NO_SCHEDULER,
    alertQueue: NO_ALERT_QUEUE,
    notifier: NO_NOTIFIER,
    // docs/api.md (no enumeration): a reset-code request is answered after one SendMessage, whatever
    // the account; the alerts function issues and sends the code (docs/alerts.md).
    resetCodeRequests: new QueuedResetCodeRequests(new SqsAlertQueue({ queueUrl: config.ALERT_QUEUE_URL, region, credentials: fromEnv() })),
    evidence: {
      signer: new KmsEvidenceSigner({ keyId: config.EVIDENCE_KEY_ID, pastKeyIds: config.evidencePastKeyIds }),
      checkpoints: NO_CHECKPOINTS,
    },
    config: { publicUrl: config.publicUrl, rules: config.rules },
  };
}
