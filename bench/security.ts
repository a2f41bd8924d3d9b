/**
 * Security under load, against the real `npm start` (DynamoDB Local) in a child process:
 * - the letters list's median latency, quiet and during a flood of unknown-identifier logins
 *   (docs/api.md: a burst of logins does not slow other requests more than 3-fold) — with argon2id in
 *   the worker pool (the product) and, for contrast, on the server's own thread (HASH_THREADS=0);
 * - answer-time medians for a real and an unknown identifier: wrong-password logins and reset-code
 *   requests (docs/api.md: comparable time, no enumeration);
 * - guesses evaluated in a burst of 50 parallel wrong logins (docs/api.md: at most 5).
 * The per-client rate limit is off here (CREDENTIAL_RATE_LIMIT=0): it would cut the flood and the
 * bursts short, and what is measured is the server behind it. Bounded: fixed request counts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomInt } from 'node:crypto';
import { DEMO_APPLICANT } from '../scripts/local/demo-seed.ts';
import { type LocalServer, startLocalServer } from '../test/support/local-server.ts';

const OFFICE_TOKEN = 'bench-office-token-0123456789abcdef';
const office = { authorization: `Bearer ${OFFICE_TOKEN}` };
const PASSWORD = 'Correct&Horse7battery';

export interface SecurityBenchOptions {
  /** Letters-list requests per phase (quiet, flood). */
  readonly listSamples?: number;
  /** Concurrent flooding clients. */
  readonly floodClients?: number;
  /** Real/unknown pairs per timing comparison. */
  readonly pairs?: number;
}

export interface ListLatency {
  readonly hashing: string;
  readonly quietMedianMs: number;
  readonly floodMedianMs: number;
  readonly floodP95Ms: number;
  readonly ratio: number;
  readonly floodLogins: number;
  readonly floodLoginsPerSecond: number;
  readonly floodStatuses: Record<string, number>;
}

