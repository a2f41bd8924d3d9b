import { Aws, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import type { MailboxFunction } from '../constructs/mailbox-function.ts';

export interface AlertsStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * The account-level SMS settings (transactional, alphanumeric sender ID, monthly spend cap,
 * delivery-status logs) and the permissions a function needs to alert an applicant by SMS
 * (SNS direct publish) and e-mail (SES).
 */
export class AlertsStack extends Stack {
  private readonly config: StageConfig;

  constructor(scope: Construct, id: string, props: AlertsStackProps) {
    super(scope, id, props);
    this.config = props.config;
    const { sms } = props.config;

    // SNS writes one log line per SMS into these two fixed-name groups; creating them here
    // sets their retention (phone numbers appear in them) and lets the role be scoped to them.
    const deliveryLogs = Object.entries({
      SmsDeliveredLogs: 'DirectPublishToPhoneNumber',
      SmsFailedLogs: 'DirectPublishToPhoneNumber/Failure',
    }).map(
      ([id, suffix]) =>
        new LogGroup(this, id, {
          logGroupName: `sns/${Aws.REGION}/${Aws.ACCOUNT_ID}/${suffix}`,
          retention: props.config.retention.logs,
          removalPolicy: RemovalPolicy.DESTROY,
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
      retention: props.config.retention.logs,
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
          DefaultSenderID: sms.senderId,
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
        new PolicyStatement({ actions: ['iam:PassRole'], resources: [deliveryStatusRole.roleArn] }),
      ]),
    });
    Validations.of(settings).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sns:SetSMSAttributes acts on account-level settings and supports no resource-level permission; the statement allows only that action.',
    });
  }

  /**
   * SMS by direct publish to a phone number and e-mail from the configured identity.
   * Direct publish has no resource to scope to (IAM sees `*`), so publishing to any topic or
   * endpoint ARN is denied explicitly: the grant can send SMS and nothing else.
   */
  grantSendAlerts(grantee: MailboxFunction): void {
    const stack = Stack.of(grantee);
    const policy = new Policy(grantee, 'SendAlerts', {
      roles: [grantee.role],
      statements: [
        new PolicyStatement({ sid: 'SmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
        new PolicyStatement({
          sid: 'NoTopicOrEndpointPublish',
          effect: Effect.DENY,
          actions: ['sns:Publish'],
          resources: ['arn:aws:sns:*:*:*'],
        }),
        new PolicyStatement({
          sid: 'EmailFromConfiguredAddress',
          actions: ['ses:SendEmail'],
          resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.config.email.identity })],
          conditions: { StringEquals: { 'ses:FromAddress': this.config.email.from } },
        }),
      ],
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'SNS Publish to a phone number (SMS) has no resource ARN, so IAM requires Resource "*"; the same policy denies publishing to every topic/endpoint ARN, leaving SMS as the only use.',
    });
  }
}
