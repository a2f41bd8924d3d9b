/**
 * The repository is complete on its own: a clone with nothing beside it sets up, runs, tests and
 * explains itself. No code, test, script or document names a file outside it — no relative path
 * that climbs above its root, no machine-specific absolute path, no Markdown document that is not
 * in the repository — and the documents a reader is sent to exist.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const BINARY = /\.(png|jpe?g|gif|ico|pdf|woff2?|ttf|zip|gz)$/i;

/** Every file a commit would hold: tracked, plus new files not ignored (so a change is checked before it is committed). */
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file !== '' && !BINARY.test(file) && file !== 'package-lock.json' && existsSync(path.join(root, file)));

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function inside(target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Each match of `pattern` in every file, with its line, for which `bad(match, file)` holds. */
function findings(pattern: RegExp, bad: (match: RegExpMatchArray, file: string) => boolean): Finding[] {
  const found: Finding[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8').replaceAll(/\b[a-z][a-z+.-]*:\/\/[^\s)'"`<>]*/gi, (url) => ' '.repeat(url.length));
    for (const match of text.matchAll(pattern)) {
      if (bad(match, file)) found.push({ file, line: text.slice(0, match.index).split('\n').length, text: match[0] });
    }
  }
  return found;
}

const show = (list: readonly Finding[]): string[] => list.map(({ file, line, text }) => `${file}:${line}: ${text}`);

describe('the repository is self-contained', () => {
  it('finds the files it checks (code, tests, scripts, docs)', () => {
    for (const expected of ['README.md', 'package.json', 'docs/rules.md', 'test/simulator/support.ts', 'scripts/prerequisites.sh']) {
      expect(files).toContain(expected);
    }
  });

  it('has no relative path that climbs above the repository root', () => {
    const climbing = findings(/(?<![\w./])(?:\.\.\/)+[\w@.-][\w@./-]*/g, (match, file) => !inside(path.resolve(root, path.dirname(file), match[0])));

    expect(show(climbing)).toEqual([]);
  });

  it('has no path built from the repository root, or from a file, that climbs out of it', () => {
    const fromRoot = findings(/\b\w*(?:root|Root|ROOT)\s*,\s*['"]\.\.['"]/g, () => true);
    const fromFile = findings(
      /(?:import\.meta\.dirname|dirname\(fileURLToPath\(import\.meta\.url\)\)|__dirname)((?:\s*,\s*['"]\.\.['"])+)/g,
      (match, file) => (match[1]?.match(/\.\./g)?.length ?? 0) > path.dirname(file).split('/').filter((part) => part !== '.').length,
    );

    expect(show([...fromRoot, ...fromFile])).toEqual([]);
  });

  it('has no machine-specific absolute path', () => {
    const absolute = findings(/(?<![\w.])\/(?:work|home|Users|root|mnt|srv)\/[\w.-]+/g, () => true);

    expect(show(absolute)).toEqual([]);
  });

  it('names only Markdown documents the repository holds (docs/, a folder’s README, …)', () => {
    const missing = findings(/(?<![\w./-])[\w./-]*\b[\w-]+\.md\b/g, (match, file) => {
      const named = match[0];
      const candidates = [path.resolve(root, path.dirname(file), named), path.resolve(root, named)];
      return !candidates.some((candidate) => inside(candidate) && existsSync(candidate));
    });

    expect(show(missing)).toEqual([]);
  });

  it('does not send a reader to anything beside the repository', () => {
    const beside = findings(/\b(?:beside|next to) (?:this|the) repository\b/gi, (_match, file) => file !== 'test/docs/self-contained.test.ts');

    expect(show(beside)).toEqual([]);
  });
});