export interface SecurityBench {
  readonly lists: ListLatency[];
  readonly loginMs: { readonly realMedian: number; readonly unknownMedian: number; readonly pairs: number };
  readonly resetCodeMs: { readonly realMedian: number; readonly unknownMedian: number; readonly pairs: number };
  readonly burst: { readonly evaluated: number; readonly refused: number; readonly serverErrors: number };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return Math.round((sorted[at] ?? Number.NaN) * 10) / 10;
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function randomAgdref(): string {
  return `76${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

async function demoCookie(server: LocalServer): Promise<string> {
  const login = await server.send('POST', '/api/v1/session', { body: { identifier: DEMO_APPLICANT.agdref, password: DEMO_APPLICANT.password } });
  if (login.status !== 200) throw new Error(`demo login: ${login.status} ${login.text}`);
  return String(login.headers['set-cookie']).split(';')[0] ?? '';
}

async function listLatency(server: LocalServer, hashing: string, options: Required<SecurityBenchOptions>): Promise<ListLatency> {
  const cookie = await demoCookie(server);
  const list = async (): Promise<number> =>
    timed(async () => {
      const answer = await server.send('GET', '/api/v1/documents', { headers: { cookie } });
      if (answer.status !== 200) throw new Error(`list: ${answer.status}`);
    });
  for (let i = 0; i < 10; i += 1) await list(); // warm-up
  const quiet: number[] = [];
  for (let i = 0; i < options.listSamples; i += 1) quiet.push(await list());

  let flooding = true;
  const statuses: Record<string, number> = {};
  let logins = 0;
  const floodStart = performance.now();
  const flooders = Array.from({ length: options.floodClients }, async (_, client) => {
    while (flooding) {
      const answer = await server.send('POST', '/api/v1/session', {
        body: { identifier: randomAgdref(), password: 'Wrong&Password1' },
        from: `127.0.7.${client + 1}`,
      });
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      logins += 1;
    }
  });
  await new Promise((wait) => setTimeout(wait, 1_000)); // let the flood build up
  const flood: number[] = [];
  for (let i = 0; i < options.listSamples; i += 1) flood.push(await list());
  flooding = false;
  await Promise.all(flooders);
  const seconds = (performance.now() - floodStart) / 1000;

  const quietMedianMs = quantile(quiet, 0.5);
  const floodMedianMs = quantile(flood, 0.5);
  return {
    hashing,
    quietMedianMs,
    floodMedianMs,
    floodP95Ms: quantile(flood, 0.95),
    ratio: Math.round((floodMedianMs / quietMedianMs) * 100) / 100,
    floodLogins: logins,
    floodLoginsPerSecond: Math.round((logins / seconds) * 10) / 10,
    floodStatuses: statuses,
  };
}

/** Sends until the answer is not 503: right after the flood the hashing queue is still draining (Retry-After). */
async function sendPatiently(server: LocalServer, method: string, path: string, options: Parameters<LocalServer['send']>[2]): Promise<Awaited<ReturnType<LocalServer['send']>>> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await server.send(method, path, options);
    if (answer.status !== 503 || attempt === 60) return answer;
    await sleep(Number(answer.headers['retry-after'] ?? 1) * 1000);
  }
}

async function register(server: LocalServer, agdref: string, extra: Record<string, unknown> = {}): Promise<void> {
  const created = await sendPatiently(server, 'POST', '/api/v1/agent/applicants', { body: { agdref, ...extra }, headers: office });
  if (created.status !== 201) throw new Error(`register ${agdref}: ${created.status} ${created.text}`);
  const { connectionKey } = created.json<{ connectionKey: string }>();
  const activated = await sendPatiently(server, 'POST', '/api/v1/account/activate', { body: { agdref, connectionKey, password: PASSWORD } });
  if (activated.status !== 204) throw new Error(`activate ${agdref}: ${activated.status} ${activated.text}`);
}

/** Answer times for real and unknown identifiers, interleaved pair by pair. */
async function pairedTimings(
  server: LocalServer,
  pairs: number,
  request: (identifier: string, pair: number) => Promise<unknown>,
  realOf: (pair: number) => string,
): Promise<{ realMedian: number; unknownMedian: number; pairs: number }> {
  const real: number[] = [];
  const unknown: number[] = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    const first = pair % 2 === 0;
    const realTime = async () => real.push(await timed(() => request(realOf(pair), pair)));
    const unknownTime = async () => unknown.push(await timed(() => request(randomAgdref(), pair)));
    if (first) {
      await realTime();
      await unknownTime();
    } else {
      await unknownTime();
      await realTime();
    }
  }
  return { realMedian: quantile(real, 0.5), unknownMedian: quantile(unknown, 0.5), pairs };
}

async function timingsAndBurst(server: LocalServer, pairs: number): Promise<Omit<SecurityBench, 'lists'>> {
  // Wrong logins: at most 2 per real account (so none is locked out): pairs/2 accounts.
  const accounts = Array.from({ length: Math.ceil(pairs / 2) }, (_, i) => `77000${String(i).padStart(5, '0')}`);
  for (const agdref of accounts) await register(server, agdref, { phone: `06${agdref.slice(2)}` });
  const loginMs = await pairedTimings(
    server,
    pairs,
    (identifier, pair) => server.send('POST', '/api/v1/session', { body: { identifier, password: 'Wrong&Password1' }, from: `127.0.8.${(pair % 200) + 1}` }),
    (pair) => accounts[pair % accounts.length] ?? '',
  );
  const resetCodeMs = await pairedTimings(
    server,
    pairs,
    (identifier, pair) => server.send('POST', '/api/v1/password/reset-code', { body: { identifier, channel: 'sms' }, from: `127.0.9.${(pair % 200) + 1}` }),
    (pair) => accounts[pair % accounts.length] ?? '',
  );

  await register(server, '7800000001');
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      server.send('POST', '/api/v1/session', { body: { identifier: '7800000001', password: `Wrong&Password${i}` }, from: `127.0.10.${i + 1}` }),
    ),
  );
  const burst = {
    evaluated: answers.filter((answer) => answer.status === 401 || answer.status === 200).length,
    refused: answers.filter((answer) => answer.status === 429).length,
    serverErrors: answers.filter((answer) => answer.status >= 500).length,
  };
  return { loginMs, resetCodeMs, burst };
}

export async function benchSecurity(options: SecurityBenchOptions = {}): Promise<SecurityBench> {
  const settings: Required<SecurityBenchOptions> = { listSamples: 100, floodClients: 16, pairs: 60, ...options };
  const env = { AGENT_TOKEN: OFFICE_TOKEN, CREDENTIAL_RATE_LIMIT: '0' };
  const lists: ListLatency[] = [];
  let rest: Omit<SecurityBench, 'lists'> | undefined;
  const pooled = await startLocalServer(env);
  try {
    lists.push(await listLatency(pooled, 'worker pool (product)', settings));
    rest = await timingsAndBurst(pooled, settings.pairs);
  } finally {
    await pooled.stop();
  }
  const inline = await startLocalServer({ ...env, HASH_THREADS: '0' });
  try {
    lists.push(await listLatency(inline, 'main thread (HASH_THREADS=0, before)', settings));
  } finally {
    await inline.stop();
  }
  return { lists, ...rest };
}

export function formatSecurityBench(bench: SecurityBench): string[] {
  return [
    'Letters list (GET /api/v1/documents) median latency, quiet vs during a flood of unknown-identifier logins:',
    ...bench.lists.map(
      (list) =>
        `  ${list.hashing}: quiet ${list.quietMedianMs} ms, flood ${list.floodMedianMs} ms (p95 ${list.floodP95Ms} ms) = ×${list.ratio}; ` +
        `flood ${list.floodLogins} logins (${list.floodLoginsPerSecond}/s), statuses ${JSON.stringify(list.floodStatuses)}`,
    ),
    `Wrong-password login, median: real ${bench.loginMs.realMedian} ms, unknown ${bench.loginMs.unknownMedian} ms (${bench.loginMs.pairs} pairs)`,
    `Reset-code request, median: real ${bench.resetCodeMs.realMedian} ms, unknown ${bench.resetCodeMs.unknownMedian} ms (${bench.resetCodeMs.pairs} pairs)`,
    `Burst of 50 parallel wrong logins: ${bench.burst.evaluated} evaluated, ${bench.burst.refused} refused (429), ${bench.burst.serverErrors} 5xx`,
  ];
}
