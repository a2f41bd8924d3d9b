/**
 * Issue "security under concurrency and probing", black-box against the real `npm start` (DynamoDB
 * Local, argon2id in worker threads, the default per-client rate limit): bursts of 50 parallel
 * guesses on login, activation and both resets evaluate at most 5 secrets and never answer 5xx;
 * an unknown identifier is answered exactly like a real one; prototype-named fields, bidi and NUL
 * characters, a PDF with JavaScript and colliding identifiers are refused; the credential rate
 * limit holds per client; and a killed DynamoDB Local gives 503 + Retry-After with one log line
 * (a reset-code request, which touches no store before its answer, still gets its 202).
 *
 * Each guess of a burst is sent from its own loopback address (127.0.1.x), as 50 clients would
 * be: the per-client rate limit then lets every one through, and only the lockout stands.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type LocalServer, type SendOptions, startLocalServer } from '../support/local-server.ts';

const START_TIMEOUT_MS = 120_000;
const OFFICE_TOKEN = 'test-office-token-0123456789abcdef';
const BURST = 50;
const RIGHT_PASSWORD = 'Correct&Horse7battery';

let server: LocalServer;
const send = (method: string, path: string, options?: SendOptions): Promise<Answer> => server.send(method, path, options);

const office = { authorization: `Bearer ${OFFICE_TOKEN}` };
/** The i-th of 50 clients of a burst. */
const client = (i: number): string => `127.0.1.${i + 1}`;

/** 50 simultaneous requests, the i-th from the i-th client; returns the answers in order. */
async function burst(path: string, bodies: readonly unknown[]): Promise<Answer[]> {
  return Promise.all(bodies.map((body, i) => send('POST', path, { body, from: client(i) })));
}

/** Guesses that reached a secret check: answered with its verdict rather than 429. */
function summary(answers: readonly Answer[]) {
  const statuses = answers.map((answer) => answer.status);
  return {
    evaluated: statuses.filter((status) => status !== 429).length,
    serverErrors: statuses.filter((status) => status >= 500).length,
    lockedOut: answers.filter((answer) => answer.status === 429 && answer.json().error.code === 'too_many_attempts' && Number(answer.headers['retry-after']) > 0).length,
    statuses,
  };
}

/** docs/api.md: at most 5 of the burst evaluated, every other one 429 too_many_attempts with Retry-After, no 5xx. */
function expectLockoutHeld(result: ReturnType<typeof summary>): void {
  expect(result.serverErrors).toBe(0);
  expect(result.evaluated).toBeLessThanOrEqual(5);
  expect(result.lockedOut).toBe(BURST - result.evaluated);
}

const WRONG_PASSWORDS = Array.from({ length: BURST }, (_, i) => `Wrong&Password${i}`);
const WRONG_KEYS = Array.from({ length: BURST }, (_, i) => `AAAA-BBBB-CCCC-${String(i).padStart(4, '0')}`);

/**
 * A burst of 50 wrong guesses at once, then the right secret (from another client): docs/api.md — at
 * most 5 of the burst evaluated, the rest 429, no 5xx, and the right secret refused too (429).
 * (A right secret *inside* a burst may be among the first five evaluated: it then succeeds and, as a
 * success does, forgets the failures — see the unit test with the right password last.)
 */
async function expectBurstLockedOut(path: string, wrongBodies: readonly unknown[], rightBody: unknown): Promise<void> {
  const result = summary(await burst(path, wrongBodies));
  expectLockoutHeld(result);
  const right = await send('POST', path, { body: rightBody, from: '127.0.2.1' });
  expect([right.status, right.json().error.code]).toEqual([429, 'too_many_attempts']);
}

async function registerApplicant(agdref: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await send('POST', '/api/v1/agent/applicants', { body: { agdref, ...extra }, headers: office });
  if (answer.status !== 201) throw new Error(`register ${agdref}: ${answer.status} ${answer.text}`);
  return answer.json<{ connectionKey: string }>().connectionKey;
}

async function activeApplicant(agdref: string, extra: Record<string, unknown> = {}): Promise<void> {
  const connectionKey = await registerApplicant(agdref, extra);
  const answer = await send('POST', '/api/v1/account/activate', { body: { agdref, connectionKey, password: RIGHT_PASSWORD } });
  if (answer.status !== 204) throw new Error(`activate ${agdref}: ${answer.status} ${answer.text}`);
}

