/**
 * `npm test` leaves the repository as it found it: the README's screenshots in docs/ are written
 * only through `docsScreenshot`, only with UPDATE_SCREENSHOTS=1, which `npm run screenshots` sets
 * for every browser test that makes one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_DIR, docsScreenshot } from '../e2e/browser-support.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? testFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function recordingPage() {
  const paths: string[] = [];
  return { paths, page: { screenshot: async (options?: { path?: string }) => (paths.push(options?.path ?? ''), Buffer.alloc(0)) } };
}

describe('the README screenshots', () => {
  it.each([{}, { UPDATE_SCREENSHOTS: '0' }, { UPDATE_SCREENSHOT: '1' }])('are not written in an ordinary run (%j)', async (env) => {
    const { paths, page } = recordingPage();
    expect(await docsScreenshot(page, 'letters-page.png', env)).toBe(false);
    expect(paths).toEqual([]);
  });

  it('are written to docs/<name> when asked (UPDATE_SCREENSHOTS=1)', async () => {
    const { paths, page } = recordingPage();
    expect(await docsScreenshot(page, 'letters-page.png', { UPDATE_SCREENSHOTS: '1' })).toBe(true);
    expect(paths).toEqual([join(ROOT, 'docs', 'letters-page.png')]);
    expect(DOCS_DIR).toBe(join(ROOT, 'docs'));
  });

  it('no test names a path in docs/ but through docsScreenshot, and `npm run screenshots` runs every test that makes one', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const makers: string[] = [];
    const direct: string[] = [];
    for (const file of testFiles(join(ROOT, 'test'))) {
      const name = relative(ROOT, file);
      if (name === join('test', 'e2e', 'browser-support.ts') || name === join('test', 'docs', 'screenshots.test.ts')) continue;
      const source = readFileSync(file, 'utf8');
      if (/\bdocsScreenshot\(/.test(source)) makers.push(name);
      if (/join\([^)]*'docs'[^)]*\.png|'docs\/[^']*\.png'/.test(source)) direct.push(name);
    }
    expect(direct).toEqual([]);
    expect(makers.length).toBeGreaterThan(0);
    expect(scripts.screenshots).toMatch(/^UPDATE_SCREENSHOTS=1 vitest run /);
    for (const maker of makers) expect(scripts.screenshots).toContain(maker);
  });
});
