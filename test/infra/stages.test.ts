import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_STACK_NAME, STAGES, stageConfig } from '../../infra/config.ts';
import { createMailbox } from '../../infra/mailbox.ts';
import { cdkJsonContext } from './support/synth.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Template {
  readonly Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>;
  readonly Outputs?: Record<string, { Export?: { Name: Json } }>;
}

/** A CloudFormation value as text: pseudo parameters named, other references kept as a marker (they name nothing fixed). */
function text(value: Json): string | null {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  if ('Ref' in value && typeof value.Ref === 'string') return value.Ref.startsWith('AWS::') ? `{${value.Ref}}` : null;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map(text);
    return parts.every((part) => part !== null) ? parts.join(join[0]) : null;
  }
  return null;
}

/**
 * Every physical name a template fixes: the string value of each property that names its resource
 * (`…Name`, and the schedule group's and web ACL's `Name`) and of each export name. Generated
 * names (no such property) cannot collide; those are what the stages must not share.
 */
function physicalNames(template: Template): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    for (const [property, value] of Object.entries(resource.Properties ?? {})) {
      // Metric names are not resource names; an inline policy's name is scoped to its role.
      if (!/Name$/.test(property) || property === 'MetricName' || (resource.Type === 'AWS::IAM::Policy' && property === 'PolicyName')) continue;
      const name = text(value);
      if (name !== null) names.set(`${resource.Type} ${name}`, `${id}.${property}`);
    }
  }
  for (const [id, output] of Object.entries(template.Outputs ?? {})) {
    const name = output.Export === undefined ? null : text(output.Export.Name);
    if (name !== null) names.set(`Export ${name}`, id);
  }
  return names;
}

describe('stages side by side in one account', () => {
  const templates = new Map<string, Template>();
  let assemblyDirectory: string;

  beforeAll(() => {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    for (const stage of ['pilot', 'staging']) createMailbox(app, stageConfig(stage));
    const assembly = app.synth();
    assemblyDirectory = assembly.directory;
    for (const stack of assembly.stacks) templates.set(stack.stackName, stack.template as Template);
  }, 120_000);

  it('knows the stages pilot and staging', () => {
    expect(Object.keys(STAGES).sort()).toEqual(['pilot', 'staging']);
  });

  it('synthesises both stages and the one account stack, with no unacknowledged cdk-nag finding', () => {
    expect([...templates.keys()].sort()).toEqual(
      [ACCOUNT_STACK_NAME, ...['pilot', 'staging'].flatMap((stage) => ['Api', 'Data', 'Deadlines', 'Monitoring'].map((c) => `Mailbox-${stage}-${c}`))].sort(),
    );
    const report = JSON.parse(readFileSync(join(assemblyDirectory, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ violations?: unknown[] }>;
    };
    expect(report.pluginReports.flatMap((pluginReport) => pluginReport.violations ?? [])).toEqual([]);
  });

  it('shares no physical name between the two stages (only the account stack holds account-wide names)', () => {
    const namesOf = (stage: string) =>
      new Map([...templates].filter(([name]) => name.startsWith(`Mailbox-${stage}-`)).flatMap(([, template]) => [...physicalNames(template)]));
    const pilot = namesOf('pilot');
    const staging = namesOf('staging');
    expect(pilot.size).toBeGreaterThan(10);
    expect(staging.size).toBe(pilot.size);
    expect([...pilot.keys()].filter((name) => staging.has(name)).map((name) => `${name} (${pilot.get(name)})`)).toEqual([]);
    // What a stage names carries the stage.
    for (const [name] of pilot) expect(name).toMatch(/pilot/);
  });

  it('builds the same account stack whatever the stage', () => {
    const single = (stage: string) => {
      const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
      createMailbox(app, stageConfig(stage));
      return JSON.stringify(app.synth().getStackByName(ACCOUNT_STACK_NAME).template);
    };
    expect(single('staging')).toBe(single('pilot'));
  }, 120_000);

  it('keeps no fixed name on the letters bucket, the data key or the operators key (a redeploy after a deletion creates new ones)', () => {
    for (const stage of ['pilot', 'staging']) {
      const resources = Object.values(templates.get(`Mailbox-${stage}-Data`)?.Resources ?? {}).concat(
        Object.values(templates.get(`Mailbox-${stage}-Monitoring`)?.Resources ?? {}),
      );
      for (const resource of resources.filter((r) => r.Type === 'AWS::S3::Bucket')) expect(resource.Properties?.BucketName).toBeUndefined();
      expect(resources.filter((r) => r.Type === 'AWS::KMS::Alias')).toEqual([]);
    }
  });
});
