import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import type { Template } from 'aws-cdk-lib/assertions';
import { createTableInput } from '../../shared/adapters/aws/table-definition.ts';
import { ACCOUNT, stageConfig } from '../../infra/config.ts';
import { FUNCTION_ENVIRONMENT_NAMES } from '../../infra/function-environment.ts';
import { METRICS } from '../../shared/metrics.ts';
import { acknowledgements, allFindings, synthMailbox } from './support/synth.ts';
import type { SynthesisedMailbox } from './support/synth.ts';

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

const config = stageConfig('pilot');
let mailbox: SynthesisedMailbox;

// Synthesising every stack is CPU-bound: on a loaded 2-core machine it has taken over a minute.
beforeAll(() => {
  mailbox = synthMailbox();
}, 180_000);

function resources(template: Template, type?: string): Array<[string, CfnResource]> {
  const all = Object.entries((template.toJSON() as { Resources: Record<string, CfnResource> }).Resources);
  return type === undefined ? all : all.filter(([, resource]) => resource.Type === type);
}

function allTemplates(): Template[] {
  return Object.values(mailbox.templates);
}

function onlyResource(template: Template, type: string): CfnResource {
  const found = resources(template, type);
  expect(found).toHaveLength(1);
  return (found[0] as [string, CfnResource])[1];
}

describe('data stack', () => {
  it('builds the table from table-definition.ts: same key schema, attributes and GSIs as DynamoDB Local', () => {
    const expected = createTableInput('ignored');
    const table = onlyResource(mailbox.templates.data, 'AWS::DynamoDB::Table').Properties ?? {};

    expect(table.KeySchema).toEqual(expected.KeySchema);
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
      (a.AttributeName ?? '').localeCompare(b.AttributeName ?? '');
    expect([...(table.AttributeDefinitions as Array<{ AttributeName: string }>)].sort(byName)).toEqual(
      [...(expected.AttributeDefinitions ?? [])].sort(byName),
    );
    expect(table.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
  });

  it('bills on demand, keeps the table (deletion protection, point-in-time recovery) and expires items by TTL', () => {
    mailbox.templates.data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: config.retention.tableRecoveryDays },
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      }),
    });
  });

  it('encrypts the table with the customer-managed, rotated key', () => {
    const [[keyId]] = resources(mailbox.templates.data, 'AWS::KMS::Key') as [[string, CfnResource]];
    mailbox.templates.data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    mailbox.templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });

  it('encrypts letters with the same key, versions them and blocks all public access', () => {
    const [[keyId]] = resources(mailbox.templates.data, 'AWS::KMS::Key') as [[string, CfnResource]];
    mailbox.templates.data.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
          },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'letters/' }),
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: config.retention.lettersInfrequentAccessAfterDays }],
            NoncurrentVersionExpiration: { NoncurrentDays: config.retention.lettersNoncurrentVersionDays },
          }),
          // Two-step uploads are used within 15 minutes or never.
          Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
        ],
      },
    });
  });

  it('blocks public access and refuses plain HTTP on every bucket', () => {
    const buckets = resources(mailbox.templates.data, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(3); // access logs, letters, evidence checkpoints (R12)
    for (const [logicalId, bucket] of buckets) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      mailbox.templates.data.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('lockout key', () => {
  it('is a secret generated by Secrets Manager (64 characters, no fixed name), resolved into the api function at deploy and written in no template', () => {
    const [[secretId, secret]] = resources(mailbox.templates.data, 'AWS::SecretsManager::Secret') as [[string, CfnResource]];
    expect(secret.Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.Properties?.Name).toBeUndefined();
    expect(secret.Properties?.SecretString).toBeUndefined();
    const api = projectFunctions().find((fn) => fn.Properties?.FunctionName === 'mailbox-pilot-api');
    const value = JSON.stringify((api?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.LOCKOUT_HASH_KEY);
    // A dynamic reference to the data stack's secret, through the stacks' export of its ARN.
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain('Fn::ImportValue');
    expect(value).toContain(secretId.slice(0, 'LockoutHashKey'.length));
  });
});

describe('evidence sealing (R12)', () => {
  const policiesWith = (action: string) =>
    allTemplates()
      .flatMap((template) => resources(template, 'AWS::IAM::Policy'))
      .filter(([, policy]) => JSON.stringify(policy.Properties?.PolicyDocument).includes(`"${action}"`))
      .map(([, policy]) => JSON.stringify(policy.Properties?.Roles));

  it('keeps an ECC_NIST_P256 signing key in the data stack', () => {
    const keys = resources(mailbox.templates.data, 'AWS::KMS::Key').map(([, key]) => key.Properties ?? {});
    expect(keys.filter((key) => key.KeySpec === 'ECC_NIST_P256')).toEqual([
      expect.objectContaining({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
    ]);
  });

  it('lets only the office and the sweep call kms:Sign and Scan the table (checkpoints), never the api or the deadline function', () => {
    expect(policiesWith('dynamodb:Scan')).toEqual(policiesWith('kms:Sign'));
    const roles = policiesWith('kms:Sign');
    expect(roles).toHaveLength(2);
    expect(roles.some((r) => r.includes('OfficeRole'))).toBe(true);
    expect(roles.some((r) => r.includes('SweepRole'))).toBe(true);
    expect(roles.some((r) => r.includes('ApiRole'))).toBe(false);
    expect(roles.some((r) => r.includes('DeadlineRole'))).toBe(false);
  });

  it('lets the applicant-facing api only SendMessage to the alert queue (reset-code requests): no other SQS action, no SNS/SES', () => {
    const [queueId] = resources(mailbox.templates.deadlines, 'AWS::SQS::Queue').find(([, queue]) => queue.Properties?.QueueName === 'mailbox-pilot-alerts') ?? [''];
    const apiStatements = resources(mailbox.templates.api, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles).includes('ApiRole'))
      .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement);
    const actionsOf = (statement: Record<string, unknown>) => [statement.Action].flat() as string[];
    const sqs = apiStatements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')));

    expect(queueId).not.toBe('');
    expect(sqs).toEqual([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::ImportValue': expect.stringContaining(`${queueId}Arn`) } }]);
    expect(apiStatements.flatMap(actionsOf).filter((action) => /^(sns|ses|mobiletargeting|scheduler):/.test(action))).toEqual([]);
  });

  it('gives the applicant-facing api the public evidence keys only (kms:GetPublicKey, for /.well-known/evidence-keys.json)', () => {
    const apiStatements = resources(mailbox.templates.api, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles).includes('ApiRole'))
      .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement)
      .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('kms:') && !['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'].includes(action)));
    expect(apiStatements.map((statement) => [statement.Action].flat())).toEqual([['kms:GetPublicKey']]);
  });

  it('writes checkpoints to a versioned bucket with Object Lock in compliance mode for 10 years', () => {
    const buckets = resources(mailbox.templates.data, 'AWS::S3::Bucket').map(([, bucket]) => bucket.Properties ?? {});
    const locked = buckets.filter((bucket) => bucket.ObjectLockEnabled === true);
    expect(locked).toEqual([
      expect.objectContaining({
        VersioningConfiguration: { Status: 'Enabled' },
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } } },
      }),
    ]);
  });
});

