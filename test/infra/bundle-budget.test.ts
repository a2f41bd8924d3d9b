import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES } from '../../infra/bundling.ts';
import { buildFunctions } from '../../scripts/build.ts';
import type { BundleReport } from '../../scripts/build.ts';

/** Cold starts grow with the bundle: each function stays within 800 KB minified (import time is measured by the bench). */
const BUDGET_BYTES = 800 * 1024;

describe('bundle budget', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'mailbox-bundles-'));
  let bundles: BundleReport[];
  beforeAll(async () => {
    bundles = await buildFunctions(outdir);
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(Object.keys(FUNCTION_ENTRIES))('keeps the %s bundle within 800 KB minified', (name) => {
    const bundle = bundles.find((candidate) => candidate.name === name);
    expect(bundle?.bytes).toBeGreaterThan(0);
    expect(bundle?.bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
