/**
 * `npm run bench:crash` — R12 crash test (issue 15): kill -9 of the whole `npm start` (its process
 * group: npm, the server, DynamoDB Local) in the middle of a deposit storm, then a restart on the
 * same DATA_DIR. Reports:
 * - acknowledged-but-lost deposits: a 201 was answered but the letter is gone (must be 0);
 * - duplicates: alert messages the outbox (the local provider) accepted more than once, per 1 000
 *   alerts, and whether each duplicate's letter carries its `alertOutcomeUnknown`;
 * - for every alert: messages ≤ alertSent + alertOutcomeUnknown in its chain (the evidence never
 *   shows fewer messages than may have gone out);
 * - every letter's export verifies offline with the served keys.
 * Options: --runs N (default 2), --applicants N (40), --workers N (16), --kill-after N (kill once
 * about N deposits were acknowledged, ±50 % at random; default 300),
 * --port N (3150), --settle-s N (170: alert retries come 2 minutes after a lost attempt's claim).
 * Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeDemoPdf } from '../scripts/local/demo-pdf.ts';
import { verifyEvidence } from '../shared/use-cases/verify-evidence.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '2' },
    applicants: { type: 'string', default: '40' },
    workers: { type: 'string', default: '16' },
    'kill-after': { type: 'string', default: '300' },
    port: { type: 'string', default: '3150' },
    'settle-s': { type: 'string', default: '170' },
    'max-deposits': { type: 'string', default: '5000' },
  },
});
const RUNS = Number(values.runs);
const APPLICANTS = Number(values.applicants);
const WORKERS = Number(values.workers);
const KILL_AFTER = Number(values['kill-after']);
/** Bound of the storm if the server never answers enough deposits. */
const STORM_MAX_MS = 300_000;
const PORT = Number(values.port);
const SETTLE_MS = Number(values['settle-s']) * 1000;
const MAX_DEPOSITS = Number(values['max-deposits']);
const TOKEN = 'crash-test-office-token-0123456789';
const BASE = `http://127.0.0.1:${PORT}`;
const repoRoot = resolve(import.meta.dirname, '..');

interface Started {
  readonly child: ChildProcess;
  output: string;
}

/** On a loaded machine DynamoDB Local may miss its 30 s start-up limit: try again (3 times at most). */
async function startServer(dataDir: string): Promise<Started> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startServerOnce(dataDir);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(`npm start did not come up (attempt ${attempt}); trying again`);
    }
  }
}

async function startServerOnce(dataDir: string): Promise<Started> {
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, AGENT_TOKEN: TOKEN, SEED_DEMO: 'false', DYNAMODB_START_TIMEOUT_S: '240' },
    detached: true, // its own process group: kill -9 of the group is the crash of the whole `npm start`
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started: Started = { child, output: '' };
  child.stdout?.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  const deadline = Date.now() + 300_000;
  while (!started.output.includes('Digital mailbox running at')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      killGroup(started, 'SIGKILL');
      throw new Error(`npm start not ready:\n${started.output}`);
    }
    await sleep(200);
  }
  return started;
}

