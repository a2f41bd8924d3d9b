import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE } from '../../shared/adapters/aws/table-definition.ts';
import type { KeyAttribute } from '../../shared/adapters/aws/table-definition.ts';
import { resourcePrefix } from '../config.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import type { StageConfig } from '../config.ts';
import type { MailboxFunction } from '../constructs/mailbox-function.ts';

export interface DataStackProps extends StackProps {
  readonly config: StageConfig;
}

/** Key prefixes inside the letters bucket. */
export const LETTER_PREFIXES = {
  /** Deposited letters (`letters/<letter key>/<sha256>.pdf`), kept. */
  letters: 'letters/',
  /** Two-step uploads (docs/api.md `POST /api/v1/agent/uploads`): presigned PUTs, copied into a letter at deposit, expired after a day. */
  uploads: 'uploads/',
} as const;

/** Which table operations a function may use. */
export type TableAccess =
  /** The api functions: everything item-level (sessions are deleted, applicants written in transactions). */
  | 'items'
  /** The deadline and sweep functions: read and conditionally rewrite letters, read applicants; nothing else. */
  | 'triggers';

const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  items: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
  triggers: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
};

/**
 * Everything personal the mailbox stores: the single table (applicants, sessions, letters and
 * their evidence chains) and the letters' PDFs, both under one customer-managed key. And what
 * seals the evidence (R12): the asymmetric evidence key and the write-once checkpoint bucket. No
 * resource has a fixed physical name: two stages live side by side, and a redeploy after a failed
 * first create (or after a deletion, which retains the table, keys and buckets) creates new ones.
 */
