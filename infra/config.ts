/**
 * Every tunable of a deployment in one typed place. A stage (`pilot` by default, chosen with
 * `cdk synth -c stage=<name>`) is one entry of {@link STAGES}; nothing else in infra/ holds a
 * literal that differs between deployments.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

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
    /** Alphanumeric sender ID (≤ 11 characters), registered with the French operators. */
    readonly senderId: string;
    /** SNS stops sending SMS once the month's spend reaches this many US dollars. */
    readonly monthlySpendLimitUsd: number;
    /** Percentage (0–100) of successful SMS deliveries logged to CloudWatch (failures are always logged). */
    readonly successSamplingPercent: number;
  };
  readonly email: {
    /** The SES identity (a verified domain) alerts are sent from. */
    readonly identity: string;
    /** The From address; must belong to {@link identity}. */
    readonly from: string;
  };
  /** Operators' address subscribed to the alarm topic; none: subscribe by hand. */
  readonly operatorsEmail?: string;
  readonly retention: {
    /** Lambda, API Gateway and SMS delivery logs. */
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
  };
  /** The daily sweep runs at this UTC time; 23:30 UTC is just after midnight in Paris all year. */
  readonly sweepAtUtc: { readonly hour: number; readonly minute: number };
}

export const STAGES: Readonly<Record<string, StageConfig>> = {
  pilot: {
    stage: 'pilot',
    region: 'eu-west-3',
    domain: { name: 'mailbox.example.org' },
    sms: { senderId: 'OFPRA', monthlySpendLimitUsd: 100, successSamplingPercent: 10 },
    email: { identity: 'mailbox.example.org', from: 'ne-pas-repondre@mailbox.example.org' },
    retention: {
      logs: RetentionDays.THREE_MONTHS,
      lettersInfrequentAccessAfterDays: 90,
      lettersNoncurrentVersionDays: 30,
      accessLogsDays: 365,
      tableRecoveryDays: 35,
    },
    api: { rateLimit: 50, burstLimit: 100, wafRequestsPer5MinutesPerIp: 1000 },
    sweepAtUtc: { hour: 23, minute: 30 },
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

/** The URL alerts point applicants to. */
export function publicUrl(config: StageConfig): string {
  return `https://${config.domain.name}`;
}

/** Prefix of every physical name, so that two stages can share an account. */
export function resourcePrefix(config: StageConfig): string {
  return `mailbox-${config.stage}`;
}