function killGroup(started: Started, signal: NodeJS.Signals): void {
  if (started.child.pid !== undefined) {
    try {
      process.kill(-started.child.pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Whatever of DynamoDB Local still runs on this data folder (it should have died with its group). */
function leftoverJava(dataDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`], { encoding: 'utf8' })
      .split('\n')
      .map(Number)
      .filter((pid) => pid > 0);
  } catch {
    return [];
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function office(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
}

function agdrefOf(i: number): string {
  return String(7_500_000_000 + i);
}

interface RunResult {
  readonly acknowledged: number;
  readonly lost: number;
  readonly alerts: number;
  readonly messages: number;
  readonly duplicates: number;
  readonly duplicatesWithUnknown: number;
  readonly unknownEvents: number;
  readonly undercounted: number;
  readonly invalidExports: number;
  readonly acceptanceToRecordMs: { readonly median: number; readonly p99: number; readonly max: number };
}

async function oneRun(run: number): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), `mailbox-crash-${run}-`));
  try {
    let server = await startServer(dataDir);
    for (let i = 0; i < APPLICANTS; i += 1) {
      const response = await office('POST', '/api/v1/agent/applicants', { agdref: agdrefOf(i), phone: `06${String(10_000_000 + i).slice(-8)}`, email: `a${i}@example.org` });
      if (response.status !== 201) throw new Error(`register ${i}: ${response.status}`);
    }
    const pdf = Buffer.from(makeDemoPdf(['crash test'])).toString('base64');
    const acknowledged: Array<{ agdref: string; id: string }> = [];
    let next = 0;
    let crashed = false;
    const worker = async (): Promise<void> => {
      while (!crashed && next < MAX_DEPOSITS) {
        const n = next++;
        const agdref = agdrefOf(n % APPLICANTS);
        const id = `CRASH-${run}-${n}`;
        try {
          const response = await office('PUT', `/api/v1/agent/applicants/${agdref}/documents/${id}`, { type: 'convocation', contentBase64: pdf });
          if (response.status === 201 || response.status === 200) acknowledged.push({ agdref, id });
        } catch {
          // the crash: no answer, so not acknowledged
        }
      }
    };
    const stormStarted = Date.now();
    const storm = Promise.all(Array.from({ length: WORKERS }, worker));
    const killAfter = Math.round(KILL_AFTER * (0.5 + Math.random()));
    while (acknowledged.length < killAfter && Date.now() - stormStarted < STORM_MAX_MS && next < MAX_DEPOSITS) await sleep(5);
    killGroup(server, 'SIGKILL');
    crashed = true;
    await storm;
    for (let i = 0; i < 50 && leftoverJava(dataDir).length > 0; i += 1) await sleep(100);
    for (const pid of leftoverJava(dataDir)) process.kill(pid, 'SIGKILL');
    console.log(`run ${run}: killed after ${Date.now() - stormStarted} ms of storm with ${acknowledged.length} deposits acknowledged; restarting`);

    server = await startServer(dataDir);
    // Retries of attempts lost in the crash come when their claims expire (2 minutes after them).
    await sleep(SETTLE_MS);
    const keys = (await (await fetch(`${BASE}/.well-known/evidence-keys.json`)).json()) as unknown;
    let lost = 0;
    let invalidExports = 0;
    const chains = new Map<string, Array<{ event: string; at: string; channel?: string; kind?: string }>>();
    for (const { agdref, id } of acknowledged) {
      const response = await office('GET', `/api/v1/agent/applicants/${agdref}/documents/${id}/evidence`);
      if (response.status === 404) {
        lost += 1;
        continue;
      }
      const exported = (await response.json()) as { events: Array<{ event: string; at: string; channel?: string; kind?: string }> };
      if (!(await verifyEvidence(exported, keys)).valid) invalidExports += 1;
      chains.set(id, exported.events);
    }
    killGroup(server, 'SIGINT');
    for (let i = 0; i < 100 && server.child.exitCode === null && server.child.signalCode === null; i += 1) await sleep(100);

    // The local provider's record: one JSON line per message accepted.
    const outbox = readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as { id: string; sentAt: string; channel: string }];
        } catch {
          return [];
        }
      });
    const messagesPerAlert = new Map<string, Array<{ sentAt: string }>>();
    for (const message of outbox) messagesPerAlert.set(message.id, [...(messagesPerAlert.get(message.id) ?? []), message]);
    let duplicates = 0;
    let duplicatesWithUnknown = 0;
    let undercounted = 0;
    let unknownEvents = 0;
    const gaps: number[] = [];
    for (const events of chains.values()) unknownEvents += events.filter((e) => e.event === 'alertOutcomeUnknown').length;
    for (const [alertId, messages] of messagesPerAlert) {
      // Deposit alert ids are `<letter>.deposit.0.<channel>`.
      const [letterId = '', kind = '', , channel = ''] = alertId.split('.');
      const events = (chains.get(letterId) ?? []).filter((e) => e.channel === channel && e.kind === kind);
      const sent = events.filter((e) => e.event === 'alertSent');
      const unknown = events.filter((e) => e.event === 'alertOutcomeUnknown').length;
      if (!chains.has(letterId)) continue; // a deposit never acknowledged: its letter may exist, unexported
      if (messages.length > 1) {
        duplicates += messages.length - 1;
        if (unknown >= messages.length - 1) duplicatesWithUnknown += messages.length - 1;
      }
      if (messages.length > sent.length + unknown) undercounted += 1;
      const accepted = messages.at(-1);
      const recorded = sent.at(-1);
      if (accepted !== undefined && recorded !== undefined) gaps.push(Date.parse(recorded.at) - Date.parse(accepted.sentAt));
    }
    gaps.sort((a, b) => a - b);
    const at = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? 0;
    const alerts = [...messagesPerAlert.keys()].filter((id) => chains.has(id.split('.')[0] ?? '')).length;
    return {
      acknowledged: acknowledged.length,
      lost,
      alerts,
      messages: outbox.length,
      duplicates,
      duplicatesWithUnknown,
      unknownEvents,
      undercounted,
      invalidExports,
      acceptanceToRecordMs: { median: at(0.5), p99: at(0.99), max: gaps.at(-1) ?? 0 },
    };
  } finally {
    for (const pid of leftoverJava(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const machine = { cpus: (await import('node:os')).availableParallelism(), node: process.version, date: new Date().toISOString(), load: (await import('node:os')).loadavg()[0] };
console.log(`machine: ${machine.cpus} CPU(s), node ${machine.node}, ${machine.date}, load average ${machine.load?.toFixed(1)}`);
const results: RunResult[] = [];
for (let run = 1; run <= RUNS; run += 1) {
  const result = await oneRun(run);
  results.push(result);
  console.log(
    `run ${run}: acknowledged ${result.acknowledged}, lost ${result.lost}, alerts ${result.alerts}, duplicates ${result.duplicates} ` +
      `(${((1000 * result.duplicates) / Math.max(1, result.alerts)).toFixed(1)} per 1 000 alerts), each with alertOutcomeUnknown: ${result.duplicatesWithUnknown}/${result.duplicates}, ` +
      `alertOutcomeUnknown events ${result.unknownEvents}, alerts whose chain shows fewer messages than went out ${result.undercounted}, ` +
      `exports failing verification ${result.invalidExports}, provider acceptance → alertSent instant: median ${result.acceptanceToRecordMs.median} ms, ` +
      `p99 ${result.acceptanceToRecordMs.p99} ms, max ${result.acceptanceToRecordMs.max} ms`,
  );
}
const failed = results.some((r) => r.lost > 0 || r.undercounted > 0 || r.invalidExports > 0 || r.duplicatesWithUnknown < r.duplicates);
console.log(failed ? 'CRASH TEST FAILED' : 'crash test passed: 0 lost, every duplicate has its alertOutcomeUnknown, every export verifies');
process.exitCode = failed ? 1 : 0;
