import { ArnFormat, Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigateway';
import type { IResource, Method } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AnyPrincipal, Effect, ManagedPolicy, Policy, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';

type WafStatement = CfnWebACL.StatementProperty;
import type { Construct } from 'constructs';
import { resourcePrefix } from '../config.ts';
import type { StageConfig } from '../config.ts';
import { MailboxFunction } from '../constructs/mailbox-function.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import { functionEnvironment } from '../function-environment.ts';
import type { EnvironmentSources } from '../function-environment.ts';
import type { DataStack } from './data-stack.ts';
import type { DeadlinesStack } from './deadlines-stack.ts';
import { HELPER_CREDENTIAL_PATHS } from '../helper-credential-paths.ts';

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly data: DataStack;
  readonly deadlines: DeadlinesStack;
}

/** The office routes: signed (SigV4) requests from the office's IAM principals only. */
const AGENT_PATH = ['api', 'v1', 'agent'] as const;
const AGENT_PREFIX = `/${AGENT_PATH.join('/')}`;

/**
 * The credential paths (WAF rate rule): the API's log-in, activation and password resets, and the
 * pages' forms posting the same secrets. `exactly`: the log-in page `/` (a prefix `/` is everything).
 */
export const CREDENTIAL_PATHS: ReadonlyArray<{ readonly path: string; readonly match: 'STARTS_WITH' | 'EXACTLY' }> = [
  { path: '/api/v1/session', match: 'STARTS_WITH' },
  { path: '/api/v1/account/activate', match: 'STARTS_WITH' },
  { path: '/api/v1/password/', match: 'STARTS_WITH' },
  { path: '/', match: 'EXACTLY' },
  { path: '/activate', match: 'STARTS_WITH' },
  { path: '/password/', match: 'STARTS_WITH' },
  ...HELPER_CREDENTIAL_PATHS,
];

/**
 * The public entry point: a REST API with two functions behind it. The office routes
 * `/api/v1/agent/*` require IAM authorisation, are limited by the resource policy to the
 * office's account and go to the office function; every other path (the pages and the
 * applicant's API) goes to the api function, which carries no office code and no client for
 * S3 writes, SNS, SES or Scheduler at start-up (bench/README.md). A WAF web ACL protects the stage.
 */