describe('security under concurrency and probing, against npm start (DynamoDB Local)', () => {
  beforeAll(async () => {
    server = await startLocalServer({ AGENT_TOKEN: OFFICE_TOKEN, SEED_DEMO: 'false' }, START_TIMEOUT_MS);
  }, START_TIMEOUT_MS + 5_000);

  afterAll(async () => {
    await server.stop();
  }, 30_000);

  it('login: 50 parallel wrong passwords — at most 5 evaluated, the rest 429, no 5xx; then the right password is refused too', async () => {
    await activeApplicant('7511000001');

    await expectBurstLockedOut(
      '/api/v1/session',
      WRONG_PASSWORDS.map((password) => ({ identifier: '7511000001', password })),
      { identifier: '7511000001', password: RIGHT_PASSWORD },
    );
  }, 120_000);

  it('activation: 50 parallel wrong keys — at most 5 evaluated, no 5xx; then the right key is refused too', async () => {
    const connectionKey = await registerApplicant('7511000002');

    await expectBurstLockedOut(
      '/api/v1/account/activate',
      WRONG_KEYS.map((key) => ({ agdref: '7511000002', connectionKey: key, password: RIGHT_PASSWORD })),
      { agdref: '7511000002', connectionKey, password: RIGHT_PASSWORD },
    );
  }, 120_000);

  it('reset with a key: 50 parallel wrong keys — at most 5 evaluated, no 5xx; then the right key is refused too', async () => {
    await activeApplicant('7511000003');
    const reissued = await send('POST', '/api/v1/agent/applicants/7511000003/connection-key', { headers: office });
    const { connectionKey } = reissued.json<{ connectionKey: string }>();

    await expectBurstLockedOut(
      '/api/v1/password/reset-with-key',
      WRONG_KEYS.map((key) => ({ identifier: '7511000003', connectionKey: key, newPassword: 'Another&Password9' })),
      { identifier: '7511000003', connectionKey, newPassword: 'Another&Password9' },
    );
  }, 120_000);

  it('reset with a code: 50 parallel wrong codes — at most 5 evaluated, no 5xx; then the right code is refused too', async () => {
    await activeApplicant('7511000004', { phone: '0611000004' });
    const asked = await send('POST', '/api/v1/password/reset-code', { body: { identifier: '7511000004', channel: 'sms' } });
    expect(asked.status).toBe(202);
    let code: string | undefined;
    for (let tries = 0; code === undefined && tries < 50; tries += 1) {
      const outbox = (await send('GET', '/dev/outbox.json')).json<{ messages: Array<{ to: string; text: string }> }>();
      code = outbox.messages.find((message) => message.to.endsWith('611000004'))?.text.match(/\b\d{6}\b/)?.[0];
      if (code === undefined) await new Promise((wait) => setTimeout(wait, 100));
    }
    if (code === undefined) throw new Error('no reset code arrived in the outbox');
    const right = code;
    const wrongCodes = Array.from({ length: BURST }, (_, i) => String((Number(right) + i + 1) % 1_000_000).padStart(6, '0'));

    await expectBurstLockedOut(
      '/api/v1/password/reset-with-code',
      wrongCodes.map((guess) => ({ identifier: '7511000004', code: guess, newPassword: 'Another&Password9' })),
      { identifier: '7511000004', code: right, newPassword: 'Another&Password9' },
    );
  }, 120_000);

  it('answers 7 wrong logins on a real and on an unknown identifier identically, 429 included', async () => {
    await activeApplicant('7511000005');
    const seven = async (identifier: string) => {
      const answers: Array<{ status: number; body: string; retryAfter: boolean }> = [];
      for (let i = 0; i < 7; i += 1) {
        const answer = await send('POST', '/api/v1/session', { body: { identifier, password: 'Wrong&Password1' }, from: `127.0.3.${i + 1}` });
        answers.push({ status: answer.status, body: answer.text, retryAfter: answer.headers['retry-after'] !== undefined });
      }
      return answers;
    };

    const real = await seven('7511000005');
    const unknown = await seven('7511999999');

    expect(unknown).toEqual(real);
    expect(real.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
  }, 120_000);

  it('names prototype-named fields as unknown fields, with error.code', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const answer = await send('POST', '/api/v1/password/reset-code', { raw: `{"identifier":"7511000001","channel":"sms","${name}":{}}`, from: '127.0.4.1' });
      const error = answer.json().error;

      expect(answer.status).toBe(400);
      expect(error.code).toBe('invalid_request');
      expect(Object.hasOwn(error.fields ?? {}, name)).toBe(true);
    }
  });

  it('refuses a bidi title, a NUL in a form, a PDF with JavaScript and a file number that is another applicant\'s AGDREF', async () => {
    await registerApplicant('7511000006');
    const put = (id: string, body: Record<string, unknown>) => send('PUT', `/api/v1/agent/applicants/7511000006/documents/${id}`, { body, headers: office });
    const plain = Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64');
    const withJs = Buffer.from('%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n').toString('base64');

    const bidiTitle = await put('DOC-BIDI', { type: 'convocation', title: 'Convocation \u202Efdp.exe', contentBase64: plain });
    const jsPdf = await put('DOC-JS', { type: 'convocation', contentBase64: withJs });
    const nulForm = await send('POST', '/', { raw: 'identifier=75%00110&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, from: '127.0.4.2' });
    const colliding = await send('POST', '/api/v1/agent/applicants', { body: { agdref: '7511000007', ofpraFileNumber: '7511000006' }, headers: office });

    expect([bidiTitle.status, bidiTitle.json().error.fields?.title !== undefined]).toEqual([400, true]);
    expect([jsPdf.status, jsPdf.json().error.code]).toEqual([400, 'unsafe_pdf']);
    expect(nulForm.status).toBe(400);
    expect(nulForm.text).not.toContain('\u0000');
    expect([colliding.status, colliding.json().error.code]).toEqual([409, 'already_exists']);
  });

  it('limits credential requests per client (the WAF\'s job in the cloud): 429 too_many_requests with Retry-After', async () => {
    // 30 at once from one client: a burst of 10 passes, then 30 a minute — even if a loaded machine
    // spreads their arrival over 10 s (5 more tokens), at least 15 are refused.
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => send('POST', '/api/v1/session', { body: { identifier: '7511888888', password: 'Wrong&Password1' }, from: '127.0.5.1' })),
    );
    const limited = answers.filter((answer) => answer.status === 429 && answer.json().error.code === 'too_many_requests');

    expect(limited.length).toBeGreaterThanOrEqual(10);
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThan(0);
    const otherClient = await send('POST', '/api/v1/session', { body: { identifier: '7511888887', password: 'Wrong&Password1' }, from: '127.0.5.2' });
    expect(otherClient.status).toBe(401);
  }, 60_000);

  it('reports the store in /healthz, and answers 503 with Retry-After (never 500) once DynamoDB Local is killed; a reset-code request still 202', async () => {
    expect((await send('GET', '/healthz')).json()).toEqual({ store: 'ok' });
    await activeApplicant('7511000008');
    const login = await send('POST', '/api/v1/session', { body: { identifier: '7511000008', password: RIGHT_PASSWORD }, from: '127.0.6.1' });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const javaPid = execFileSync('pgrep', ['-f', `DynamoDBLocal.*${server.dataDir}`], { encoding: 'utf8' }).trim().split('\n')[0];

    process.kill(Number(javaPid), 'SIGKILL');
    await new Promise((wait) => setTimeout(wait, 500));
    const answers = [
      await send('GET', '/api/v1/documents', { headers: { cookie } }),
      await send('POST', '/api/v1/session', { body: { identifier: '7511000008', password: RIGHT_PASSWORD }, from: '127.0.6.2' }),
    ];
    // docs/api.md (no enumeration): a reset-code request touches no store before its answer; issuing
    // the code, after the 202, fails in the background and says so.
    const resetCode = await send('POST', '/api/v1/password/reset-code', { body: { identifier: '7511000008', channel: 'sms' }, from: '127.0.6.3' });
    const health = await send('GET', '/healthz');

    expect(resetCode.status).toBe(202);
    for (let tries = 0; !server.output().includes('[background] issuing a reset code failed') && tries < 100; tries += 1) {
      await new Promise((wait) => setTimeout(wait, 100));
    }
    expect(server.output()).toContain('[background] issuing a reset code failed');

    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.json().error.code).toBe('service_unavailable');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect([health.status, health.json<{ store: string }>().store]).toEqual([503, 'unavailable']);
    expect(server.output().match(/\[store\] DynamoDB Local stopped/g)).toHaveLength(1);
    expect(server.output()).toContain('npm start');
  }, 60_000);
});
