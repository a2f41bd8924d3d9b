import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
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

/**
 * Everything personal the mailbox stores: the single table (applicants, sessions, letters and
 * their evidence chains) and the letters' PDFs, both under one customer-managed key. And what
 * seals the evidence (R12): the asymmetric evidence key and the write-once checkpoint bucket.
 */
export class DataStack extends Stack {
  readonly key: Key;
  readonly table: Table;
  readonly letters: Bucket;
  /**
   * A fixed name (unique through the account id), so that other stacks can scope grants to
   * `arn:aws:s3:::<name>/*` without importing the bucket's ARN.
   */
  readonly lettersBucketName: string;
  /** R12: signs evidence exports and checkpoints (ES256); the private key never leaves KMS. */
  readonly evidenceKey: Key;
  /** R12: daily signed checkpoints, S3 Object Lock in compliance mode. */
  readonly checkpoints: Bucket;
  /** A fixed name, for the same reason as `lettersBucketName`. */
  readonly checkpointsBucketName: string;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.lettersBucketName = `${resourcePrefix(config)}-letters-${Aws.ACCOUNT_ID}-${this.region}`;
    this.checkpointsBucketName = `${resourcePrefix(config)}-checkpoints-${Aws.ACCOUNT_ID}-${this.region}`;

    this.key = new Key(this, 'Key', {
      alias: `alias/${resourcePrefix(config)}-data`,
      description: 'Encrypts the mailbox table and the letters bucket',
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
      alias: `alias/${resourcePrefix(config)}-evidence`,
      description: 'Signs evidence exports and daily checkpoints (ES256)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // R12: one object per checkpoint (one a day); compliance mode: nobody, root included, can
    // delete or overwrite one before its retention ends.
    this.checkpoints = new Bucket(this, 'Checkpoints', {
      bucketName: this.checkpointsBucketName,
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
      bucketName: this.lettersBucketName,
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
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Item-level read/write on the table and its three indexes (no Scan, no table administration). */
  grantTableAccess(grantee: MailboxFunction): void {
    new Policy(grantee, 'TableAccess', {
      roles: [grantee.role],
      statements: [
        new PolicyStatement({
          actions: [
            'dynamodb:GetItem',
            'dynamodb:BatchGetItem',
            'dynamodb:Query',
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:BatchWriteItem',
            'dynamodb:ConditionCheckItem',
          ],
          resources: [
            this.table.tableArn,
            ...Object.values(TABLE.indexes).map((index) => `${this.table.tableArn}/index/${index.indexName}`),
          ],
        }),
        this.keyUseStatement(),
      ],
    });
  }

  /** Read and write letter PDFs (object level only: no listing, no deletion, no bucket settings). */
  grantLettersAccess(grantee: MailboxFunction): void {
    const letterObjects = Stack.of(grantee).formatArn({
      service: 's3',
      region: '',
      account: '',
      resource: this.lettersBucketName,
      resourceName: '*',
    });
    const policy = new Policy(grantee, 'LettersAccess', {
      roles: [grantee.role],
      statements: [
        new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [letterObjects] }),
        this.keyUseStatement(),
      ],
    });
    acknowledgeWildcardResource(
      policy,
      letterObjects,
      'Letter objects are created at run time, one key per deposited document; the grant is GetObject/PutObject on the objects of this one bucket (no listing, no deletion).',
    );
  }

  /** R12: what every function's configuration names (shared/config.ts reads it in all three). */
  addEvidenceEnvironment(fn: MailboxFunction, config: StageConfig): void {
    fn.function.addEnvironment('EVIDENCE_KEY_ID', this.evidenceKey.keyArn);
    fn.function.addEnvironment('CHECKPOINT_BUCKET', this.checkpointsBucketName);
    fn.function.addEnvironment('CHECKPOINT_RETENTION_YEARS', String(checkpointYears(config)));
  }

  /**
   * R12: sign with the evidence key and write/read checkpoints — for the api (exports, on-demand
   * checkpoints) and the sweep (the daily checkpoint) only; the deadline function gets none of it.
   */
  grantEvidenceSealing(grantee: MailboxFunction, config: StageConfig): void {
    this.addEvidenceEnvironment(grantee, config);
    const bucketArn = Stack.of(grantee).formatArn({ service: 's3', region: '', account: '', resource: this.checkpointsBucketName });
    const checkpointObjects = `${bucketArn}/checkpoints/*`;
    const policy = new Policy(grantee, 'EvidenceSealing', {
      roles: [grantee.role],
      statements: [
        new PolicyStatement({ actions: ['kms:Sign', 'kms:GetPublicKey'], resources: [this.evidenceKey.keyArn] }),
        // The checkpoint reads every letter's head: the one Scan of the table (docs/table-design.md).
        new PolicyStatement({ actions: ['dynamodb:Scan'], resources: [this.table.tableArn] }),
        new PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectRetention', 's3:GetObject'], resources: [checkpointObjects] }),
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucketArn], conditions: { StringLike: { 's3:prefix': ['checkpoints/*'] } } }),
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
