/**
 * Issue "npm start": spawns the real `npm start` on a temporary data folder, waits for readiness,
 * acts as the demo applicant and as the office through the HTTP API, then stops it with SIGINT
 * and checks that no process it started (DynamoDB Local's Java included) is left.
 */
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoPdf } from '../../scripts/local/demo-pdf.ts';
import { DEMO_APPLICANT } from '../../scripts/local/demo-seed.ts';
import { START_TIMEOUT_MS, processGroupMembers, repoRoot, startNpm, type StartedServer } from '../support/npm-start.ts';

function javaProcessesUsing(dataDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', 'DynamoDBLocal'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(dataDir));
  } catch {
    return [];
  }
}

describe('npm start', () => {
  let started: StartedServer;
  let child: ChildProcess;
  let dataDir: string;
  let baseUrl: string;
  let output = '';
  let startSeconds = 0;

  beforeAll(async () => {
    started = await startNpm({ AGENT_TOKEN: 'test-office-token-0123456789abcdef' });
    ({ child, dataDir, baseUrl, startSeconds } = started);
  }, START_TIMEOUT_MS + 5_000);

  afterAll(() => started?.cleanUp());

  it('prints the URL, the demo credentials, the office token and the outbox', () => {
    output = started.output();
    expect(output).toContain(baseUrl);
    expect(output).toContain(`AGDREF ${DEMO_APPLICANT.agdref}`);
    expect(output).toContain(DEMO_APPLICANT.password);
    expect(output).toContain('test-office-token-0123456789abcdef');
    expect(output).toContain('/dev/outbox');
    expect(startSeconds).toBeGreaterThan(0);
  });

  it('lets the demo applicant log in, see the seeded letters and open the unread convocation', async () => {
    const login = await fetch(`${baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: DEMO_APPLICANT.agdref, password: DEMO_APPLICANT.password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^session=/);

    const list = await fetch(`${baseUrl}/api/v1/documents`, { headers: { cookie } });
    const { documents } = (await list.json()) as { documents: Array<{ id: string; status: string; notifiedBy: string | null; daysLeft: number | null }> };
    const byId = new Map(documents.map((d) => [d.id, d]));
    expect(byId.get('DEMO-CONVOCATION-1')?.notifiedBy).toBe('deemed');
    expect(byId.get('DEMO-DECISION')?.notifiedBy).toBe('consultation');
    const unread = byId.get('DEMO-CONVOCATION-2');
    expect(unread?.status).toBe('unread');
    expect(unread?.daysLeft).toBeGreaterThan(0);

    const content = await fetch(`${baseUrl}/api/v1/documents/DEMO-CONVOCATION-2/content`, { headers: { cookie }, redirect: 'manual' });
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toContain('application/pdf');
    const after = (await (await fetch(`${baseUrl}/api/v1/documents/DEMO-CONVOCATION-2`, { headers: { cookie } })).json()) as {
      status: string;
      notifiedBy: string;
    };
    expect(after).toMatchObject({ status: 'read', notifiedBy: 'consultation' });
  });

  it('puts the SMS of a fresh office deposit in the outbox', async () => {
    const deposit = await fetch(`${baseUrl}/api/v1/agent/applicants/${DEMO_APPLICANT.agdref}/documents/E2E-FRESH-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-office-token-0123456789abcdef' },
      body: JSON.stringify({ type: 'convocation', contentBase64: Buffer.from(makeDemoPdf(['fresh'])).toString('base64') }),
    });
    expect(deposit.status).toBe(201);
    // Alerts leave through the paced timer queue, a moment after the deposit answered: wait for it (at most 10 s).
    let sms: Array<{ channel: string; to: string; text: string }> = [];
    for (let tries = 0; tries < 100; tries += 1) {
      const outbox = (await (await fetch(`${baseUrl}/dev/outbox.json`)).json()) as { messages: Array<{ channel: string; to: string; text: string }> };
      sms = outbox.messages.filter((m) => m.channel === 'sms' && m.to === '+33600000001');
      if (sms.length >= 6) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sms.length).toBeGreaterThanOrEqual(6); // five seeded letters + the fresh one
    expect(sms.every((m) => m.text.includes(baseUrl))).toBe(true);
  });

  it('shows the outbox as a readable page, newest first', async () => {
    const response = await fetch(`${baseUrl}/dev/outbox`);
    const html = await response.text();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('E2E-FRESH-1 · new letter');
    expect(html.indexOf('E2E-FRESH-1')).toBeLessThan(html.indexOf('DEMO-CONVOCATION-1'));
  });

  it('announces itself in DATA_DIR/server.json, where `npm run office` finds it without being told the port', () => {
    const announced = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { url: string; pid: number };
    expect(announced.url).toBe(baseUrl);

    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, AGENT_TOKEN: 'test-office-token-0123456789abcdef' };
    delete env.PORT;
    delete env.OFFICE_URL;
    const printed = execFileSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/office.ts', 'reissue-key', '--agdref', DEMO_APPLICANT.agdref], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });

    expect(printed).toContain('200 OK');
    expect(printed).toMatch(/"connectionKey": "[0-9A-Z]{4}-/);
  }, 30_000);

  it('R12: exports a letter that the offline verifier accepts with the served keys, and refuses tampered copies', async () => {
    const office = { AGENT_TOKEN: 'test-office-token-0123456789abcdef', OFFICE_URL: baseUrl, DATA_DIR: dataDir };
    const run = (script: string, args: string[]): { status: number | null; stdout: string; stderr: string } => {
      const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: repoRoot, env: { ...process.env, ...office }, encoding: 'utf8' });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const exportFile = join(dataDir, 'export.json');
    const keysFile = join(dataDir, 'jwks.json');
    // The demo decision was opened when seeded; commit every head now, then export it.
    expect(run('office', ['checkpoint']).stdout).toContain('201');
    expect(run('office', ['evidence', '--agdref', DEMO_APPLICANT.agdref, '--id', 'DEMO-DECISION', '--out', exportFile]).status).toBe(0);
    expect(run('office', ['keys', '--out', keysFile]).status).toBe(0);
    const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as { events: Array<{ event: string; at: string }>; head: { count: number }; checkpoint?: unknown };
    expect(exported.checkpoint).toBeDefined();
    // The seed opens it at once; its deposit alerts leave through the paced queue, possibly after.
    expect(exported.events.map((e) => e.event)).toContain('firstOpened');

    const valid = run('verify-evidence', [exportFile, '--keys', keysFile]);
    const tampered = (name: string, change: (copy: typeof exported) => unknown): string => {
      const file = join(dataDir, `${name}.json`);
      writeFileSync(file, JSON.stringify(change(structuredClone(exported))));
      return file;
    };
    const dropped = run('verify-evidence', [tampered('dropped', (copy) => ({ ...copy, events: copy.events.slice(0, -1) })), '--keys', keysFile]);
    const rewritten = run('verify-evidence', [
      tampered('rewritten', (copy) => {
        const events = copy.events.slice(0, -1);
        return { ...copy, events, head: { count: events.length, hash: (events.at(-1) as unknown as { hash: string }).hash } };
      }),
      '--keys',
      keysFile,
    ]);
    const redated = run('verify-evidence', [tampered('redated', (copy) => ({ ...copy, events: copy.events.map((e, i) => (i === 0 ? { ...e, at: '2020-01-01T00:00:00.000Z' } : e)) })), '--keys', keysFile]);
    writeFileSync(join(dataDir, 'junk.json'), 'not json at all');
    const junk = run('verify-evidence', [join(dataDir, 'junk.json'), '--keys', keysFile]);

    expect([valid.status, valid.stdout.trim()]).toEqual([0, `valid: ${exportFile}`]);
    expect([dropped.status, dropped.stdout.trim()]).toEqual([1, `invalid: chain: the chain has ${exported.head.count - 1} events but its head says ${exported.head.count}`]);
    expect([rewritten.status, rewritten.stdout.trim()]).toEqual([1, 'invalid: signature: it does not match the content']);
    expect([redated.status, redated.stdout.trim()]).toEqual([1, 'invalid: chain: event 1 (deposited) does not match its hash']);
    expect(junk.status).toBe(2);
    expect(junk.stderr).toContain('unreadable');
  }, 120_000);

  it('stops cleanly on SIGINT and leaves no child process behind', async () => {
    const pid = child.pid;
    expect(pid).toBeDefined();
    if (pid === undefined) return;
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolveExit) =>
      child.once('exit', (code, signal) => resolveExit({ code, signal })),
    );
    // Ctrl-C in a terminal sends SIGINT to the whole foreground process group: do the same.
    process.kill(-pid, 'SIGINT');
    const { code, signal } = await exited;
    output = started.output();
    // npm re-raises the signal its script got, so it ends by SIGINT (or 0); the server said it stopped.
    expect(code === 0 || signal === 'SIGINT').toBe(true);
    expect(output).toContain('Stopped.');
    // the group may take a moment to empty after the leader exits
    for (let i = 0; i < 50 && processGroupMembers(pid).length > 0; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(processGroupMembers(pid)).toEqual([]);
    expect(javaProcessesUsing(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
  }, 30_000);
});
