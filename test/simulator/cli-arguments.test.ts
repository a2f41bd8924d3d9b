import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../simulator/cli.ts';
import { memoryStore } from '../../simulator/stores.ts';
import { capture, exampleTimelines, repoRoot } from './support.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sim-args-'));
const valid = path.join(exampleTimelines, 'quick-start.json');

async function run(argv: string[]) {
  const io = capture();
  const code = await main(argv, io, memoryStore());
  return { code, stdout: io.stdout, stderr: io.stderr.join('') };
}

/** The usage text's first line: printed after every command-line error. */
const USAGE_START = 'usage: npm run simulate -- FILE... [--json OUT.json]';

describe('simulate: command-line errors (exit 2, the message, then the usage; nothing runs)', () => {
  it.each([
    ['an unknown long option', ['--bogus', valid], 'unknown option --bogus'],
    ['an unknown option after a valid one', ['--population', '10', '--bogus'], 'unknown option --bogus'],
    ['an unknown option written with a value', ['--bogus=1', valid], 'unknown option --bogus'],
    ['an unknown short option', ['-x', valid], 'unknown option -x'],
    ['a value missing at the end', [valid, '--html'], '--html needs a value'],
    ['a value missing before the next option', ['--population', '--seed', '3'], '--population needs a value'],
    ['--store with no value', ['--store'], '--store needs a value'],
    ['--evidence-dir with no value', [valid, '--evidence-dir'], '--evidence-dir needs a value'],
    ['a store that does not exist', ['--store', 'mongo', valid], '--store is memory or dynamodb'],
    ['a population that is not a number', ['--population', 'abc'], '--population is a positive whole number'],
    ['a population of zero', ['--population', '0'], '--population is a positive whole number'],
    ['a negative population', ['--population', '-3'], '--population is a positive whole number'],
    ['a fractional population', ['--population', '2.5'], '--population is a positive whole number'],
    ['workers that are not a number', ['--population', '10', '--workers', 'x'], '--workers is a positive whole number'],
    ['a cohort of zero', ['--population', '10', '--cohort', '0'], '--cohort is a positive whole number'],
    ['an impossible start date', ['--population', '10', '--start', '2024-13-45'], '--start is a date YYYY-MM-DD'],
    ['a start that is not a date', ['--population', '10', '--start', 'tomorrow'], '--start is a date YYYY-MM-DD'],
    ['a negative SMS cost', ['--population', '10', '--sms-cost', '-1'], '--sms-cost is a non-negative number of euros per segment'],
    ['a campaign of zero', ['--campaign', '0'], '--campaign is a positive whole number'],
    ['a campaign rate that is not a number', ['--campaign', '10', '--sms-rate', 'abc'], '--sms-rate is a positive number'],
    ['a campaign duration of zero', ['--campaign', '10', '--over', '0'], '--over is a positive number'],
    ['a campaign option without --campaign', ['--population', '10', '--over', '5'], '--over and the --*-rate options go with --campaign'],
    ['population and campaign at once', ['--population', '10', '--campaign', '10'], '--population and --campaign are separate runs'],
    ['files with --population', ['--population', '10', valid], '--population runs no files'],
    ['files with --campaign', ['--campaign', '10', valid], '--campaign runs no files'],
    ['no file', [], 'no timeline file given'],
    ['--json alone with files (no stdout report for them)', [valid, '--json'], '--json needs an output file'],
    ['--json before another option with files', [valid, '--json', '--seed', '1'], '--json needs an output file'],
    ['--json= with an empty file name', ['--population', '10', '--json='], '--json= needs a file name'],
  ])('%s', async (_name, argv, message) => {
    const { code, stdout, stderr } = await run(argv);

    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr.startsWith(`${message}\n${USAGE_START}`)).toBe(true);
  });

  it('reports the first problem of the line when there are several', async () => {
    const { code, stderr } = await run(['--population', 'abc', '--bogus', '--store', 'mongo']);

    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('--population is a positive whole number');
  });

  it('prints the usage alone for --help and -h, wherever they stand, and runs nothing', async () => {
    const json = path.join(dir, 'help.json');
    for (const argv of [['--help'], ['-h'], ['--population', '10', '--json', json, '--help']]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(2);
      expect(stdout).toEqual([]);
      expect(stderr.startsWith(USAGE_START)).toBe(true);
      expect(stderr.split('\n').filter((line) => line.includes('npm run simulate --'))).toHaveLength(3);
    }
    expect(existsSync(json)).toBe(false);
  });

  it('names a missing timeline file (exit 2, nothing runs)', async () => {
    const missing = path.join(dir, 'does-not-exist.json');

    const { code, stdout, stderr } = await run([missing]);

    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr).toContain(`${missing}: cannot read the file: ENOENT`);
    expect(stderr).toContain('1 invalid file: nothing was run.');
  });
});

