import { publicUrl } from './config.ts';
import type { StageConfig } from './config.ts';
import type { FunctionName } from './bundling.ts';
import { METRICS } from '../shared/metrics.ts';

/** What the stacks provide to the functions' environment (values may be CloudFormation tokens). */
export interface EnvironmentSources {
  readonly config: StageConfig;
  readonly tableName: string;
  readonly bucketName: string;
  readonly keyArn: string;
  readonly scheduleGroupName: string;
  readonly deadlineFunctionArn: string;
  readonly schedulerRoleArn: string;
  readonly deadLetterQueueArn: string;
  readonly alertQueueUrl: string;
}

/**
 * The environment every function receives — the same names for all of them, so one
 * zod-validated read (shared/config.ts) serves them all.
 */
export function functionEnvironment(name: FunctionName, sources: EnvironmentSources): Record<string, string> {
  const { config } = sources;
  return {
    STAGE: config.stage,
    TABLE_NAME: sources.tableName,
    BUCKET_NAME: sources.bucketName,
    /** The data key's ARN (usable wherever S3/KMS accept a key id). */
    KMS_KEY_ID: sources.keyArn,
    SCHEDULE_GROUP: sources.scheduleGroupName,
    DEADLINE_FUNCTION_ARN: sources.deadlineFunctionArn,
    SCHEDULER_ROLE_ARN: sources.schedulerRoleArn,
    DLQ_ARN: sources.deadLetterQueueArn,
    SMS_SENDER_ID: config.sms.senderId,
    EMAIL_FROM: config.email.from,
    PUBLIC_URL: publicUrl(config),
    ALERT_QUEUE_URL: sources.alertQueueUrl,
    SMS_PER_SECOND: String(config.alerts.smsPerSecond),
    EMAIL_PER_SECOND: String(config.alerts.emailPerSecond),
    SCHEDULER_PER_SECOND: String(config.alerts.schedulerPerSecond),
    ALERT_CONSUMERS: String(config.alerts.consumers),
    METRICS_NAMESPACE: METRICS.namespace,
    POWERTOOLS_SERVICE_NAME: `mailbox-${name}`,
    POWERTOOLS_LOG_LEVEL: 'INFO',
  };
}

/** The variable names, for tests and for the functions' config schema. */
export const FUNCTION_ENVIRONMENT_NAMES = [
  'STAGE',
  'TABLE_NAME',
  'BUCKET_NAME',
  'KMS_KEY_ID',
  'SCHEDULE_GROUP',
  'DEADLINE_FUNCTION_ARN',
  'SCHEDULER_ROLE_ARN',
  'DLQ_ARN',
  'SMS_SENDER_ID',
  'EMAIL_FROM',
  'PUBLIC_URL',
  'ALERT_QUEUE_URL',
  'SMS_PER_SECOND',
  'EMAIL_PER_SECOND',
  'SCHEDULER_PER_SECOND',
  'ALERT_CONSUMERS',
  'METRICS_NAMESPACE',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
  // R12, added by DataStack.addEvidenceEnvironment (the evidence key and checkpoint bucket live there).
  'EVIDENCE_KEY_ID',
  'CHECKPOINT_BUCKET',
  'CHECKPOINT_RETENTION_YEARS',
] as const;
