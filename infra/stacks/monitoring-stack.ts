import { Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import { resourcePrefix } from '../config.ts';
import type { StageConfig } from '../config.ts';
import type { MailboxFunction } from '../constructs/mailbox-function.ts';
import { METRICS } from '../metrics.ts';
import type { MetricName } from '../metrics.ts';

export interface MonitoringStackProps extends StackProps {
  readonly config: StageConfig;
  readonly functions: readonly MailboxFunction[];
  readonly deadLetterQueue: IQueue;
  readonly restApi: RestApi;
  /** The paced alert queue (docs/alerts.md), alarmed on the age of its oldest message. */
  readonly alertQueue?: IQueue;
}

/**
 * What operators must hear about: a trigger that could not be delivered (dead letters), a
 * function failing or throttled, the sweep having to repair (a schedule was lost), an alert
 * whose retries ran out, and SMS spend nearing its cap. Every alarm notifies one topic.
 */
export class MonitoringStack extends Stack {
  readonly operators: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = resourcePrefix(config);

    const topicKey = new Key(this, 'OperatorsTopicKey', {
      alias: `alias/${prefix}-operators`,
      description: 'Encrypts the operators alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic with this key.
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.operators = new Topic(this, 'Operators', {
      topicName: `${prefix}-operators`,
      displayName: `Mailbox ${config.stage} alarms`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (config.operatorsEmail !== undefined) {
      this.operators.addSubscription(new EmailSubscription(config.operatorsEmail));
    }

    const deadLetters = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    });
    this.alarm('DeadLetters', deadLetters, 0, 'A scheduled trigger or the daily sweep could not be delivered: inspect and redrive the dead-letter queue.');

    for (const fn of props.functions) {
      const name = fn.node.id;
      this.alarm(`${name}Errors`, fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 0, `The ${fn.functionName} function failed.`);
      this.alarm(`${name}Throttles`, fn.function.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), 0, `The ${fn.functionName} function was throttled.`);
    }

    if (props.alertQueue !== undefined) {
      const oldest = props.alertQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' });
      this.alarm(
        'AlertQueueAge',
        oldest,
        config.alerts.maxQueueAgeSeconds,
        'Alerts are waiting longer than expected in the alert queue: the consumer is failing or a batch exceeds the providers\' quotas.',
      );
    }

    const repaired = customMetric(METRICS.sweepRepaired, config, Duration.days(1));
    this.alarm('SweepRepaired', repaired, 0, 'The sweep repaired letters a schedule should have handled: a schedule was lost or failed.');
    const alertsFailed = customMetric(METRICS.alertsFailed, config, Duration.minutes(5));
    this.alarm('AlertsFailed', alertsFailed, 0, 'An SMS or e-mail alert could not be delivered after its retries.');

    const smsSpend = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    this.alarm('SmsSpend', smsSpend, config.sms.monthlySpendLimitUsd * 0.8, 'SMS spend has passed 80 % of the monthly cap; SNS stops sending at the cap.');

    const serverErrors = props.restApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' });
    this.alarm('Api5xx', serverErrors, 0, 'The API answered with 5xx errors.');

    new Dashboard(this, 'Dashboard', {
      dashboardName: prefix,
      widgets: [
        [new TextWidget({ markdown: `# Digital mailbox — ${config.stage}`, width: 24, height: 1 })],
        [
          graph('Invocations', props.functions.map((fn) => fn.function.metricInvocations())),
          graph('Errors', props.functions.map((fn) => fn.function.metricErrors())),
          graph('Duration p95', props.functions.map((fn) => fn.function.metricDuration({ statistic: 'p95' }))),
        ],
        [
          graph('Dead letters', [deadLetters]),
          graph('Sweep repairs / failed alerts', [repaired, alertsFailed]),
          graph('SMS spend (USD, month to date)', [smsSpend]),
        ],
        [graph('API requests and errors', [props.restApi.metricCount(), props.restApi.metricClientError(), serverErrors])],
      ],
    });
  }

  /** An alarm on `metric > threshold` that notifies the operators (missing data is fine: nothing happened). */
  private alarm(id: string, metric: IMetric, threshold: number, description: string): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.operators));
    this.alarms.push(alarm);
  }
}

function customMetric(metricName: MetricName, config: StageConfig, period: Duration): Metric {
  return new Metric({
    namespace: METRICS.namespace,
    metricName,
    dimensionsMap: { [METRICS.stageDimension]: config.stage },
    statistic: 'Sum',
    period,
  });
}

function graph(title: string, metrics: IMetric[]): GraphWidget {
  return new GraphWidget({ title, left: metrics, width: 8, height: 6 });
}
