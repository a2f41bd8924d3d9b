/**
 * docs/rules.md is the rulebook: every rule id R1–R12 has its section (rule, source, example,
 * code) and a row of "Where each rule lives" naming the one file that defines it, the symbols it
 * exports for the rule, and the files that apply it. This keeps that table true: each file named
 * exists and names the rule id, as the code's convention requires, and each symbol listed is
 * exported by the defining file — one hop from a rule id to its definition.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const rulebook = readFileSync(path.join(root, 'docs/rules.md'), 'utf8');
const RULE_IDS = Array.from({ length: 12 }, (_, index) => `R${index + 1}`);

/** The back-quoted names of cell `column` of a rule's row: `| R7 | \`defining.ts\` | \`symbol\` | \`a.ts\`, \`b.ts\` |`. */
function cellOf(id: string, column: number): string[] {
  const row = rulebook.split('\n').find((line) => line.startsWith(`| ${id} |`));
  const cell = row?.split('|')[column] ?? '';
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
}

/** The files of a rule's row in the table: the defining file, then the files that apply it. */
function implementingFiles(id: string): string[] {
  return [...cellOf(id, 2), ...cellOf(id, 4)];
}

describe('docs/rules.md', () => {
  it.each(RULE_IDS)('has a section for %s with its source, a worked example and its code', (id) => {
    const section = rulebook.split(/\n(?=## )/).find((part) => part.startsWith(`## ${id} ·`)) ?? '';

    expect(section, `no "## ${id} · …" section`).not.toBe('');
    for (const part of ['**Rule.**', '**Source.**', '**Example.**', '**Code.**']) expect(section, `${id}: ${part}`).toContain(part);
  });

  it.each(RULE_IDS)('names files that exist and name %s in the table of where each rule lives', (id) => {
    const files = implementingFiles(id);

    expect(files.length, `no row for ${id}`).toBeGreaterThan(0);
    for (const file of files) {
      const full = path.join(root, file);
      expect(existsSync(full), `${id}: ${file} does not exist`).toBe(true);
      expect(new RegExp(`\\b${id}\\b`).test(readFileSync(full, 'utf8')), `${id}: ${file} does not name ${id}`).toBe(true);
    }
  });

  it.each(RULE_IDS)('defines %s in one file that exports each symbol the table lists for it', async (id) => {
    const [definingFile, ...others] = cellOf(id, 2);
    const symbols = cellOf(id, 3);

    expect(definingFile, `no defining file for ${id}`).toBeDefined();
    expect(others, `${id}: one defining file, not ${others.length + 1}`).toEqual([]);
    expect(symbols.length, `${id}: no symbol listed`).toBeGreaterThan(0);
    const module = (await import(path.join(root, definingFile ?? ''))) as Record<string, unknown>;
    for (const symbol of symbols) {
      expect(typeof module[symbol], `${id}: ${definingFile} does not export ${symbol}`).not.toBe('undefined');
    }
  });
});
