/**
 * One zod-validated read of the environment. `readLocalConfig` is what `npm start` accepts
 * (documented in README and .env.example); `readCloudConfig` is what the Lambdas receive from the
 * CDK stacks. Uses `zod/mini` to keep the Lambda bundles small.
 */
import * as z from 'zod/mini';
import { ValidationError } from './errors.ts';
import { DEFAULT_ALERT_RATES, DEFAULT_SCHEDULER_RATE } from './domain/alert-pacing.ts';
import { DEFAULT_RULES } from './domain/rules.ts';
import type { RuleVariants } from './domain/types.ts';

type Env = Readonly<Record<string, string | undefined>>;

const port = z.pipe(
  z.string().check(z.regex(/^\d{1,5}$/, 'a port number')),
  z.transform((value: string) => Number(value)),
).check(z.refine((value: number) => value > 0 && value < 65_536, 'a port between 1 and 65535'));

const reminderDays = z.pipe(
  z.string().check(z.regex(/^(\d{1,2}(,\d{1,2})*)?$/, 'comma-separated day numbers, e.g. 7,14 (empty: no reminders)')),
  z.transform((value: string) => (value === '' ? [] : value.split(',').map(Number))),
);

/** A positive number given as text (messages per second, consumers). */
const rate = z.pipe(
  z.string().check(z.regex(/^\d+(\.\d+)?$/, 'a positive number')),
  z.transform((value: string) => Number(value)),
).check(z.refine((value: number) => value > 0, 'a positive number'));

const boolean = z.stringbool({ truthy: ['true'], falsy: ['false'] });

const rulesShape = {
  RULE_DEEMED_NOTIFICATION_DATE: z.optional(z.enum(['availability', 'windowEnd'])),
  RULE_LEGAL_AID_HOLIDAY_EXTENSION: z.optional(boolean),
  RULE_REMINDER_DAYS: z.optional(reminderDays),
};

const localSchema = z.object({
  PORT: z._default(port, 3000),
  HOST: z._default(z.string(), '127.0.0.1'),
  STORE: z._default(z.enum(['dynamodb', 'memory']), 'dynamodb'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), '.data'),
  DYNAMODB_PORT: z.optional(port),
  /** How long DynamoDB Local may take to answer at start (a loaded machine needs more than 30 s). */
  DYNAMODB_START_TIMEOUT_S: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,4}$/, 'a number of seconds')), z.transform((value: string) => Number(value)))),
  TABLE_NAME: z._default(z.string().check(z.regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name')), 'mailbox'),
  AGENT_TOKEN: z.optional(z.string().check(z.minLength(24, 'at least 24 characters'))),
  PUBLIC_URL: z.optional(z.url()),
  SEED_DEMO: z._default(boolean, true),
  /** Credential requests (login, activation, resets) one client may send per minute; 0: no limit. */
  CREDENTIAL_RATE_LIMIT: z._default(
    z.pipe(z.string().check(z.regex(/^\d{1,5}$/, 'a whole number of requests per minute (0: no limit)')), z.transform((value: string) => Number(value))),
    30,
  ),
  /** argon2id worker threads; absent: cores − 1 (at least 1); 0: hash on the server's own thread (benchmark contrast only). */
  HASH_THREADS: z.optional(
    z.pipe(z.string().check(z.regex(/^\d{1,2}$/, 'a number of threads (0: none)')), z.transform((value: string) => Number(value))),
  ),
  /** Paris time from which the local system sends the helpers' daily digests (default 08:00, as in the cloud). */
  HELPER_DIGEST_TIME: z._default(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a Paris time HH:MM, e.g. 08:00')), '08:00'),
  ...rulesShape,
});

const cloudSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(3)),
  BUCKET_NAME: z.string().check(z.minLength(3)),
  KMS_KEY_ID: z.string().check(z.minLength(1)),
  SCHEDULE_GROUP: z.string().check(z.minLength(1)),
  DEADLINE_FUNCTION_ARN: z.string().check(z.startsWith('arn:')),
  SCHEDULER_ROLE_ARN: z.string().check(z.startsWith('arn:')),
  DLQ_ARN: z.string().check(z.startsWith('arn:')),
  SMS_SENDER_ID: z.string().check(z.regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/, '3 to 11 letters or digits, at least one letter')),
  EMAIL_FROM: z.email(),
  PUBLIC_URL: z.url(),
  ALERT_QUEUE_URL: z.url(),
  /** Set by Lambda itself. */
  AWS_REGION: z.string().check(z.minLength(1)),
  /** The providers' quotas the alert consumers share (docs/alerts.md), and how many consumers run at once. */
  SMS_PER_SECOND: z._default(rate, DEFAULT_ALERT_RATES.sms),
  EMAIL_PER_SECOND: z._default(rate, DEFAULT_ALERT_RATES.email),
  SCHEDULER_PER_SECOND: z._default(rate, DEFAULT_SCHEDULER_RATE),
  ALERT_CONSUMERS: z._default(rate, 2),
  /** R12: the KMS evidence key that signs now (id or ARN). */
  EVIDENCE_KEY_ID: z.string().check(z.minLength(1)),
  /** R12: keys it replaced (comma-separated ids or ARNs), still published in the JWKS. */
  EVIDENCE_PAST_KEY_IDS: z._default(z.string(), ''),
  /** R12: the S3 Object Lock (compliance mode) bucket of the daily checkpoints. */
  CHECKPOINT_BUCKET: z.string().check(z.minLength(3)),
  CHECKPOINT_RETENTION_YEARS: z._default(
    z.pipe(z.string().check(z.regex(/^\d{1,3}$/, 'a number of years')), z.transform((value: string) => Number(value))),
    10,
  ),
  /** Key of the keyed hash that names lockout records (docs/api.md lockout); see awsDeps. */
  LOCKOUT_HASH_KEY: z.optional(z.string().check(z.minLength(32, 'at least 32 characters'))),
  ...rulesShape,
});