describe('simulate: --json takes an optional value', () => {
  const population = ['--population', '3', '--seed', 'args'];

  it('alone at the end, prints the report as JSON on stdout instead of the summary', async () => {
    const { code, stdout } = await run([...population, '--json']);

    expect(code).toBe(0);
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0] ?? '')).toMatchObject({ applicants: 3, seed: 'args' });
  });

  it('followed by another option, is still alone (that option keeps its value)', async () => {
    const { code, stdout } = await run(['--population', '3', '--json', '--seed', 'other']);

    expect(code).toBe(0);
    expect(JSON.parse(stdout[0] ?? '')).toMatchObject({ applicants: 3, seed: 'other' });
  });

  it.each([
    ['as the next argument', (file: string) => ['--json', file]],
    ['after =', (file: string) => [`--json=${file}`]],
  ])('given a file %s, writes the report there and prints the summary', async (name, json) => {
    const file = path.join(dir, `population-${name.length}.json`);

    const { code, stdout } = await run([...population, ...json(file)]);

    expect(code).toBe(0);
    expect(stdout[0]).toMatch(/^3 applicants, \d+ letters \(seed args, /);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ applicants: 3, seed: 'args' });
  });

  it('takes the next argument as its file even when it is the last one of a timeline run', async () => {
    const file = path.join(dir, 'timeline-result.json');

    const { code, stdout } = await run([valid, '--json', file]);

    expect(code).toBe(0);
    expect(stdout.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ failed: 0, files: [{ file: valid }] });
  });

  it('does not take an argument after -- (everything there is a timeline file)', async () => {
    const { code, stderr } = await run(['--json', '--', valid]);

    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('--json needs an output file');
  });
});

describe('simulate: option values', () => {
  it('accepts --option=value as well as --option value, and digits grouped with _', async () => {
    const spaced = await run(['--population', '3', '--seed', 'eq', '--json']);
    const inline = await run(['--population=3', '--seed=eq', '--json']);
    const grouped = await run(['--population', '0_3', '--seed', 'eq', '--json']);

    const reports = [spaced, inline, grouped].map(({ code, stdout }) => {
      expect(code).toBe(0);
      const { throughput: _throughput, ...report } = JSON.parse(stdout[0] ?? '') as Record<string, unknown>;
      return report;
    });
    expect(reports[0]).toMatchObject({ applicants: 3, seed: 'eq' });
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
  });

  it('lets the last of a repeated option win', async () => {
    const { code, stdout } = await run(['--population', '3', '--seed', 'first', '--seed', 'second', '--json']);

    expect(code).toBe(0);
    expect(JSON.parse(stdout[0] ?? '')).toMatchObject({ seed: 'second' });
  });
});

describe('simulate: the real command (a child process)', () => {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const cli = async (argv: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(tsx, ['simulator/cli.ts', ...argv], { cwd: repoRoot });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('exits 2 with the message and the usage on stderr for an unknown option and a bad number', async () => {
    const unknown = await cli(['--population', '10', '--bogus']);
    const bad = await cli(['--population', 'abc']);

    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr.startsWith(`unknown option --bogus\n${USAGE_START}`)).toBe(true);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr.startsWith(`--population is a positive whole number\n${USAGE_START}`)).toBe(true);
  }, 60_000);

  it('prints the JSON report on stdout for --json alone and exits 0', async () => {
    const { code, stdout } = await cli(['--population', '2', '--seed', 'child', '--workers', '1', '--json']);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ applicants: 2, seed: 'child' });
  }, 60_000);
});
