import { Stack, Validations } from 'aws-cdk-lib';
import { Effect, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { StageConfig } from './config.ts';
import type { MailboxFunction } from './constructs/mailbox-function.ts';

/**
 * SMS by direct publish to a phone number and e-mail from the stage's configured identity.
 * Direct publish has no resource to scope to (IAM sees `*`), so publishing to any topic or
 * endpoint ARN is denied explicitly: the grant can send SMS and nothing else.
 */
export function grantSendAlerts(grantee: MailboxFunction, config: StageConfig): void {
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
        resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: config.email.identity })],
        conditions: { StringEquals: { 'ses:FromAddress': config.email.from } },
      }),
    ],
  });
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'SNS Publish to a phone number (SMS) has no resource ARN, so IAM requires Resource "*"; the same policy denies publishing to every topic/endpoint ARN, leaving SMS as the only use.',
  });
}