export type LocalConfig = ReturnType<typeof readLocalConfig>;
export type CloudConfig = ReturnType<typeof readCloudConfig>;

function parse<T>(schema: z.ZodMiniType<T>, env: Env): T {
  const result = z.safeParse(schema, env);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join('.') || '(environment)'] = issue.message;
  throw new ValidationError(fields, 'invalid_configuration', `Invalid configuration: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`);
}

function rulesFrom(values: {
  RULE_DEEMED_NOTIFICATION_DATE?: 'availability' | 'windowEnd' | undefined;
  RULE_LEGAL_AID_HOLIDAY_EXTENSION?: boolean | undefined;
  RULE_REMINDER_DAYS?: number[] | undefined;
}): RuleVariants {
  return {
    deemedNotificationDate: values.RULE_DEEMED_NOTIFICATION_DATE ?? DEFAULT_RULES.deemedNotificationDate,
    legalAidHolidayExtension: values.RULE_LEGAL_AID_HOLIDAY_EXTENSION ?? DEFAULT_RULES.legalAidHolidayExtension,
    reminderDays: values.RULE_REMINDER_DAYS ?? DEFAULT_RULES.reminderDays,
  };
}

/** The local run's configuration (`npm start`); throws ValidationError naming each bad variable. */
export function readLocalConfig(env: Env) {
  const values = parse(localSchema, env);
  return { ...values, rules: rulesFrom(values), publicUrl: values.PUBLIC_URL ?? `http://localhost:${values.PORT}` };
}

/** The Lambdas' configuration, from the environment the CDK stacks set. */
export function readCloudConfig(env: Env) {
  const values = parse(cloudSchema, env);
  return {
    ...values,
    rules: rulesFrom(values),
    publicUrl: values.PUBLIC_URL,
    evidencePastKeyIds: values.EVIDENCE_PAST_KEY_IDS.split(',').map((id) => id.trim()).filter((id) => id !== ''),
  };
}
