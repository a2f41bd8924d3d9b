/**
 * Every tunable of a deployment in one typed place. A stage (`pilot` by default, chosen with
 * `cdk synth -c stage=<name>`) is one entry of {@link STAGES}; what an AWS account has only once
 * (SMS settings, SNS delivery-log groups, API Gateway's logging role) is {@link ACCOUNT}, deployed
 * by the one per-account stack whatever the stage. Nothing else in infra/ holds a literal that
 * differs between deployments.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** Account-wide settings: one set per AWS account and region, shared by every stage deployed there. */
export interface AccountConfig {
  /** The region of every stack (SMS sender IDs, SMS settings and SES identities are regional). */
  readonly region: string;
  readonly sms: {
    /** Default alphanumeric sender ID of the account (≤ 11 characters), registered with the French operators. */
    readonly defaultSenderId: string;
    /** SNS stops sending SMS once the month's spend of the whole account reaches this many US dollars. */
    readonly monthlySpendLimitUsd: number;
    /** Percentage (0–100) of successful SMS deliveries logged to CloudWatch (failures are always logged). */
    readonly successSamplingPercent: number;
  };
  /** SMS delivery logs (they hold phone numbers). */
  readonly deliveryLogsRetention: RetentionDays;
}

export const ACCOUNT: AccountConfig = {
  region: 'eu-west-3',
  sms: { defaultSenderId: 'OFPRA', monthlySpendLimitUsd: 100, successSamplingPercent: 10 },
  deliveryLogsRetention: RetentionDays.THREE_MONTHS,
};

/** The per-account stack's name: the same whatever the stage, so every stage deploys the same one. */
export const ACCOUNT_STACK_NAME = 'Mailbox-Account';

export interface StageConfig {
  /** Short lower-case name used in resource names and the API stage: `pilot`. */
  readonly stage: string;
  /** All stacks are deployed to this region (SMS sender IDs and SES identities are regional). */
  readonly region: string;
  readonly domain: {
    /** The public host name; alerts link to `https://<name>`. */
    readonly name: string;
    /**
     * An ACM certificate for {@link name} in {@link region}. Without one the API keeps only
     * its execute-api URL and the DNS name is pointed at it out of band.
     */
    readonly certificateArn?: string;
  };
  readonly sms: {
    /** Alphanumeric sender ID set on each of this stage's SMS (≤ 11 characters), registered with the French operators. */
    readonly senderId: string;
  };
  readonly email: {
    /** The SES identity (a verified domain) alerts are sent from. */
    readonly identity: string;
    /** The From address; must belong to {@link identity}. */
    readonly from: string;
  };
  readonly operators: {
    /**
     * Subscribed (e-mail) to the stage's alarm topic. SNS sends a confirmation message to it at
     * the first deploy: nothing is delivered until someone clicks its link.
     */
    readonly email: string;
  };
  readonly office: {
    /**
     * The AWS account whose IAM principals may call the office routes (the API's resource
     * policy denies every other account). None: the account the stage is deployed in.
     */
    readonly accountId?: string;
  };
  readonly retention: {
    /** Lambda, API Gateway and WAF logs. */
    readonly logs: RetentionDays;
    /** Letters move to S3 Standard-IA after this many days (they are read mostly in the first weeks). */
    readonly lettersInfrequentAccessAfterDays: number;
    /** Overwritten or deleted letter versions are kept this long before S3 removes them. */
    readonly lettersNoncurrentVersionDays: number;
    /** Server access logs of the letters bucket. */
    readonly accessLogsDays: number;
    /** Point-in-time recovery window of the table (1–35 days). */
    readonly tableRecoveryDays: number;
    /** R12: compliance-mode Object Lock retention of each daily evidence checkpoint (default 10 years). */
    readonly checkpointYears?: number;
  };
  readonly api: {
    /** Stage-wide steady-state request rate (requests per second). */
    readonly rateLimit: number;
    readonly burstLimit: number;
    /** The WAF blocks an IP address above this many requests in any 5-minute window. */
    readonly wafRequestsPer5MinutesPerIp: number;
    /**
     * The WAF blocks an IP address above this many log-in, activation and password-reset posts
     * in any 5-minute window (at most 100: these are the guessing paths).
     */
    readonly wafCredentialPostsPer5MinutesPerIp: number;
  };
  /**
   * The alert queue's pacing (docs/alerts.md): the providers' quotas this stage may spend, shared
   * by at most `consumers` concurrent consumers (SQS event source maximum concurrency, ≥ 2). The
   * quotas are the account's: stages in the same account split them between themselves.
   */
  readonly alerts: {
    /** SNS SMS messages per second (20 by default per account). */
    readonly smsPerSecond: number;
    /** SES messages per second (14 once out of the sandbox). */
    readonly emailPerSecond: number;
    /** EventBridge Scheduler CreateSchedule calls per second this stage may spend on retries. */
    readonly schedulerPerSecond: number;
    readonly consumers: number;
    /** Messages per batch handed to one consumer invocation. */
    readonly batchSize: number;
    /** Operators are alarmed when the oldest waiting message is older than this. */
    readonly maxQueueAgeSeconds: number;
  };
  /**
   * The sweep runs every hour at this minute (UTC). Every hour, so that a lagging transition
   * shows in its overdue-backlog metric within the hour; minute 5 is just after midnight in
   * Paris both in winter (23:00 UTC) and in summer (22:00 UTC).
   */
  readonly sweepMinute: number;
}

