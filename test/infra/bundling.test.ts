import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREATE_REQUIRE_BANNER } from '../../infra/bundling.ts';
import { buildFunctions } from '../../scripts/build.ts';
import { synthMailbox } from './support/synth.ts';
import type { SynthesisedMailbox } from './support/synth.ts';

/** The one test that really bundles the functions (locally, with the installed esbuild; no Docker). */
describe('function bundling', () => {
  let mailbox: SynthesisedMailbox;
  beforeAll(() => {
    // Five functions, the api's side files included, bundled by esbuild: minutes on a loaded machine.
    mailbox = synthMailbox({ bundle: true });
  }, 300_000);

  /** What the function would read at run time, with deploy-time references replaced by plausible values. */
  function runtimeEnvironment(variables: Record<string, unknown>): Record<string, string> {
    const account = '123456789012';
    const standIns: Record<string, string> = {
      TABLE_NAME: 'mailbox-pilot-table',
      KMS_KEY_ID: `arn:aws:kms:eu-west-3:${account}:key/00000000-0000-4000-8000-000000000000`,
      SCHEDULER_ROLE_ARN: `arn:aws:iam::${account}:role/mailbox-pilot-scheduler`,
      DLQ_ARN: `arn:aws:sqs:eu-west-3:${account}:mailbox-pilot-dead-letters`,
      ALERT_QUEUE_URL: `https://sqs.eu-west-3.amazonaws.com/${account}/mailbox-pilot-alerts`,
    };
    const resolve = (name: string, value: unknown): string => {
      if (typeof value === 'string') return value;
      const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
      if (join !== undefined) return join[1].map((part) => resolve(name, part)).join(join[0]);
      const ref = (value as { Ref?: string }).Ref;
      if (ref === 'AWS::AccountId') return account;
      if (ref === 'AWS::Partition') return 'aws';
      if (ref === 'AWS::Region') return 'eu-west-3';
      return standIns[name] ?? `${name.toLowerCase()}-value`;
    };
    return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolve(name, value)]));
  }

  function bundleDirectories(): Map<string, string> {
    const directories = new Map<string, string>();
    for (const template of [mailbox.templates.api, mailbox.templates.deadlines]) {
      for (const [name, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
        const properties = fn.Properties as { FunctionName: string; Code: { S3Key: string } };
        const assetHash = properties.Code.S3Key.replace(/\.zip$/, '');
        directories.set(properties.FunctionName ?? name, join(mailbox.assembly.directory, `asset.${assetHash}`));
      }
    }
    return directories;
  }

  it('bundles each function into one minified ESM file that starts with the createRequire banner', () => {
    const directories = bundleDirectories();
    expect([...directories.keys()].sort()).toEqual(['mailbox-pilot-alerts', 'mailbox-pilot-api', 'mailbox-pilot-deadline', 'mailbox-pilot-office', 'mailbox-pilot-sweep']);
    for (const directory of directories.values()) {
      const file = join(directory, 'index.mjs');
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8').startsWith(CREATE_REQUIRE_BANNER)).toBe(true);
    }
  });

  it('produces bundles that Node loads, given the environment the stacks set, and that export a handler', async () => {
    const environments = new Map<string, Record<string, unknown>>();
    for (const template of [mailbox.templates.api, mailbox.templates.deadlines]) {
      for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
        const properties = fn.Properties as { FunctionName: string; Environment: { Variables: Record<string, unknown> } };
        environments.set(properties.FunctionName, properties.Environment.Variables);
      }
    }
    for (const [functionName, directory] of bundleDirectories()) {
      Object.assign(process.env, runtimeEnvironment(environments.get(functionName) ?? {}));
      const bundle = (await import(pathToFileURL(join(directory, 'index.mjs')).href)) as { handler?: unknown };
      expect(typeof bundle.handler, functionName).toBe('function');
    }
    // Loading the ~800 KB bundles took over 30 s on a loaded 2-core machine.
  }, 120_000);

  it('deploys byte for byte what scripts/build.ts measures (the bundle and the files beside it)', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'mailbox-measured-'));
    try {
      const measured = await buildFunctions(outdir);
      const files = (directory: string): string[] =>
        readdirSync(directory, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile() && entry.name !== 'meta.json')
          .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
          .sort();
      for (const [functionName, directory] of bundleDirectories()) {
        const bundle = measured.find((candidate) => functionName.endsWith(`-${candidate.name}`));
        expect(bundle, functionName).toBeDefined();
        const built = join(outdir, bundle?.name ?? '');
        expect(files(directory), functionName).toEqual(files(built));
        for (const file of files(built)) expect(readFileSync(join(directory, file)).equals(readFileSync(join(built, file))), `${functionName} ${file}`).toBe(true);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});
