import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one wildcard resource (AwsSolutions-IAM5) on `scope` and nothing else: the
 * finding id is computed with cdk-nag's own flattening of the resolved ARN (tokens become
 * `<AWS::AccountId>`, `<Bucket.Arn>`…), so it matches exactly the finding the rule reports.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const flattened = flattenCfnReference(Stack.of(scope).resolve(resource));
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flattened}]`, reason });
}
