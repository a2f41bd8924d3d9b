import { ArnFormat, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { resourcePrefix } from '../config.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import type { StageConfig } from '../config.ts';
import { MailboxFunction } from '../constructs/mailbox-function.ts';
import { functionEnvironment } from '../function-environment.ts';
import type { EnvironmentSources } from '../function-environment.ts';
import { grantSendAlerts } from '../alert-permissions.ts';
import type { DataStack } from './data-stack.ts';

export interface DeadlinesStackProps extends StackProps {
  readonly config: StageConfig;
  readonly data: DataStack;
}

/**
 * Time-driven work. The application creates one-time EventBridge Scheduler schedules (window
 * end, reminders) in {@link scheduleGroup}; each invokes the deadline function through
 * {@link schedulerRole}, and a trigger that cannot be delivered lands in the dead-letter
 * queue. An hourly rule runs the sweep, which repairs whatever a lost schedule missed and
 * reports the overdue backlog and its own heartbeat (monitoring-stack.ts).
 */
export class DeadlinesStack extends Stack {
  readonly scheduleGroup: ScheduleGroup;
  readonly schedulerRole: Role;
  readonly deadLetterQueue: Queue;
  readonly deadline: MailboxFunction;
  readonly sweep: MailboxFunction;
  /** The paced alert queue (docs/alerts.md) and its consumer. */
  readonly alertQueue: Queue;
  readonly alerts: MailboxFunction;
  /** Formatted from the fixed function name, so the deadline function can receive its own ARN without a cycle. */
  readonly deadlineFunctionArn: string;

  constructor(scope: Construct, id: string, props: DeadlinesStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const prefix = resourcePrefix(config);

    this.scheduleGroup = new ScheduleGroup(this, 'Schedules', {
      scheduleGroupName: `${prefix}-deadlines`,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const deadlineFunctionName = `${prefix}-deadline`;
    this.deadlineFunctionArn = this.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: deadlineFunctionName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    // Trigger payloads carry ids only (letter id, kind), no personal data: SQS-managed
    // encryption suffices and, unlike a KMS key, needs no key policy for EventBridge.
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the deadline function',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn },
        },
      }),
    });
    this.schedulerRole.addToPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.deadlineFunctionArn] }),
    );
    this.deadLetterQueue.grantSendMessages(this.schedulerRole);

    // Alert work carries ids (letter, alert, channel; or a trigger's payload); a reset-code request
    // carries the identifier the applicant typed, the channel and the instant (docs/alerts.md: personal
    // data, normally gone within seconds, ignored after 15 minutes). SQS-managed encryption at rest,
    // TLS enforced. A message that failed 10 times goes to the dead letters (alarmed).
    const consumerTimeout = Duration.seconds(60);
    this.alertQueue = new Queue(this, 'AlertQueue', {
      queueName: `${prefix}-alerts`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda event source: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 10 },
    });

    const sources: EnvironmentSources = {
      config,
      tableName: data.table.tableName,
      bucketName: data.letters.bucketName,
      keyArn: data.key.keyArn,
      scheduleGroupName: this.scheduleGroup.scheduleGroupName,
      deadlineFunctionArn: this.deadlineFunctionArn,
      schedulerRoleArn: this.schedulerRole.roleArn,
      deadLetterQueueArn: this.deadLetterQueue.queueArn,
      alertQueueUrl: this.alertQueue.queueUrl,
    };

    this.deadline = new MailboxFunction(this, 'Deadline', {
      name: 'deadline',
      config,
      description: 'Applies one scheduled trigger: deemed notification, reminder or alert delivery',
      environment: functionEnvironment('deadline', sources),
      memorySize: 512,
      timeout: Duration.seconds(60),
    });
    this.sweep = new MailboxFunction(this, 'Sweep', {
      name: 'sweep',
      config,
      description: 'Hourly repair: deems, reminds and re-attempts whatever a lost schedule missed; reports the overdue backlog',
      environment: functionEnvironment('sweep', sources),
      memorySize: 512,
      timeout: Duration.minutes(5),
    });
    for (const fn of [this.deadline, this.sweep]) {
      // Both are invoked asynchronously (Scheduler, EventBridge): a failure that outlives
      // Lambda's own retries is kept in the dead-letter queue instead of being dropped.
      fn.function.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(this.deadLetterQueue) });
      data.grantTableAccess(fn, 'triggers');
      grantSendAlerts(fn, config);
      this.grantScheduling(fn);
    }
    data.addEvidenceEnvironment(this.deadline, config);
    data.grantEvidenceSealing(this.sweep, config);

    this.alerts = new MailboxFunction(this, 'Alerts', {
      name: 'alerts',
      config,
      description: 'Consumes the alert queue at the pace of the SMS, e-mail and scheduler quotas',
      environment: functionEnvironment('alerts', sources),
      memorySize: 512,
      timeout: consumerTimeout,
    });
    // The pace is the stage's quota divided by the consumers that may run at once (docs/alerts.md).
    this.alerts.function.addEventSource(
      new SqsEventSource(this.alertQueue, {
        batchSize: config.alerts.batchSize,
        maxConcurrency: config.alerts.consumers,
        reportBatchItemFailures: true,
      }),
    );
    // Like the deadline function: it reads letters and applicants and rewrites letters; it also writes
    // an applicant's reset-code hash (GetItem, Query, PutItem only).
    data.grantTableAccess(this.alerts, 'triggers');
    // R12: the evidence names every function's configuration reads; it signs nothing.
    data.addEvidenceEnvironment(this.alerts, config);
    grantSendAlerts(this.alerts, config);
    this.grantScheduling(this.alerts);
    // It issues the reset codes the applicant side queues (docs/alerts.md): the lockout check reads the api's keyed records.
    data.addLockoutKeyEnvironment(this.alerts);
    for (const fn of [this.deadline, this.sweep, this.alerts]) this.alertQueue.grantSendMessages(fn.role);

    new Rule(this, 'HourlySweep', {
      description: 'Runs the sweep every hour (one run is just after midnight in Paris)',
      schedule: Schedule.cron({ minute: String(config.sweepMinute) }),
      targets: [
        new LambdaFunction(this.sweep.function, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(50),
        }),
      ],
    });
  }

  /**
   * Create and delete one-time schedules of this stage's group (EventBridgeScheduler uses nothing
   * else: an existing name is a success, a schedule is never read or changed), and hand them the
   * scheduler role.
   */
  grantScheduling(grantee: MailboxFunction): void {
    const stack = Stack.of(grantee);
    const schedulesOfGroup = stack.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.scheduleGroup.scheduleGroupName}/*`,
    });
    const policy = new Policy(grantee, 'ManageSchedules', {
      roles: [grantee.role],
      statements: [
        new PolicyStatement({
          actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
          resources: [schedulesOfGroup],
        }),
        new PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [this.schedulerRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      ],
    });
    acknowledgeWildcardResource(
      policy,
      schedulesOfGroup,
      "Schedules are created at run time, one per notifiable letter and trigger, named after the letter; the wildcard covers only schedules inside this stage's schedule group.",
    );
  }
}
