import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { stageConfig } from '../../../infra/config.ts';
import { createMailbox } from '../../../infra/mailbox.ts';
import type { MailboxStacks } from '../../../infra/mailbox.ts';

/** The context `cdk synth` gets from cdk.json (stage and feature flags), so tests synthesise the same app. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface SynthesisedMailbox {
  readonly app: App;
  readonly stacks: MailboxStacks;
  readonly assembly: CloudAssembly;
  readonly templates: { readonly [K in keyof MailboxStacks]: Template };
}

/**
 * The pilot deployment, synthesised once in memory (cdk-nag runs as in `cdk synth`: an
 * unacknowledged finding throws). Bundling is skipped unless asked for
 * (`aws:cdk:bundling-stacks` empty): the templates are the same, the code assets placeholders.
 */
export function synthMailbox(options: { bundle?: boolean; stage?: string } = {}): SynthesisedMailbox {
  const app = new App({
    context: { ...cdkJsonContext(), ...(options.bundle === true ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stacks = createMailbox(app, stageConfig(options.stage ?? 'pilot'));
  const assembly = app.synth();
  const template = (stack: Stack) => Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>);
  const templates = {
    account: template(stacks.account),
    data: template(stacks.data),
    deadlines: template(stacks.deadlines),
    api: template(stacks.api),
    monitoring: template(stacks.monitoring),
  };
  return { app, stacks, assembly, templates };
}

export interface Finding {
  readonly ruleId: string;
  readonly constructPath: string;
}

/** Every AWS Solutions finding, acknowledged or not (the pack's acknowledgement check switched off). */
export function allFindings(scope: IConstruct): Finding[] {
  const pack = new AwsSolutionsChecks();
  Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
  return pack.validateScope(scope).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({ ruleId: violation.ruleName, constructPath: resource.constructPath ?? '' })),
  );
}

export interface Acknowledgement {
  readonly ruleId: string;
  readonly constructPath: string;
  readonly reason: string;
}

/** Every `Validations.of(x).acknowledge(...)` recorded in the tree. */
export function acknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          ruleId: id.replace(/^annotation::/i, ''),
          constructPath: construct.node.path,
          reason,
        })),
      ),
  );
}