export class DataStack extends Stack {
  readonly key: Key;
  readonly table: Table;
  readonly letters: Bucket;
  /**
   * The letters bucket's ARN as other stacks import it, under an export name carrying the stage:
   * grants built on it have a resource that cdk-nag can be told about exactly (infra/nag.ts).
   */
  private readonly lettersArnForGrants: string;
  /** R12: signs evidence exports and checkpoints (ES256); the private key never leaves KMS. */
  readonly evidenceKey: Key;
  /** R12: daily signed checkpoints, S3 Object Lock in compliance mode. */
  readonly checkpoints: Bucket;
  /** The checkpoint bucket's ARN as other stacks import it (the same way as the letters bucket's). */
  private readonly checkpointsArnForGrants: string;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.key = new Key(this, 'Key', {
      description: `Encrypts the mailbox table and the letters bucket (${resourcePrefix(config)})`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, 'Table', {
      partitionKey: attribute(TABLE.partitionKey),
      sortKey: attribute(TABLE.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: config.retention.tableRecoveryDays,
      },
      deletionProtection: true,
      timeToLiveAttribute: TABLE.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of Object.values(TABLE.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
      });
    }

    // Server access logs cannot be delivered to a KMS-encrypted bucket: S3-managed keys here.
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ expiration: Duration.days(config.retention.accessLogsDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // R12. Rotation: add a new key, make it EVIDENCE_KEY_ID and list the old one in
    // EVIDENCE_PAST_KEY_IDS (its public key stays in the JWKS); KMS cannot rotate asymmetric keys.
    this.evidenceKey = new Key(this, 'EvidenceKey', {
      description: `Signs evidence exports and daily checkpoints, ES256 (${resourcePrefix(config)})`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // R12: one object per checkpoint (one a day); compliance mode: nobody, root included, can
    // delete or overwrite one before its retention ends.
    this.checkpoints = new Bucket(this, 'Checkpoints', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(365 * checkpointYears(config))),
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'checkpoints/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.letters = new Bucket(this, 'Letters', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'letters/',
      lifecycleRules: [
        {
          transitions: [
            {
              storageClass: StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(config.retention.lettersInfrequentAccessAfterDays),
            },
          ],
          noncurrentVersionExpiration: Duration.days(config.retention.lettersNoncurrentVersionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        // An upload is used within 15 minutes (its URL's life) or never.
        { prefix: LETTER_PREFIXES.uploads, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.lettersArnForGrants = this.exportValue(this.letters.bucketArn, { name: `${resourcePrefix(config)}-letters-bucket-arn` });
    this.checkpointsArnForGrants = this.exportValue(this.checkpoints.bucketArn, { name: `${resourcePrefix(config)}-checkpoints-bucket-arn` });
  }

  /** Item-level access to the table and its indexes (no Scan, no table administration), as `access` lists. */
  grantTableAccess(grantee: MailboxFunction, access: TableAccess): void {
    new Policy(grantee, 'TableAccess', {
      roles: [grantee.role],
      statements: [
        new PolicyStatement({
          actions: [...TABLE_ACTIONS[access]],
          resources: [
            this.table.tableArn,
            ...Object.values(TABLE.indexes).map((index) => `${this.table.tableArn}/index/${index.indexName}`),
          ],
        }),
        this.keyUseStatement(),
      ],
    });
  }

  /**
   * Letter PDFs, object level only (no listing, no deletion, no bucket settings). `read`: GetObject
   * on letters (the applicant's presigned GET); `deposit`: also PutObject on letters, and Get/Put
   * on uploads (the office's presigned PUT and the deposit that copies it).
   */
  grantLettersAccess(grantee: MailboxFunction, access: 'read' | 'deposit'): void {
    const letters = `${this.lettersArnForGrants}/${LETTER_PREFIXES.letters}*`;
    const uploads = `${this.lettersArnForGrants}/${LETTER_PREFIXES.uploads}*`;
    const policy = new Policy(grantee, 'LettersAccess', {
      roles: [grantee.role],
      statements: [
        access === 'read'
          ? new PolicyStatement({ actions: ['s3:GetObject'], resources: [letters] })
          : new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [letters, uploads] }),
        this.keyUseStatement(),
      ],
    });
    acknowledgeWildcardResource(
      policy,
      letters,
      'Letter objects are created at run time, one key per deposited document under letters/; the grant is object-level Get (and Put for the office) on that prefix of this one bucket (no listing, no deletion).',
    );
    if (access === 'deposit') {
      acknowledgeWildcardResource(
        policy,
        uploads,
        'Uploads are created at run time, one key per two-step upload under uploads/ (presigned PUT, then read once by the deposit); object-level Get/Put on that prefix only.',
      );
    }
  }

  /** R12: what every function's configuration names (shared/config.ts reads it in all four). */
  addEvidenceEnvironment(fn: MailboxFunction, config: StageConfig): void {
    fn.function.addEnvironment('EVIDENCE_KEY_ID', this.evidenceKey.keyArn);
    fn.function.addEnvironment('CHECKPOINT_BUCKET', this.checkpoints.bucketName);
    fn.function.addEnvironment('CHECKPOINT_RETENTION_YEARS', String(checkpointYears(config)));
  }

  /**
   * R12: the public half of the evidence key only (kms:GetPublicKey), for the applicant-facing
   * function that serves `/.well-known/evidence-keys.json`; it signs nothing.
   */
  grantEvidencePublicKeys(grantee: MailboxFunction, config: StageConfig): void {
    this.addEvidenceEnvironment(grantee, config);
    new Policy(grantee, 'EvidencePublicKeys', {
      roles: [grantee.role],
      statements: [new PolicyStatement({ actions: ['kms:GetPublicKey'], resources: [this.evidenceKey.keyArn] })],
    });
  }

  /**
   * R12: sign with the evidence key and write/read checkpoints — for the office function (exports,
   * on-demand checkpoints) and the sweep (the daily checkpoint) only; the deadline function gets
   * none of it, the applicant-facing function only the public keys (grantEvidencePublicKeys).
   */
  grantEvidenceSealing(grantee: MailboxFunction, config: StageConfig): void {
    this.addEvidenceEnvironment(grantee, config);
    const checkpointObjects = `${this.checkpointsArnForGrants}/checkpoints/*`;
    const policy = new Policy(grantee, 'EvidenceSealing', {
      roles: [grantee.role],
      statements: [
        new PolicyStatement({ actions: ['kms:Sign', 'kms:GetPublicKey'], resources: [this.evidenceKey.keyArn] }),
        // The checkpoint reads every letter's head: the one Scan of the table (docs/table-design.md).
        new PolicyStatement({ actions: ['dynamodb:Scan'], resources: [this.table.tableArn] }),
        new PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectRetention', 's3:GetObject'], resources: [checkpointObjects] }),
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [this.checkpointsArnForGrants],
          conditions: { StringLike: { 's3:prefix': ['checkpoints/*'] } },
        }),
      ],
    });
    acknowledgeWildcardResource(
      policy,
      checkpointObjects,
      'Checkpoint objects are created at run time, one per day under checkpoints/; compliance-mode Object Lock forbids deleting or overwriting them whatever this grant says.',
    );
  }

  /** Use of the data key, only through DynamoDB and S3 in this region (never direct decryption). */
  private keyUseStatement(): PolicyStatement {
    return new PolicyStatement({
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: [this.key.keyArn],
      conditions: {
        StringEquals: {
          'kms:ViaService': [`dynamodb.${this.region}.amazonaws.com`, `s3.${this.region}.amazonaws.com`],
        },
      },
    });
  }
}

/** R12: the checkpoint retention of the stage, 10 years unless configured. */
function checkpointYears(config: StageConfig): number {
  return config.retention.checkpointYears ?? 10;
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}
