import { Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './config.ts';
import { AlertsStack } from './stacks/alerts-stack.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { DeadlinesStack } from './stacks/deadlines-stack.ts';
import { MonitoringStack } from './stacks/monitoring-stack.ts';

export interface MailboxStacks {
  readonly data: DataStack;
  readonly alerts: AlertsStack;
  readonly deadlines: DeadlinesStack;
  readonly api: ApiStack;
  readonly monitoring: MonitoringStack;
}

/**
 * The whole deployment of one stage, checked by cdk-nag's AWS Solutions pack: an
 * unacknowledged finding fails the synthesis.
 */
export function createMailbox(app: App, config: StageConfig): MailboxStacks {
  const name = (concern: string) => `Mailbox-${config.stage}-${concern}`;
  const common = {
    config,
    // Region only: the account comes from the deploying credentials, so synth needs none.
    env: { region: config.region },
    tags: { project: 'digital-mailbox', stage: config.stage },
  };
  const data = new DataStack(app, name('Data'), { ...common, description: 'Mailbox table, letters bucket and their key' });
  const alerts = new AlertsStack(app, name('Alerts'), { ...common, description: 'SMS account settings and alert permissions' });
  const deadlines = new DeadlinesStack(app, name('Deadlines'), {
    ...common,
    description: 'Deadline and sweep functions, schedule group, scheduler role, dead letters',
    data,
    alerts,
  });
  const api = new ApiStack(app, name('Api'), {
    ...common,
    description: 'REST API, api function and WAF',
    data,
    deadlines,
    alerts,
  });
  const monitoring = new MonitoringStack(app, name('Monitoring'), {
    ...common,
    description: 'Alarms, operators topic and dashboard',
    functions: [api.api, deadlines.deadline, deadlines.sweep, deadlines.alerts],
    deadLetterQueue: deadlines.deadLetterQueue,
    alertQueue: deadlines.alertQueue,
    restApi: api.restApi,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, alerts, deadlines, api, monitoring };
}