export const STAGES: Readonly<Record<string, StageConfig>> = {
  pilot: {
    stage: 'pilot',
    region: ACCOUNT.region,
    domain: { name: 'mailbox.example.org' },
    sms: { senderId: ACCOUNT.sms.defaultSenderId },
    email: { identity: 'mailbox.example.org', from: 'ne-pas-repondre@mailbox.example.org' },
    operators: { email: 'exploitation@mailbox.example.org' },
    office: {},
    retention: {
      logs: RetentionDays.THREE_MONTHS,
      lettersInfrequentAccessAfterDays: 90,
      lettersNoncurrentVersionDays: 30,
      accessLogsDays: 365,
      tableRecoveryDays: 35,
    },
    api: { rateLimit: 50, burstLimit: 100, wafRequestsPer5MinutesPerIp: 1000, wafCredentialPostsPer5MinutesPerIp: 100 },
    // A 20,000-letter batch needs 1,000 s of SMS and 1,429 s of e-mail quota; an hour of age means
    // the queue is not draining (or a far bigger batch than the quotas allow).
    alerts: { smsPerSecond: 20, emailPerSecond: 14, schedulerPerSecond: 20, consumers: 2, batchSize: 10, maxQueueAgeSeconds: 3600 },
    sweepMinute: 5,
  },
  /** A rehearsal stage beside the pilot, in the same account: same code, smaller limits, its own names. */
  staging: {
    stage: 'staging',
    region: ACCOUNT.region,
    domain: { name: 'staging.mailbox.example.org' },
    sms: { senderId: ACCOUNT.sms.defaultSenderId },
    email: { identity: 'mailbox.example.org', from: 'ne-pas-repondre-recette@mailbox.example.org' },
    operators: { email: 'exploitation@mailbox.example.org' },
    office: {},
    retention: {
      logs: RetentionDays.ONE_MONTH,
      lettersInfrequentAccessAfterDays: 90,
      lettersNoncurrentVersionDays: 7,
      accessLogsDays: 90,
      tableRecoveryDays: 7,
    },
    api: { rateLimit: 10, burstLimit: 20, wafRequestsPer5MinutesPerIp: 500, wafCredentialPostsPer5MinutesPerIp: 100 },
    // The account's quotas are the pilot's: a rehearsal takes a small slice (a refusal beyond it
    // is retried soon, never counted as an attempt).
    alerts: { smsPerSecond: 2, emailPerSecond: 2, schedulerPerSecond: 5, consumers: 2, batchSize: 10, maxQueueAgeSeconds: 3600 },
    sweepMinute: 5,
  },
};

export const DEFAULT_STAGE = 'pilot';

/** The configuration of `stage`; throws on an unknown stage rather than deploying defaults. */
export function stageConfig(stage: string = DEFAULT_STAGE): StageConfig {
  const config = STAGES[stage];
  if (config === undefined) {
    throw new Error(`Unknown stage "${stage}"; known stages: ${Object.keys(STAGES).join(', ')}`);
  }
  return config;
}

/** The stage configuration's region must be the account stack's (the account settings are regional). */
export function assertSameRegion(config: StageConfig): void {
  if (config.region !== ACCOUNT.region) {
    throw new Error(`Stage "${config.stage}" is in ${config.region} but the account settings are in ${ACCOUNT.region}.`);
  }
}

/** The URL alerts point applicants to. */
export function publicUrl(config: StageConfig): string {
  return `https://${config.domain.name}`;
}

/** Prefix of every physical name, so that two stages can share an account. */
export function resourcePrefix(config: StageConfig): string {
  return `mailbox-${config.stage}`;
}
