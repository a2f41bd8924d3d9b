/**
 * Shapes and helpers defined once, imported everywhere else: AGDREF's shape (shared/domain/identity.ts),
 * `escapeHtml` (shared/domain/text.ts), `assertPdf` (shared/pdf-content.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGDREF_PATTERN, isAgdref } from '../../shared/domain/identity.ts';
import { escapeHtml } from '../../shared/domain/text.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_DIRS = ['shared', 'simulator', 'scripts', 'functions', 'infra', 'bench'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** The source files (relative to the root) whose text matches `pattern`. */
function filesMatching(pattern: RegExp): string[] {
  return SOURCE_DIRS.flatMap((dir) => sources(join(ROOT, dir)))
    .filter((file) => pattern.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file))
    .sort();
}

describe('one definition each', () => {
  it("AGDREF's shape (10 digits) is written once, in shared/domain/identity.ts", () => {
    expect(filesMatching(/\[0-9\]\{10\}|\\d\{10\}/)).toEqual([join('shared', 'domain', 'identity.ts')]);
    expect(['7512345678', '0000000000'].map(isAgdref)).toEqual([true, true]);
    expect(['751234567', '75123456789', '75 1234 5678', '٧٥١٢٣٤٥٦٧٨', '7512345678\n'].map(isAgdref)).toEqual([false, false, false, false, false]);
    expect(AGDREF_PATTERN.test('7512345678')).toBe(true);
  });

  it('escapeHtml is defined once, in shared/domain/text.ts', () => {
    expect(filesMatching(/function escapeHtml\(/)).toEqual([join('shared', 'domain', 'text.ts')]);
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('assertPdf is defined once, in shared/pdf-content.ts', () => {
    expect(filesMatching(/function assertPdf\(/)).toEqual([join('shared', 'pdf-content.ts')]);
  });
});