describe('api stack', () => {
  /** Each API method as `METHOD /path` → authorization type. */
  function methodAuthorisations(): Map<string, unknown> {
    const template = mailbox.templates.api;
    const apiResources = new Map(resources(template, 'AWS::ApiGateway::Resource'));
    const pathOf = (ref: unknown): string => {
      const id = (ref as { Ref?: string }).Ref;
      const resource = id === undefined ? undefined : apiResources.get(id);
      if (resource === undefined) return '';
      return `${pathOf(resource.Properties?.ParentId)}/${String(resource.Properties?.PathPart)}`;
    };
    return new Map(
      resources(template, 'AWS::ApiGateway::Method').map(([, method]) => [
        `${String(method.Properties?.HttpMethod)} ${pathOf(method.Properties?.ResourceId) || '/'}`,
        method.Properties?.AuthorizationType,
      ]),
    );
  }

  it('requires IAM authorisation on the office routes /api/v1/agent/* and on nothing else', () => {
    expect(Object.fromEntries(methodAuthorisations())).toEqual({
      'ANY /': 'NONE',
      'ANY /{proxy+}': 'NONE',
      'ANY /api': 'NONE',
      'ANY /api/{proxy+}': 'NONE',
      'ANY /api/v1': 'NONE',
      'ANY /api/v1/{proxy+}': 'NONE',
      'ANY /api/v1/agent': 'AWS_IAM',
      'ANY /api/v1/agent/{proxy+}': 'AWS_IAM',
    });
  });

  it('offers the office a managed policy that invokes the office routes of this stage only', () => {
    const policies = resources(mailbox.templates.api, 'AWS::IAM::ManagedPolicy');
    expect(policies).toHaveLength(1);
    const document = JSON.stringify(policies[0]?.[1].Properties?.PolicyDocument);
    expect(document).toContain('execute-api:Invoke');
    expect(document).toContain('/api/v1/agent/*');
    expect(document).not.toMatch(/"Action":"\*"|execute-api:\*/);
    expect(mailbox.templates.api.findOutputs('OfficeApiAccessPolicyArn')).not.toEqual({});
  });

  it('proxies the office routes to the office function and every other method to the applicant-facing api function', () => {
    const functions = resources(mailbox.templates.api, 'AWS::Lambda::Function');
    const idOf = (name: string) => functions.find(([, fn]) => fn.Properties?.FunctionName === name)?.[0] ?? 'missing';
    const [api, office] = [idOf('mailbox-pilot-api'), idOf('mailbox-pilot-office')];
    const methods = resources(mailbox.templates.api, 'AWS::ApiGateway::Method');
    expect(methods).toHaveLength(8);
    for (const [, method] of methods) {
      expect(method.Properties?.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
      const integration = JSON.stringify(method.Properties?.Integration);
      const iam = method.Properties?.AuthorizationType === 'AWS_IAM';
      expect(integration).toContain(iam ? office : api);
      expect(integration).not.toContain(iam ? api : office);
    }
  });

  it('keeps every request body as text: no `*/*` (nor any) binary media type', () => {
    const api = onlyResource(mailbox.templates.api, 'AWS::ApiGateway::RestApi');
    expect(api.Properties?.BinaryMediaTypes).toBeUndefined();
  });

  it("limits the office routes to the office's account by the API's resource policy", () => {
    const api = onlyResource(mailbox.templates.api, 'AWS::ApiGateway::RestApi');
    const statements = (api.Properties?.Policy as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Allow', Action: 'execute-api:Invoke', Principal: { AWS: '*' }, Resource: 'execute-api:/*' }),
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'execute-api:Invoke',
          Principal: { AWS: '*' },
          Resource: ['execute-api:/*/*/api/v1/agent', 'execute-api:/*/*/api/v1/agent/*'],
          Condition: { StringNotEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ]),
    );
  });

  it('logs access as JSON, throttles the stage and keeps bodies out of the execution logs', () => {
    mailbox.templates.api.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: config.stage,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId"') },
      MethodSettings: [
        Match.objectLike({
          DataTraceEnabled: false,
          LoggingLevel: 'ERROR',
          ThrottlingRateLimit: config.api.rateLimit,
          ThrottlingBurstLimit: config.api.burstLimit,
        }),
      ],
    });
  });

  function webAclRules(): Array<{ Name: string; Priority: number; Action?: unknown; Statement: Record<string, Record<string, unknown>> }> {
    const webAcl = onlyResource(mailbox.templates.api, 'AWS::WAFv2::WebACL');
    return webAcl.Properties?.Rules as Array<{ Name: string; Priority: number; Statement: Record<string, Record<string, unknown>> }>;
  }

  it('blocks with the AWS managed IP reputation, known bad inputs and common rule sets', () => {
    const managed = webAclRules()
      .map((rule) => rule.Statement.ManagedRuleGroupStatement)
      .filter((statement) => statement !== undefined)
      .map((statement) => `${String(statement.VendorName)}/${String(statement.Name)}`);
    expect(managed.sort()).toEqual(
      ['AWS/AWSManagedRulesAmazonIpReputationList', 'AWS/AWSManagedRulesCommonRuleSet', 'AWS/AWSManagedRulesKnownBadInputsRuleSet'].sort(),
    );
  });

  it('rate-limits credential posts (≤ 100 per 5 minutes per IP) on the API and page forms, applicants\' and helpers\', with and without the stage prefix', () => {
    const rule = webAclRules().find((candidate) => candidate.Name === 'CredentialPostsPerIp');
    const rate = rule?.Statement.RateBasedStatement as { Limit: number; EvaluationWindowSec: number; AggregateKeyType: string; ScopeDownStatement: unknown };
    expect(rule?.Action).toEqual({ Block: {} });
    expect(rate.Limit).toBeLessThanOrEqual(100);
    expect(rate).toMatchObject({ EvaluationWindowSec: 300, AggregateKeyType: 'IP' });
    const scope = JSON.stringify(rate.ScopeDownStatement);
    expect(scope).toContain('"FieldToMatch":{"Method":{}},"PositionalConstraint":"EXACTLY","SearchString":"POST"');
    for (const path of ['/api/v1/session', '/api/v1/account/activate', '/api/v1/password/', '/activate', '/password/', '/api/v1/helper/session', '/api/v1/helper/activate', '/helper/activate']) {
      for (const variant of [path, `/${config.stage}${path}`]) {
        expect(scope).toContain(`"PositionalConstraint":"STARTS_WITH","SearchString":"${variant}"`);
      }
    }
    for (const login of ['/', `/${config.stage}`, `/${config.stage}/`, '/helper', `/${config.stage}/helper`]) {
      expect(scope).toContain(`"PositionalConstraint":"EXACTLY","SearchString":"${login}"`);
    }
  });

  it('exempts the office routes by path prefix (STARTS_WITH), never by CONTAINS', () => {
    const text = JSON.stringify(webAclRules());
    expect(text).not.toContain('CONTAINS');
    for (const name of ['LargeBodyOutsideOfficeRoutes', 'RatePerIp']) {
      const rule = JSON.stringify(webAclRules().find((candidate) => candidate.Name === name));
      expect(rule).toContain('"PositionalConstraint":"STARTS_WITH","SearchString":"/api/v1/agent/"');
      expect(rule).toContain(`"PositionalConstraint":"STARTS_WITH","SearchString":"/${config.stage}/api/v1/agent/"`);
    }
  });

  it('logs the web ACL to an aws-waf-logs- group, redacting the session cookie and the SigV4 Authorization header', () => {
    const [[webAclId]] = resources(mailbox.templates.api, 'AWS::WAFv2::WebACL') as [[string, CfnResource]];
    const logging = onlyResource(mailbox.templates.api, 'AWS::WAFv2::LoggingConfiguration');
    expect(logging.Properties?.ResourceArn).toEqual({ 'Fn::GetAtt': [webAclId, 'Arn'] });
    expect(logging.Properties?.RedactedFields).toEqual([{ SingleHeader: { Name: 'cookie' } }, { SingleHeader: { Name: 'authorization' } }]);
    expect(JSON.stringify(logging.Properties?.LogDestinationConfigs)).toContain(`:log-group:aws-waf-logs-mailbox-${config.stage}`);
    mailbox.templates.api.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `aws-waf-logs-mailbox-${config.stage}` });
  });

  it('associates a WAF web ACL (AWS common rule set, per-IP rate limit) with the stage', () => {
    const template = mailbox.templates.api;
    const [[webAclId, webAcl]] = resources(template, 'AWS::WAFv2::WebACL') as [[string, CfnResource]];
    const [[stageId]] = resources(template, 'AWS::ApiGateway::Stage') as [[string, CfnResource]];
    const association = onlyResource(template, 'AWS::WAFv2::WebACLAssociation');

    expect(association.Properties?.WebACLArn).toEqual({ 'Fn::GetAtt': [webAclId, 'Arn'] });
    expect(association.Properties?.ResourceArn).toEqual({
      'Fn::Join': ['', expect.arrayContaining(['/stages/', { Ref: stageId }])],
    });
    expect(webAcl.Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    const rules = webAcl.Properties?.Rules as Array<{ Statement: Record<string, { Name?: string; Limit?: number }> }>;
    expect(rules.some((rule) => rule.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesCommonRuleSet')).toBe(true);
    expect(rules.some((rule) => rule.Statement.RateBasedStatement?.Limit === config.api.wafRequestsPer5MinutesPerIp)).toBe(true);
  });
});

describe('deadlines stack', () => {
  it('encrypts the dead-letter queue and refuses plain HTTP on it', () => {
    const template = mailbox.templates.deadlines;
    const [[queueId]] = resources(template, 'AWS::SQS::Queue') as [[string, CfnResource]];
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('gives Scheduler a role, trusted only from this schedule group, that invokes the deadline function and sends to the dead-letter queue', () => {
    const template = mailbox.templates.deadlines;
    const [[queueId]] = resources(template, 'AWS::SQS::Queue') as [[string, CfnResource]];
    const [[groupId, group]] = resources(template, 'AWS::Scheduler::ScheduleGroup') as [[string, CfnResource]];
    expect(group.Properties?.Name).toBe('mailbox-pilot-deadlines');

    const role = resources(template, 'AWS::IAM::Role').find(([, r]) =>
      JSON.stringify(r.Properties?.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    expect(role).toBeDefined();
    const [roleId, schedulerRole] = role as [string, CfnResource];
    expect(JSON.stringify(schedulerRole.Properties?.AssumeRolePolicyDocument)).toContain(groupId);

    const statements = resources(template, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement);
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          Resource: { 'Fn::Join': ['', expect.arrayContaining([':function:mailbox-pilot-deadline'])] },
        }),
        expect.objectContaining({
          Action: expect.arrayContaining(['sqs:SendMessage']),
          Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
        }),
      ]),
    );
  });

  it('tells every function the schedule target configuration: group, deadline function, scheduler role and dead-letter queue', () => {
    for (const environment of functionEnvironments()) {
      expect(environment.SCHEDULE_GROUP).toBeDefined();
      expect(JSON.stringify(environment.DEADLINE_FUNCTION_ARN)).toContain(':function:mailbox-pilot-deadline');
      expect(JSON.stringify(environment.SCHEDULER_ROLE_ARN)).toMatch(/SchedulerRole/);
      expect(JSON.stringify(environment.DLQ_ARN)).toMatch(/DeadLetters/);
    }
  });

  it('keeps failed asynchronous invocations and undelivered sweep events in the dead-letter queue', () => {
    const template = mailbox.templates.deadlines;
    const [[queueId]] = resources(template, 'AWS::SQS::Queue') as [[string, CfnResource]];
    const queueArn = { 'Fn::GetAtt': [queueId, 'Arn'] };
    const invokeConfigs = resources(template, 'AWS::Lambda::EventInvokeConfig');
    expect(invokeConfigs).toHaveLength(2);
    for (const [, invokeConfig] of invokeConfigs) {
      expect(invokeConfig.Properties?.DestinationConfig).toEqual({ OnFailure: { Destination: queueArn } });
    }
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `cron(${config.sweepMinute} * * * ? *)`,
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: queueArn } })],
    });
  });
});

describe('alert queue (paced alerts, docs/alerts.md)', () => {
  function alertQueue(): [string, CfnResource] {
    const found = resources(mailbox.templates.deadlines, 'AWS::SQS::Queue').find(([, queue]) => queue.Properties?.QueueName === 'mailbox-pilot-alerts');
    expect(found).toBeDefined();
    return found as [string, CfnResource];
  }

  it('is encrypted, redrives a message that failed ten times to the dead-letter queue, and outlives six consumer timeouts', () => {
    const [, queue] = alertQueue();
    const consumer = projectFunctions().find((fn) => fn.Properties?.FunctionName === 'mailbox-pilot-alerts');
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 6 * Number(consumer?.Properties?.Timeout),
      RedrivePolicy: { maxReceiveCount: 10, deadLetterTargetArn: expect.anything() },
    });
  });

  it("feeds the alerts function in batches, at most as many at once as the stage's consumers, with partial batch failures", () => {
    const [queueId] = alertQueue();
    mailbox.templates.deadlines.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      BatchSize: config.alerts.batchSize,
      ScalingConfig: { MaximumConcurrency: config.alerts.consumers },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('gives every function the queue and the quotas of the stage config', () => {
    for (const environment of functionEnvironments()) {
      expect(environment).toMatchObject({
        SMS_PER_SECOND: String(config.alerts.smsPerSecond),
        EMAIL_PER_SECOND: String(config.alerts.emailPerSecond),
        SCHEDULER_PER_SECOND: String(config.alerts.schedulerPerSecond),
        ALERT_CONSUMERS: String(config.alerts.consumers),
      });
      expect(environment.ALERT_QUEUE_URL).toBeDefined();
    }
  });

  it('alarms the operators when the oldest waiting alert is older than the stage allows', () => {
    const alarm = resources(mailbox.templates.monitoring, 'AWS::CloudWatch::Alarm')
      .map(([, resource]) => resource.Properties ?? {})
      .find((properties) => properties.MetricName === 'ApproximateAgeOfOldestMessage');
    expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', Threshold: config.alerts.maxQueueAgeSeconds, ComparisonOperator: 'GreaterThanThreshold' });
  });
});

describe('account stack', () => {
  it('applies the SMS account settings with SetSMSAttributes, passing the delivery-status role to SNS only', () => {
    const [, settings] = resources(mailbox.templates.account, 'Custom::AWS')[0] as [string, CfnResource];
    const create = JSON.stringify(settings.Properties?.Create);
    for (const expected of [
      '"service":"SNS"',
      '"action":"SetSMSAttributes"',
      '"DefaultSMSType":"Transactional"',
      `"DefaultSenderID":"${ACCOUNT.sms.defaultSenderId}"`,
      `"MonthlySpendLimit":"${ACCOUNT.sms.monthlySpendLimitUsd}"`,
      '"DeliveryStatusIAMRole"',
      `"DeliveryStatusSuccessSamplingRate":"${ACCOUNT.sms.successSamplingPercent}"`,
    ]) {
      expect(create).toContain(expected.replaceAll('"', '\\"'));
    }
    const passRoles = resources(mailbox.templates.account, 'AWS::IAM::Policy')
      .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement)
      .filter((statement) => statement.Action === 'iam:PassRole');
    expect(passRoles).toHaveLength(1);
    expect(passRoles[0]?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } });
  });

  it('owns the account-wide things: SNS delivery-log groups and the API Gateway logging setting, which no stage stack creates', () => {
    const names = resources(mailbox.templates.account, 'AWS::Logs::LogGroup').map(([, group]) => JSON.stringify(group.Properties?.LogGroupName ?? ''));
    expect(names.filter((name) => name.includes('DirectPublishToPhoneNumber'))).toHaveLength(2);
    mailbox.templates.account.resourceCountIs('AWS::ApiGateway::Account', 1);
    for (const [name, template] of Object.entries(mailbox.templates)) {
      if (name === 'account') continue;
      const text = JSON.stringify(template.toJSON());
      expect(text, name).not.toContain('DirectPublishToPhoneNumber');
      expect(text, name).not.toContain('SetSMSAttributes');
      expect(text, name).not.toContain('AWS::ApiGateway::Account');
    }
  });

  it('lets the functions that send alerts (deadline, sweep, alerts; not the api nor the office) publish SMS (never to a topic) and e-mail only from the configured address', () => {
    const sendAlerts = allTemplates()
      .flatMap((template) => resources(template, 'AWS::IAM::Policy'))
      .filter(([logicalId]) => logicalId.includes('SendAlerts'));
    expect(sendAlerts.map(([logicalId]) => logicalId.replace(/SendAlerts.*$/, '')).sort()).toEqual(['Alerts', 'Deadline', 'Sweep']);
    for (const [, policy] of sendAlerts) {
      expect((policy.Properties?.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
        { Sid: 'SmsToPhoneNumbers', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' },
        { Sid: 'NoTopicOrEndpointPublish', Effect: 'Deny', Action: 'sns:Publish', Resource: 'arn:aws:sns:*:*:*' },
        {
          Sid: 'EmailFromConfiguredAddress',
          Effect: 'Allow',
          Action: 'ses:SendEmail',
          Resource: { 'Fn::Join': ['', expect.arrayContaining([`:identity/${config.email.identity}`])] },
          Condition: { StringEquals: { 'ses:FromAddress': config.email.from } },
        },
      ]);
    }
  });
});

describe('monitoring stack', () => {
  function alarmOn(metricName: string): CfnResource | undefined {
    return resources(mailbox.templates.monitoring, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm)
      .find((alarm) => alarm.Properties?.MetricName === metricName);
  }

  it('alarms as soon as one message sits in the dead-letter queue', () => {
    expect(alarmOn('ApproximateNumberOfMessagesVisible')?.Properties).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('alarms on errors and throttles of each function', () => {
    const alarms = resources(mailbox.templates.monitoring, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
    expect(alarms.filter((alarm) => alarm.MetricName === 'Errors')).toHaveLength(5);
    expect(alarms.filter((alarm) => alarm.MetricName === 'Throttles')).toHaveLength(5);
  });

  it("alarms on EventBridge Scheduler's own metrics for this stage's schedule group, within 5 minutes", () => {
    const group = mailbox.stacks.deadlines.resolve(mailbox.stacks.deadlines.scheduleGroup.scheduleGroupName) as unknown;
    for (const metricName of ['TargetErrorCount', 'TargetErrorThrottledCount', 'InvocationDroppedCount', 'InvocationsSentToDeadLetterCount']) {
      const alarm = alarmOn(metricName)?.Properties;
      expect(alarm, metricName).toMatchObject({ Namespace: 'AWS/Scheduler', Period: 300, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      expect(JSON.stringify(alarm?.Dimensions), metricName).toContain('ScheduleGroup');
    }
    expect(group).toBe('mailbox-pilot-deadlines');
  });

  it.each([
    // The heartbeat: missing data (the sweep did not run) is breaching.
    [METRICS.sweepCompleted, { Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' }],
    // Letters past their window and not deemed, within the hour.
    [METRICS.overdueBacklog, { Statistic: 'Maximum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 }],
  ])('alarms hourly on the sweep’s %s metric', (metricName, expected) => {
    expect(alarmOn(metricName)?.Properties).toMatchObject({
      Namespace: METRICS.namespace,
      Dimensions: [{ Name: METRICS.stageDimension, Value: config.stage }],
      Period: 3600,
      ...expected,
    });
  });

  it('alarms on the custom metrics the functions emit, with the names exported by shared/metrics.ts', () => {
    for (const metricName of [METRICS.sweepRepaired, METRICS.alertsFailed]) {
      expect(alarmOn(metricName)?.Properties).toMatchObject({
        Namespace: METRICS.namespace,
        Dimensions: [{ Name: METRICS.stageDimension, Value: config.stage }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('lets CloudWatch (this account only) publish to the operators topic, whose SSL-only policy would otherwise deny it', () => {
    const [[topicId]] = resources(mailbox.templates.monitoring, 'AWS::SNS::Topic') as [[string, CfnResource]];
    const policy = onlyResource(mailbox.templates.monitoring, 'AWS::SNS::TopicPolicy');
    expect(policy.Properties?.Topics).toEqual([{ Ref: topicId }]);
    const statements = (policy.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: topicId },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ]),
    );
  });

  it("subscribes the stage's operators address to the topic by e-mail", () => {
    const [[topicId]] = resources(mailbox.templates.monitoring, 'AWS::SNS::Topic') as [[string, CfnResource]];
    mailbox.templates.monitoring.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: config.operators.email,
      TopicArn: { Ref: topicId },
    });
  });

  it('notifies the operators topic from every alarm and encrypts that topic', () => {
    const [[topicId]] = resources(mailbox.templates.monitoring, 'AWS::SNS::Topic') as [[string, CfnResource]];
    mailbox.templates.monitoring.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    for (const [, alarm] of resources(mailbox.templates.monitoring, 'AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties?.AlarmActions).toEqual([{ Ref: topicId }]);
    }
    mailbox.templates.monitoring.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

/** The four project functions (the SMS settings provider is CDK's own). */
function projectFunctions(): CfnResource[] {
  return allTemplates()
    .flatMap((template) => resources(template, 'AWS::Lambda::Function'))
    .map(([, fn]) => fn)
    .filter((fn) => String(fn.Properties?.FunctionName).startsWith('mailbox-pilot-'));
}

function functionEnvironments(): Array<Record<string, unknown>> {
  return projectFunctions().map(
    (fn) => (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables,
  );
}

describe('functions', () => {
  it('runs every project function on Node.js 22, arm64, logging to its own log group that has a retention', () => {
    const functions = projectFunctions();
    const logGroups = new Map(allTemplates().flatMap((template) => resources(template, 'AWS::Logs::LogGroup')));
    expect(functions.map((fn) => fn.Properties?.FunctionName).sort()).toEqual([
      'mailbox-pilot-alerts',
      'mailbox-pilot-api',
      'mailbox-pilot-deadline',
      'mailbox-pilot-office',
      'mailbox-pilot-sweep',
    ]);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      const logGroupId = (fn.Properties?.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(logGroups.get(logGroupId)?.Properties).toEqual({
        LogGroupName: `/aws/lambda/${String(fn.Properties?.FunctionName)}`,
        RetentionInDays: 90,
      });
    }
  });

  it('gives every function the same environment names, and the lockout key to the api and the alerts function only', () => {
    for (const fn of projectFunctions()) {
      const environment = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      // The api checks lockouts; the alerts function too, when it issues a queued reset code.
      const lockoutKey = ['mailbox-pilot-api', 'mailbox-pilot-alerts'].includes(String(fn.Properties?.FunctionName)) ? ['LOCKOUT_HASH_KEY'] : [];
      expect(Object.keys(environment).sort()).toEqual([...FUNCTION_ENVIRONMENT_NAMES, ...lockoutKey].sort());
      expect(environment).toMatchObject({
        STAGE: 'pilot',
        SMS_SENDER_ID: config.sms.senderId,
        EMAIL_FROM: config.email.from,
        PUBLIC_URL: `https://${config.domain.name}`,
        METRICS_NAMESPACE: METRICS.namespace,
      });
    }
  });

  it('grants no wildcard action and only scoped resources on the data (DynamoDB, S3, KMS)', () => {
    const statements = allTemplates()
      .flatMap((template) => resources(template, 'AWS::IAM::Policy'))
      .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement)
      .filter((statement) => statement.Effect === 'Allow');
    const actionsOf = (statement: Record<string, unknown>) => [statement.Action].flat() as string[];
    const dataStatements = statements.filter((statement) => actionsOf(statement).some((action) => /^(dynamodb|s3|kms):/.test(action)));

    expect(dataStatements.length).toBeGreaterThan(0);
    for (const statement of dataStatements) {
      for (const action of actionsOf(statement)) expect(action).not.toContain('*');
      const resourcesText = JSON.stringify(statement.Resource);
      if (actionsOf(statement).some((action) => action.startsWith('s3:')) && resourcesText.includes('-checkpoints-')) {
        // R12: objects under checkpoints/ of the checkpoint bucket, or that bucket listed under that prefix only.
        const bucket = { 'Fn::ImportValue': 'mailbox-pilot-checkpoints-bucket-arn' };
        const objects = { 'Fn::Join': ['', [bucket, '/checkpoints/*']] };
        expect([objects, bucket]).toContainEqual(statement.Resource);
        if (actionsOf(statement).includes('s3:ListBucket')) expect(statement.Condition).toEqual({ StringLike: { 's3:prefix': ['checkpoints/*'] } });
      } else if (actionsOf(statement).some((action) => action.startsWith('s3:'))) {
        for (const resource of [statement.Resource].flat()) {
          expect(JSON.stringify(resource)).toMatch(/^\{"Fn::Join":\["",\[\{"Fn::ImportValue":"mailbox-pilot-letters-bucket-arn"\},"\/(letters|uploads)\/\*"\]\]\}$/);
        }
      } else {
        expect(resourcesText).not.toContain('*');
      }
    }
    for (const statement of statements) expect(actionsOf(statement)).not.toContain('*');
  });

  it('gives the deadline and sweep functions no DeleteItem, BatchWriteItem, UpdateSchedule or GetSchedule', () => {
    const template = mailbox.templates.deadlines;
    for (const name of ['Deadline', 'Sweep']) {
      const actions = resources(template, 'AWS::IAM::Policy')
        .filter(([logicalId]) => logicalId.startsWith(name))
        .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement)
        .flatMap((statement) => [statement.Action].flat());
      expect(actions, name).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'scheduler:CreateSchedule', 'scheduler:DeleteSchedule']));
      for (const forbidden of ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'scheduler:UpdateSchedule', 'scheduler:GetSchedule']) {
        expect(actions, name).not.toContain(forbidden);
      }
    }
  });

  it('passes roles only to the service that needs them (every iam:PassRole has iam:PassedToService)', () => {
    const passRoles = allTemplates()
      .flatMap((template) => resources(template, 'AWS::IAM::Policy'))
      .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement)
      .filter((statement) => [statement.Action].flat().includes('iam:PassRole'));
    expect(passRoles.length).toBeGreaterThan(0);
    for (const statement of passRoles) expect(JSON.stringify(statement.Condition)).toContain('iam:PassedToService');
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it('reports no unacknowledged finding (the validation report is empty)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const report = JSON.parse(readFileSync(join(mailbox.assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ violations?: unknown[] }>;
    };
    expect(report.pluginReports.flatMap((pluginReport) => pluginReport.violations ?? [])).toEqual([]);
  });

  it('acknowledges only findings that exist, on the construct that has them, each with a reason', () => {
    const findings = allFindings(mailbox.app);
    for (const acknowledgement of acknowledgements(mailbox.app)) {
      const matching = findings.filter(
        (finding) =>
          finding.ruleId === acknowledgement.ruleId && finding.constructPath.startsWith(`${acknowledgement.constructPath}/`),
      );
      expect(matching, `${acknowledgement.ruleId} on ${acknowledgement.constructPath}`).not.toEqual([]);
      expect(acknowledgement.reason.length).toBeGreaterThan(40);
    }
  });

  it('acknowledges wildcard resources only by their exact ARN, never IAM5 as a whole', () => {
    for (const acknowledgement of acknowledgements(mailbox.app)) {
      if (acknowledgement.ruleId.startsWith('AwsSolutions-IAM')) {
        expect(acknowledgement.ruleId).toMatch(/^AwsSolutions-IAM[45]\[(Resource|Policy)::.+\]$/);
      }
    }
  });
});
