import { Aws, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import type { AccountConfig } from '../config.ts';

export interface AccountStackProps extends StackProps {
  readonly account: AccountConfig;
}

/**
 * What an AWS account (in one region) has only once, deployed by one stack whose template is the
 * same whatever the stage: the SMS settings (transactional, default sender ID, monthly spend cap,
 * delivery-status logging), the two SNS delivery-log groups whose names SNS fixes, and the role
 * API Gateway uses to write execution logs. Every stage depends on it; none creates any of these.
 */
export class AccountStack extends Stack {
  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id, props);
    const { sms } = props.account;

    // SNS writes one log line per SMS into these two fixed-name groups; creating them here
    // sets their retention (phone numbers appear in them) and lets the role be scoped to them.
    // RETAIN: deleting this stack must not lose delivery records, and a group left behind is
    // adopted by nothing else (no stage stack names it).
    const deliveryLogs = Object.entries({
      SmsDeliveredLogs: 'DirectPublishToPhoneNumber',
      SmsFailedLogs: 'DirectPublishToPhoneNumber/Failure',
    }).map(
      ([id, suffix]) =>
        new LogGroup(this, id, {
          logGroupName: `sns/${Aws.REGION}/${Aws.ACCOUNT_ID}/${suffix}`,
          retention: props.account.deliveryLogsRetention,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
    );
    const deliveryStatusRole = new Role(this, 'SmsDeliveryStatusRole', {
      assumedBy: new ServicePrincipal('sns.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'Lets SNS log SMS delivery statuses to CloudWatch Logs',
    });
    for (const logGroup of deliveryLogs) {
      logGroup.grantWrite(deliveryStatusRole);
      logGroup.grant(deliveryStatusRole, 'logs:CreateLogGroup');
    }

    const settingsLogs = new LogGroup(this, 'SmsSettingsLogs', {
      retention: props.account.deliveryLogsRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const settingsRole = new Role(this, 'SmsSettingsRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Applies the account SMS settings (custom resource provider)',
    });
    settingsLogs.grantWrite(settingsRole);
    const setSmsAttributes = {
      service: 'SNS',
      action: 'SetSMSAttributes',
      parameters: {
        attributes: {
          DefaultSMSType: 'Transactional',
          DefaultSenderID: sms.defaultSenderId,
          MonthlySpendLimit: String(sms.monthlySpendLimitUsd),
          DeliveryStatusIAMRole: deliveryStatusRole.roleArn,
          DeliveryStatusSuccessSamplingRate: String(sms.successSamplingPercent),
        },
      },
      physicalResourceId: PhysicalResourceId.of('sms-account-settings'),
    };
    const settings = new AwsCustomResource(this, 'SmsSettings', {
      // Deleting the stack leaves the account's SMS settings as they are (there is no "unset").
      onCreate: setSmsAttributes,
      onUpdate: setSmsAttributes,
      role: settingsRole,
      logGroup: settingsLogs,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [deliveryStatusRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } },
        }),
      ]),
    });
    Validations.of(settings).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sns:SetSMSAttributes acts on account-level settings and supports no resource-level permission; the statement allows only that action.',
    });

    // API Gateway's execution logs (every stage's ERROR-level logging) need this account-level
    // setting; a stage stack setting it would overwrite another stage's.
    const apiGatewayLogging = new Role(this, 'ApiGatewayLoggingRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'Lets API Gateway write the execution logs of every stage of this account',
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs')],
    });
    Validations.of(apiGatewayLogging).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'The account-level API Gateway logging role uses the AWS-maintained policy made for exactly that purpose.',
    });
    const account = new CfnAccount(this, 'ApiGatewayAccount', { cloudWatchRoleArn: apiGatewayLogging.roleArn });
    // Removing the setting with the stack would break every stage's logging: it stays.
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
