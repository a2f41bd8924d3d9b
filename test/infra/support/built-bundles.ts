import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildFunctions } from '../../../scripts/build.ts';
import type { BundleReport } from '../../../scripts/build.ts';

/**
 * Inside a `describe`: builds every function bundle once (scripts/build.ts, as deployed) into a
 * temporary folder removed afterwards; returns a lookup by function name.
 */
export function builtBundles(timeoutMs = 180_000): (name: string) => BundleReport {
  const outdir = mkdtempSync(join(tmpdir(), 'mailbox-bundles-'));
  let bundles: BundleReport[] = [];
  beforeAll(async () => {
    bundles = await buildFunctions(outdir);
  }, timeoutMs);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  return (name) => {
    const found = bundles.find((candidate) => candidate.name === name);
    if (found === undefined) throw new Error(`no ${name} bundle`);
    return found;
  };
}
