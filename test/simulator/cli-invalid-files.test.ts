import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../simulator/cli.ts';
import { memoryStore } from '../../simulator/stores.ts';
import { capture, exampleTimelines } from './support.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sim-invalid-'));
const valid = path.join(exampleTimelines, 'quick-start.json');

function timeline(events: unknown[], extra: Record<string, unknown> = {}): unknown {
  return { version: 1, name: 'test', applicants: [{ id: 'A1', agdref: '7512345678', events, ...extra }] };
}

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const deposit = (at: string, doc: string, type = 'convocation', more: Record<string, unknown> = {}) => ({ at, do: 'deposit', doc, type, ...more });

async function run(files: string[], extra: string[] = []) {
  const io = capture();
  const code = await main([...files, ...extra], io, memoryStore());
  return { code, stdout: io.stdout, stderr: io.stderr.join('') };
}

describe('simulate: invalid files (exit 2, nothing runs)', () => {
  it('names the file and the JSON path of an instant without offset, and runs no file at all', async () => {
    // Arrange
    const bad = write(
      'no-offset.json',
      timeline([
        { at: '2023-01-01T09:00:00+01:00', do: 'register' },
        { at: '2023-01-01T10:00:00+01:00', do: 'activate' },
        deposit('2023-01-02T10:00:00+01:00', 'conv'),
        { at: '2023-01-03T10:00:00', do: 'open', doc: 'conv' },
      ]),
    );
    const json = path.join(dir, 'out.json');

    // Act
    const { code, stdout, stderr } = await run([valid, bad], ['--json', json]);

    // Assert
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: applicants[0].events[3].at: not an ISO-8601 instant with offset`);
    expect(stdout).toEqual([]);
    expect(existsSync(json)).toBe(false);
  });

  it('refuses an open of a document no deposit introduced at an earlier or equal instant', async () => {
    const bad = write('open-before.json', timeline([{ at: '2023-01-02T09:00:00+01:00', do: 'open', doc: 'conv' }, deposit('2023-01-02T10:00:00+01:00', 'conv')]));
    const { code, stderr } = await run([bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: applicants[0].events[0].doc: no deposit of "conv"`);
  });

  it('accepts an open at the same instant as its deposit', async () => {
    const ok = write('open-same.json', timeline([{ at: '2023-01-02T10:00:00+01:00', do: 'open', doc: 'conv' }, deposit('2023-01-02T10:00:00+01:00', 'conv')]));
    const { code } = await run([ok]);
    expect(code).toBe(0);
  });

  it('refuses two deposits sharing a doc label without sharing a documentId', async () => {
    const bad = write(
      'two-ids.json',
      timeline([deposit('2023-01-02T10:00:00+01:00', 'conv', 'convocation', { documentId: 'D-1' }), deposit('2023-01-03T10:00:00+01:00', 'conv', 'convocation', { documentId: 'D-2' })]),
    );
    const { code, stderr } = await run([bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: applicants[0].events[1].documentId:`);
  });

  it('refuses a legal-aid event on a document that is not a decision', async () => {
    const bad = write('legal-aid.json', timeline([deposit('2023-01-02T10:00:00+01:00', 'conv'), { at: '2023-01-04T10:00:00+01:00', do: 'legalAidRequest', doc: 'conv' }]));
    const { code, stderr } = await run([bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: applicants[0].events[1].doc: legal aid concerns decisions only`);
  });

  it('names a bad field of a YAML file by its JSON path', async () => {
    const bad = write(
      'bad.yaml',
      ['version: 1', 'applicants:', '  - id: A1', '    agdref: "7512345678"', '    events:', '      - { at: "2023-01-02T10:00:00+01:00", do: deposit, doc: d, type: decision }', ''].join('\n'),
    );
    const { code, stderr } = await run([bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: applicants[0].events[0].outcome: a decision needs an outcome`);
  });

  it('refuses an unknown action, a misspelt expectation and a wrong version, each by path', async () => {
    const bad = write('several.json', {
      version: 2,
      applicants: [{ id: 'A1', agdref: '123', events: [{ at: '2023-01-02T10:00:00Z', do: 'fly' }], expect: [{ doc: 'x', notifedBy: 'deemed' }] }],
    });
    const { code, stderr } = await run([bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: version: version must be 1`);
    expect(stderr).toContain(`${bad}: applicants[0].agdref: an AGDREF number is exactly 10 digits`);
    expect(stderr).toContain(`${bad}: applicants[0].events[0].do:`);
    expect(stderr).toContain(`${bad}: applicants[0].expect[0]`);
  });

  it('reports a file that is not JSON', async () => {
    const bad = write('broken.json', '{ "version": 1,');
    const { code, stderr } = await run([bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: not valid JSON`);
  });
});

describe('simulate: results', () => {
  it('exits 1 with one line per failed expectation and the closing summary', async () => {
    // Arrange: the example's appeal deadline, off by one day.
    const wrong = write(
      'wrong.json',
      timeline(
        [
          deposit('2023-04-20T10:00:00+02:00', 'dec', 'decision', { outcome: 'rejection' }),
          { at: '2023-04-21T09:00:00+02:00', do: 'open', doc: 'dec' },
        ],
        { expect: [{ doc: 'dec', notificationDate: '2023-04-21', appealDeadline: '2023-05-23' }] },
      ),
    );

    // Act
    const { code, stdout } = await run([wrong]);

    // Assert
    expect(code).toBe(1);
    expect(stdout).toEqual([`${wrong}: applicant A1, document dec, appealDeadline: expected 2023-05-23, actual 2023-05-22`, '1 passed, 1 failed']);
  });

  it('writes the JSON result of docs/timelines.md and a self-contained HTML report', async () => {
    const json = path.join(dir, 'result.json');
    const html = path.join(dir, 'report.html');
    const { code, stdout } = await run([valid], ['--json', json, '--html', html]);
    expect(code).toBe(0);
    expect(stdout.at(-1)).toBe('24 passed, 0 failed');
    const { readFileSync } = await import('node:fs');
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result).toMatchObject({ passed: 24, failed: 0, files: [{ file: valid, passed: 24, failed: 0, failures: [] }] });
    const dec = result.files[0].applicants[0].documents.find((d: { doc: string }) => d.doc === 'dec');
    expect(dec).toMatchObject({ doc: 'dec', type: 'decision', notificationDate: '2024-03-06', notifiedBy: 'consultation', appealDeadline: '2024-05-27', legalAidDeadline: '2024-03-21', sms: 1, email: 1 });
    expect(dec.evidence[0]).toMatchObject({ event: 'deposited', at: '2024-03-04T09:00:00.000Z' });
    expect(dec.evidence[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/<(script|link)\b|src=|url\(/i);
  });
});

describe('simulate: unknown keys anywhere make the file invalid (exit 2, the path named)', () => {
  const life = [
    { at: '2023-01-01T09:00:00+01:00', do: 'register' },
    deposit('2023-01-02T10:00:00+01:00', 'conv'),
    { at: '2023-01-03T10:00:00+01:00', do: 'open', doc: 'conv' },
  ];
  const cases: Array<[string, unknown, string]> = [
    ['a misspelt "faultz" at the top level', { ...(timeline(life) as object), faultz: [{ kind: 'schedulerDrop' }] }, 'faultz'],
    ['a misspelt "dco" in an event', timeline([life[0], life[1], { at: '2023-01-03T10:00:00+01:00', do: 'open', doc: 'conv', dco: 'conv' }]), 'applicants[0].events[2].dco'],
    ['"colour" on an applicant', timeline(life, { colour: 'blue' }), 'applicants[0].colour'],
    ['an unknown rule', { ...(timeline(life) as object), rules: { reminderDay: [7] } }, 'rules.reminderDay'],
    ['an unknown key in a fault', { ...(timeline(life) as object), faults: [{ kind: 'schedulerDelay', minutes: 5, minute: 5 }] }, 'faults[0].minute'],
    ['an unknown key in an expectation', timeline(life, { expect: [{ doc: 'conv', notificationDat: '2023-01-03' }] }), 'applicants[0].expect[0].notificationDat'],
  ];

  it.each(cases)('refuses %s', async (_name, content, jsonPath) => {
    const bad = write(`unknown-${jsonPath.replace(/[^a-z0-9]/gi, '-')}.json`, content);

    const { code, stdout, stderr } = await run([bad]);

    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: ${jsonPath}: unknown key`);
    expect(stdout).toEqual([]);
  });

  it('runs the same file once the key is spelt right', async () => {
    const good = write('known-keys.json', { ...(timeline(life) as object), faults: [{ kind: 'schedulerDrop' }] });
    const { code } = await run([good]);
    expect(code).toBe(0);
  });
});

describe('simulate: JSON syntax errors name the line and column', () => {
  it.each([
    ['a trailing comma', '{\n  "version": 1,\n  "applicants": [],\n}\n', 4, 1],
    ['a missing comma between members', '{\n  "version": 1\n  "name": "x"\n}\n', 3, 3],
    ['a misspelt literal', '{\n  "version": 1,\n  "name": tru\n}\n', 3, 14],
    ['a text cut short', '{\n  "version": 1,\n  "applicants": [\n', 4, 1],
  ])('%s', async (_name, text, line, column) => {
    const bad = write(`syntax-${line}-${column}.json`, text);

    const { code, stderr } = await run([bad]);

    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: not valid JSON at line ${line}, column ${column}:`);
  });
});

describe('simulate: the HTML report of a run with failures', () => {
  it('opens with a summary linking to each failure, highlights the failing cells, and shows instants in Paris time next to UTC', async () => {
    // Arrange: two wrong expectations on a convocation deposited at 10:00 Paris (08:00 UTC).
    const file = write('two-failures.json', {
      version: 1,
      applicants: [
        {
          id: 'A1',
          agdref: '7512345678',
          events: [deposit('2023-04-20T10:00:00+02:00', 'conv'), { at: '2023-04-21T09:00:00+02:00', do: 'open', doc: 'conv' }],
          expect: [{ doc: 'conv', notificationDate: '2023-04-22', firstOpenedAt: '2023-04-21T08:00:00+02:00' }],
        },
      ],
    });
    const html = path.join(dir, 'failures.html');

    // Act
    const { code } = await run([file], ['--html', html]);

    // Assert
    expect(code).toBe(1);
    const { readFileSync } = await import('node:fs');
    const page = readFileSync(html, 'utf8');
    const summary = page.indexOf('class="summary"');
    expect(summary).toBeGreaterThan(-1);
    expect(summary).toBeLessThan(page.indexOf('<h2>two-failures.json</h2>'));
    const links = [...page.slice(summary, page.indexOf('</section>', summary)).matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(2);
    for (const anchor of links) expect(page).toMatch(new RegExp(`<td class="failed" id="${anchor}"`));
    expect(page).toContain('2023-04-20T08:00:00.000Z<span class="paris">Paris 2023-04-20 10:00:00</span>');
    expect(page).toContain('expected 2023-04-22');
  });
});
