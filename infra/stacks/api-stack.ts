import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
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
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { resourcePrefix } from '../config.ts';
import type { StageConfig } from '../config.ts';
import { MailboxFunction } from '../constructs/mailbox-function.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import { functionEnvironment } from '../function-environment.ts';
import type { AlertsStack } from './alerts-stack.ts';
import type { DataStack } from './data-stack.ts';
import type { DeadlinesStack } from './deadlines-stack.ts';

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly data: DataStack;
  readonly deadlines: DeadlinesStack;
  readonly alerts: AlertsStack;
}

/** The office routes: signed (SigV4) requests from the office's IAM principals only. */
const AGENT_PATH = ['api', 'v1', 'agent'] as const;

/**
 * The public entry point: a REST API proxying every path to the api function (Hono routes
 * everything), except that the office routes `/api/v1/agent/*` require IAM authorisation.
 * A WAF web ACL (AWS common rule set and a per-IP rate limit) protects the stage.
 */
export class ApiStack extends Stack {
  readonly api: MailboxFunction;
  readonly restApi: RestApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, data, deadlines, alerts } = props;
    const prefix = resourcePrefix(config);

    this.api = new MailboxFunction(this, 'Api', {
      name: 'api',
      config,
      description: 'The JSON API and the pages (Hono)',
      environment: functionEnvironment('api', {
        config,
        tableName: data.table.tableName,
        bucketName: data.lettersBucketName,
        keyArn: data.key.keyArn,
        scheduleGroupName: deadlines.scheduleGroup.scheduleGroupName,
        deadlineFunctionArn: deadlines.deadlineFunctionArn,
        schedulerRoleArn: deadlines.schedulerRole.roleArn,
        deadLetterQueueArn: deadlines.deadLetterQueue.queueArn,
      }),
      // argon2id (WebAssembly) is CPU-bound: more memory buys more CPU for log-ins.
      memorySize: 1024,
      timeout: Duration.seconds(29),
    });
    data.grantTableAccess(this.api);
    data.grantLettersAccess(this.api);
    alerts.grantSendAlerts(this.api);
    deadlines.grantScheduling(this.api);
    data.grantEvidenceSealing(this.api, config);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.retention.logs,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.restApi = new RestApi(this, 'RestApi', {
      restApiName: prefix,
      description: 'Digital mailbox for asylum applicants',
      endpointTypes: [EndpointType.REGIONAL],
      // Letters are served as PDF bytes: let API Gateway pass base64 bodies through both ways.
      binaryMediaTypes: ['*/*'],
      // Execution logs (below) need the account-level role that lets API Gateway write to CloudWatch.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
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

    const integration = new LambdaIntegration(this.api.function, { scopePermissionToMethod: false });
    const open = { authorizationType: AuthorizationType.NONE };
    const iam = { authorizationType: AuthorizationType.IAM };
    // A static resource shadows the root proxy below it, so each level on the way to
    // /api/v1/agent proxies its own subtree too.
    let resource: IResource = this.restApi.root;
    for (const part of AGENT_PATH) {
      for (const method of proxySubtree(resource, integration, open)) {
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
    for (const method of proxySubtree(resource, integration, iam)) {
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
    Validations.of(this.restApi.node.findChild('CloudWatchRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'The account-level API Gateway logging role uses the AWS-maintained policy made for exactly that purpose.',
    });

    const webAcl = this.webAcl(config);
    new CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.restApi.deploymentStage.stageArn,
      webAclArn: webAcl.attrArn,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.restApi.url });

    // What the office's systems need and nothing more: attach this policy to the role they
    // assume (README "Deploy": rotating the office's access is switching roles or keys).
    const officeRoutes = this.restApi.arnForExecuteApi('*', '/api/v1/agent/*', this.restApi.deploymentStage.stageName);
    const officeAccess = new ManagedPolicy(this, 'OfficeApiAccess', {
      managedPolicyName: `${prefix}-office-api-access`,
      description: 'Lets the office call the mailbox office routes (/api/v1/agent/*) with SigV4-signed requests.',
      statements: [new PolicyStatement({ actions: ['execute-api:Invoke'], resources: [officeRoutes] })],
    });
    acknowledgeWildcardResource(
      officeAccess,
      officeRoutes,
      'The office may call every method of every office route (register, deposit, reissue a key, export evidence) on this stage of this API only; applicant routes are not included.',
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
    const officeRoute = {
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'CONTAINS',
        searchString: `/${AGENT_PATH.join('/')}/`,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    return new CfnWebACL(this, 'WebAcl', {
      name: prefix,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      rules: [
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Deposits carry a base64 PDF far over the 8 KB body limit: count here, block below
              // everywhere except on the (IAM-signed) office routes.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('common-rule-set'),
        },
        {
          name: 'LargeBodyOutsideOfficeRoutes',
          priority: 1,
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
          name: 'RatePerIp',
          priority: 2,
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
}

/** `ANY` on the resource itself and on everything below it. */
function proxySubtree(
  resource: IResource,
  integration: LambdaIntegration,
  options: { authorizationType: AuthorizationType },
): Method[] {
  return [resource.addMethod('ANY', integration, options), resource.addProxy({ anyMethod: false }).addMethod('ANY', integration, options)];
}
