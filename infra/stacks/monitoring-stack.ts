import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { ACCOUNT, resourcePrefix } from '../config.ts';
import type { StageConfig } from '../config.ts';
import type { MailboxFunction } from '../constructs/mailbox-function.ts';
import { METRICS } from '../../shared/metrics.ts';
import type { MetricName } from '../../shared/metrics.ts';

export interface MonitoringStackProps extends StackProps {
  readonly config: StageConfig;
  readonly functions: readonly MailboxFunction[];
  readonly deadLetterQueue: IQueue;
  readonly scheduleGroup: IScheduleGroup;
  readonly restApi: RestApi;
  /** The paced alert queue (docs/alerts.md), alarmed on the age of its oldest message. */
  readonly alertQueue: IQueue;
}

interface AlarmOptions {
  readonly comparison?: ComparisonOperator;
  readonly evaluationPeriods?: number;
  /** Default NOT_BREACHING: no data means nothing happened. */
  readonly missingData?: TreatMissingData;
}

/**
 * What operators must hear about: a trigger that could not be delivered (dead letters, Scheduler's
 * own target errors, throttled targets, dropped invocations and dead-lettered ones), a function
 * failing or throttled, the sweep not running (heartbeat), letters past their window and not
 * deemed (overdue backlog) or repaired by the sweep (a schedule was lost), an alert that finally
 * failed or waits too long in the paced alert queue, and SMS spend nearing its cap. Every alarm
 * notifies one topic, to which the stage's
 * operators' address is subscribed.
 */
export class MonitoringStack extends Stack {
  readonly operators: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = resourcePrefix(config);

    const topicKey = new Key(this, 'OperatorsTopicKey', {
      description: `Encrypts the operators alarm topic (${prefix})`,
      // Holds no data of its own: deleted with the stack, so a redeploy never meets a leftover.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
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
    // enforceSSL leaves the topic policy with a single Deny: without this Allow, CloudWatch (a
    // service principal, not the account) could not publish and no alarm would reach anyone.
    this.operators.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.operators.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.operators.addSubscription(new EmailSubscription(config.operators.email));

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

    const oldest = props.alertQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' });
    this.alarm(
      'AlertQueueAge',
      oldest,
      config.alerts.maxQueueAgeSeconds,
      'Alerts are waiting longer than expected in the alert queue: the consumer is failing or a batch exceeds the providers\' quotas.',
    );

    // EventBridge Scheduler's own view of this stage's group: a trigger that failed, was
    // throttled, dropped or dead-lettered shows within minutes, not at the next sweep.
    const group = props.scheduleGroup;
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    const scheduler: Array<[string, IMetric, string]> = [
      ['SchedulerTargetErrors', group.metricTargetErrors(fiveMinutes), 'EventBridge Scheduler got errors invoking the deadline function.'],
      ['SchedulerTargetThrottled', group.metricTargetThrottled(fiveMinutes), 'EventBridge Scheduler was throttled invoking the deadline function.'],
      ['SchedulerDropped', group.metricDropped(fiveMinutes), 'EventBridge Scheduler dropped invocations (retries exhausted, no dead-letter queue reached).'],
      ['SchedulerSentToDeadLetters', group.metricSentToDLQ(fiveMinutes), 'EventBridge Scheduler sent triggers to the dead-letter queue: inspect and redrive it.'],
    ];
    for (const [id, metric, description] of scheduler) this.alarm(id, metric, 0, description);

    const hourly = Duration.hours(1);
    const repaired = customMetric(METRICS.sweepRepaired, config, hourly);
    this.alarm('SweepRepaired', repaired, 0, 'The sweep repaired letters a schedule should have handled: a schedule was lost or failed.');
    const heartbeat = customMetric(METRICS.sweepCompleted, config, hourly);
    this.alarm('SweepHeartbeat', heartbeat, 1, 'The hourly sweep has not completed for two hours: nothing repairs lost schedules.', {
      comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 2,
      missingData: TreatMissingData.BREACHING,
    });
    const backlog = customMetric(METRICS.overdueBacklog, config, hourly, 'Maximum');
    this.alarm('OverdueBacklog', backlog, 0, 'Letters past their 15-day window are not deemed notified (R5): schedules and sweep are lagging.');
    const alertsFailed = customMetric(METRICS.alertsFailed, config, Duration.minutes(5));
    this.alarm('AlertsFailed', alertsFailed, 0, 'An SMS or e-mail alert could not be delivered after its retries.');

    const smsSpend = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    this.alarm('SmsSpend', smsSpend, ACCOUNT.sms.monthlySpendLimitUsd * 0.8, "SMS spend has passed 80 % of the account's monthly cap; SNS stops sending at the cap.");

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
          graph('Sweep repairs / overdue backlog / failed alerts', [repaired, backlog, alertsFailed]),
          graph('SMS spend (USD, month to date)', [smsSpend]),
        ],
        [
          graph('API requests and errors', [props.restApi.metricCount(), props.restApi.metricClientError(), serverErrors]),
          graph('Scheduler', scheduler.map(([, metric]) => metric)),
          graph('Sweep heartbeat', [heartbeat]),
        ],
      ],
    });
  }

  /** An alarm (by default on `metric > threshold`, missing data fine) that notifies the operators. */
  private alarm(id: string, metric: IMetric, threshold: number, description: string, options: AlarmOptions = {}): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      treatMissingData: options.missingData ?? TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.operators));
    this.alarms.push(alarm);
  }
}

function customMetric(metricName: MetricName, config: StageConfig, period: Duration, statistic = 'Sum'): Metric {
  return new Metric({
    namespace: METRICS.namespace,
    metricName,
    dimensionsMap: { [METRICS.stageDimension]: config.stage },
    statistic,
    period,
  });
}

function graph(title: string, metrics: IMetric[]): GraphWidget {
  return new GraphWidget({ title, left: metrics, width: 8, height: 6 });
}
