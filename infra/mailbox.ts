import { Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ACCOUNT, ACCOUNT_STACK_NAME, assertSameRegion } from './config.ts';
import type { StageConfig } from './config.ts';
import { AccountStack } from './stacks/account-stack.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { DeadlinesStack } from './stacks/deadlines-stack.ts';
import { MonitoringStack } from './stacks/monitoring-stack.ts';

export interface MailboxStacks {
  readonly account: AccountStack;
  readonly data: DataStack;
  readonly deadlines: DeadlinesStack;
  readonly api: ApiStack;
  readonly monitoring: MonitoringStack;
}

/**
 * The per-account stack (the same template whatever the stage; created once per app) and the
 * whole deployment of one stage, checked by cdk-nag's AWS Solutions pack: an unacknowledged
 * finding fails the synthesis.
 */
export function createMailbox(app: App, config: StageConfig): MailboxStacks {
  assertSameRegion(config);
  const existing = app.node.tryFindChild(ACCOUNT_STACK_NAME);
  const account =
    existing instanceof AccountStack
      ? existing
      : new AccountStack(app, ACCOUNT_STACK_NAME, {
          account: ACCOUNT,
          env: { region: ACCOUNT.region },
          tags: { project: 'digital-mailbox' },
          description: 'Account-wide: SMS settings and delivery logs, API Gateway logging role (one per account, any stage)',
        });
  const name = (concern: string) => `Mailbox-${config.stage}-${concern}`;
  const common = {
    config,
    // Region only: the account comes from the deploying credentials, so synth needs none.
    env: { region: config.region },
    tags: { project: 'digital-mailbox', stage: config.stage },
  };
  const data = new DataStack(app, name('Data'), { ...common, description: 'Mailbox table, letters bucket and their key' });
  const deadlines = new DeadlinesStack(app, name('Deadlines'), {
    ...common,
    description: 'Deadline, sweep and alerts functions, schedule group, scheduler role, alert queue, dead letters',
    data,
  });
  const api = new ApiStack(app, name('Api'), {
    ...common,
    description: 'REST API, applicant and office functions, WAF',
    data,
    deadlines,
  });
  // Execution logging needs the account's API Gateway logging role; SMS need the account settings.
  api.addStackDependency(account);
  deadlines.addStackDependency(account);
  const monitoring = new MonitoringStack(app, name('Monitoring'), {
    ...common,
    description: 'Alarms, operators topic and dashboard',
    functions: [api.api, api.office, deadlines.deadline, deadlines.sweep, deadlines.alerts],
    deadLetterQueue: deadlines.deadLetterQueue,
    scheduleGroup: deadlines.scheduleGroup,
    alertQueue: deadlines.alertQueue,
    restApi: api.restApi,
  });
  if (existing === undefined) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { account, data, deadlines, api, monitoring };
}