export class ApiStack extends Stack {
  /** The applicant-facing function (pages and `/api/v1/*` except the office routes). */
  readonly api: MailboxFunction;
  /** The office routes' function. */
  readonly office: MailboxFunction;
  readonly restApi: RestApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, data, deadlines } = props;
    const prefix = resourcePrefix(config);

    const sources: EnvironmentSources = {
      config,
      tableName: data.table.tableName,
      bucketName: data.letters.bucketName,
      keyArn: data.key.keyArn,
      scheduleGroupName: deadlines.scheduleGroup.scheduleGroupName,
      deadlineFunctionArn: deadlines.deadlineFunctionArn,
      schedulerRoleArn: deadlines.schedulerRole.roleArn,
      deadLetterQueueArn: deadlines.deadLetterQueue.queueArn,
      alertQueueUrl: deadlines.alertQueue.queueUrl,
    };
    // Both answer API Gateway (29 s at most) with 1024 MB: argon2id (WebAssembly) is CPU-bound and
    // more memory buys more CPU for log-ins; a deposit holds a PDF of up to 10 MiB and its base64.
    const apiFunction = (id: string, name: 'api' | 'office', description: string) =>
      new MailboxFunction(this, id, {
        name,
        config,
        description,
        environment: functionEnvironment(name, sources),
        memorySize: 1024,
        timeout: Duration.seconds(29),
      });
    this.api = apiFunction('Api', 'api', 'The applicant side: pages and JSON API (Hono), office routes excluded');
    data.grantTableAccess(this.api, 'items');
    data.grantLettersAccess(this.api, 'read');
    // docs/api.md (no enumeration): a reset-code request is handed to the alert queue before the
    // 202, whatever the account; the alerts function issues and sends the code. SendMessage on that
    // queue only (no receive, no delete); no SNS/SES: the applicant side sends and schedules nothing.
    new Policy(this.api, 'SubmitResetCodes', {
      roles: [this.api.role],
      statements: [new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadlines.alertQueue.queueArn] })],
    });
    // R12: it serves /.well-known/evidence-keys.json (public keys only); signing is the office's.
    data.grantEvidencePublicKeys(this.api, config);
    data.addLockoutKeyEnvironment(this.api);

    this.office = apiFunction('Office', 'office', 'The office routes /api/v1/agent/* (IAM): register, deposit, uploads, evidence');
    data.grantTableAccess(this.office, 'items');
    data.grantLettersAccess(this.office, 'deposit');
    deadlines.grantScheduling(this.office);
    // Deposits hand their alerts to the paced queue (docs/alerts.md).
    deadlines.alertQueue.grantSendMessages(this.office.role);
    // R12: evidence exports and on-demand checkpoints are office routes.
    data.grantEvidenceSealing(this.office, config);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.retention.logs,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const officeAccount = config.office.accountId ?? Aws.ACCOUNT_ID;
    this.restApi = new RestApi(this, 'RestApi', {
      restApiName: prefix,
      description: 'Digital mailbox for asylum applicants',
      endpointTypes: [EndpointType.REGIONAL],
      // No binaryMediaTypes: every request body is JSON or a form, passed as text (a `*/*` entry
      // would base64 JSON bodies too, a third larger against Lambda's 6 MB request cap), and
      // letters leave through presigned S3 URLs, never as bytes through the gateway.
      // The account-level logging role is the account stack's (one per account, not per stage).
      cloudWatchRole: false,
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({ principals: [new AnyPrincipal()], actions: ['execute-api:Invoke'], resources: ['execute-api:/*'] }),
          new PolicyStatement({
            sid: 'OfficeRoutesFromTheOfficeAccountOnly',
            effect: Effect.DENY,
            principals: [new AnyPrincipal()],
            actions: ['execute-api:Invoke'],
            resources: [`execute-api:/*/*${AGENT_PREFIX}`, `execute-api:/*/*${AGENT_PREFIX}/*`],
            conditions: { StringNotEquals: { 'aws:PrincipalAccount': officeAccount } },
          }),
        ],
      }),
      deployOptions: {
        stageName: config.stage,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        // Request and response bodies carry personal data: never in the logs.
        dataTraceEnabled: false,
        metricsEnabled: true,
        throttlingRateLimit: config.api.rateLimit,
        throttlingBurstLimit: config.api.burstLimit,
      },
    });
    if (config.domain.certificateArn !== undefined) {
      const domain = this.restApi.addDomainName('Domain', {
        domainName: config.domain.name,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', config.domain.certificateArn),
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new CfnOutput(this, 'DomainTarget', {
        description: `Point ${config.domain.name} (CNAME or alias) at this name`,
        value: domain.domainNameAliasDomainName,
      });
    }

    const applicantIntegration = new LambdaIntegration(this.api.function, { scopePermissionToMethod: false });
    const officeIntegration = new LambdaIntegration(this.office.function, { scopePermissionToMethod: false });
    const open = { authorizationType: AuthorizationType.NONE };
    const iam = { authorizationType: AuthorizationType.IAM };
    // A static resource shadows the root proxy below it, so each level on the way to
    // /api/v1/agent proxies its own subtree too.
    let resource: IResource = this.restApi.root;
    for (const part of AGENT_PATH) {
      for (const method of proxySubtree(resource, applicantIntegration, open)) {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'Pages and applicant routes (log-in, activation, password reset, documents) must reach the application anonymously; it authenticates applicants itself with an HttpOnly session cookie (docs/api.md). Office routes use IAM.',
        });
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason: "Applicants sign in with the application's own accounts (AGDREF number and argon2id password), not Cognito.",
        });
      }
      resource = resource.addResource(part);
    }
    for (const method of proxySubtree(resource, officeIntegration, iam)) {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason: "Office routes are called by the office's systems with SigV4-signed requests (AuthorizationType.IAM), not by Cognito users.",
      });
    }
    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Every route is a proxy to one function that validates each body and parameter with the same zod schemas the OpenAPI document is generated from, answering the 400/413/415 codes docs/api.md specifies; an API Gateway model would duplicate them.',
    });

    const webAcl = this.webAcl(config);
    new CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.restApi.deploymentStage.stageArn,
      webAclArn: webAcl.attrArn,
    });
    this.webAclLogging(config, webAcl);

    new CfnOutput(this, 'ApiUrl', { value: this.restApi.url });

    // What the office's systems need and nothing more: attach this policy to the role they
    // assume (README "Deploy": rotating the office's access is switching roles or keys).
    const officeRoutes = this.restApi.arnForExecuteApi('*', `${AGENT_PREFIX}/*`, this.restApi.deploymentStage.stageName);
    const officeAccess = new ManagedPolicy(this, 'OfficeApiAccess', {
      managedPolicyName: `${prefix}-office-api-access`,
      description: 'Lets the office call the mailbox office routes (/api/v1/agent/*) with SigV4-signed requests.',
      statements: [new PolicyStatement({ actions: ['execute-api:Invoke'], resources: [officeRoutes] })],
    });
    acknowledgeWildcardResource(
      officeAccess,
      officeRoutes,
      'The office may call every method of every office route (register, deposit, upload, reissue a key, export evidence) on this stage of this API only; applicant routes are not included.',
    );
    new CfnOutput(this, 'OfficeApiAccessPolicyArn', { value: officeAccess.managedPolicyArn });
  }

  private webAcl(config: StageConfig): CfnWebACL {
    const prefix = resourcePrefix(config);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${prefix}-${metricName}`,
    });
    // Through the execute-api URL the path WAF sees starts with the stage (`/pilot/...`); through
    // the custom domain it does not: each path condition matches both forms.
    const paths = (path: string) => (path === '/' ? ['/', `/${config.stage}`, `/${config.stage}/`] : [path, `/${config.stage}${path}`]);
    const uriPath = (searchString: string, positionalConstraint: 'STARTS_WITH' | 'EXACTLY'): WafStatement => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint,
        searchString,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    const anyOf = (statements: WafStatement[]): WafStatement => ({ orStatement: { statements } });
    // STARTS_WITH, never CONTAINS: `/anything/api/v1/agent/` must not borrow the office's exemptions.
    const officeRoute = anyOf(paths(`${AGENT_PREFIX}/`).map((path) => uriPath(path, 'STARTS_WITH')));
    const credentialPath = anyOf(CREDENTIAL_PATHS.flatMap(({ path, match }) => paths(path).map((variant) => uriPath(variant, match))));
    const managed = (name: string, priority: number, overrides?: object) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...overrides } },
      visibilityConfig: visibility(name),
    });
    return new CfnWebACL(this, 'WebAcl', {
      name: prefix,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
        managed('AWSManagedRulesCommonRuleSet', 2, {
          // Deposits carry a base64 PDF far over the 8 KB body limit: count here, block below
          // everywhere except on the (IAM-signed) office routes.
          ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
        }),
        {
          name: 'LargeBodyOutsideOfficeRoutes',
          priority: 3,
          action: { block: {} },
          statement: {
            andStatement: {
              statements: [
                { labelMatchStatement: { scope: 'LABEL', key: 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body' } },
                { notStatement: { statement: officeRoute } },
              ],
            },
          },
          visibilityConfig: visibility('large-body'),
        },
        {
          name: 'CredentialPostsPerIp',
          priority: 4,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: config.api.wafCredentialPostsPer5MinutesPerIp,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: 'POST',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                    credentialPath,
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('credential-posts-per-ip'),
        },
        {
          name: 'RatePerIp',
          priority: 5,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: config.api.wafRequestsPer5MinutesPerIp,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              // The office's systems sit behind few addresses and are throttled by the stage.
              scopeDownStatement: { notStatement: { statement: officeRoute } },
            },
          },
          visibilityConfig: visibility('rate-per-ip'),
        },
      ],
    });
  }

  /**
   * WAF logs to CloudWatch. WAF never logs bodies; the session cookie and the office's SigV4
   * `Authorization` header are redacted, so the logs hold neither a usable session nor a signature.
   */
  private webAclLogging(config: StageConfig, webAcl: CfnWebACL): void {
    // WAF requires this name prefix, and the ARN without the `:*` CloudFormation gives.
    const logGroupName = `aws-waf-logs-${resourcePrefix(config)}`;
    new LogGroup(this, 'WafLogs', { logGroupName, retention: config.retention.logs, removalPolicy: RemovalPolicy.DESTROY });
    const logging = new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: webAcl.attrArn,
      logDestinationConfigs: [
        this.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ],
      redactedFields: [{ singleHeader: { Name: 'cookie' } }, { singleHeader: { Name: 'authorization' } }],
    });
    logging.node.addDependency(this.node.findChild('WafLogs'));
  }
}

/** `ANY` on the resource itself and on everything below it. */
function proxySubtree(
  resource: IResource,
  integration: LambdaIntegration,
  options: { authorizationType: AuthorizationType },
): Method[] {
  return [resource.addMethod('ANY', integration, options), resource.addProxy({ anyMethod: false }).addMethod('ANY', integration, options)];
}
