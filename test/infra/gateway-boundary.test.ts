/**
 * docs/api.md "Office routes in the cloud" and the pages through the execute-api URL, proven on the
 * BUILT bundles (esbuild output, as deployed) driven with API Gateway REST (v1) proxy events in a
 * fresh node with the stacks' environment — not on `app.request` alone. Every request here is
 * answered without reaching AWS (no store call): the probes are refused before routing, and the
 * accepted ones are served from memory.
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { standInEnvironment } from '../../bench/functions.ts';
import type { FunctionName } from '../../infra/bundling.ts';
import type { BundleReport } from '../../scripts/build.ts';
import { builtBundles } from './support/built-bundles.ts';

const EXECUTE_API_HOST = 'abc123defg.execute-api.eu-west-3.amazonaws.com';
const OFFICE_CALLER = 'arn:aws:sts::123456789012:assumed-role/office-systems/deposit-robot';

interface Probe {
  readonly method?: string;
  /** The path as the client sent it (API Gateway's `path`, without the stage). */
  readonly path: string;
  /** Signed by an IAM principal (API Gateway fills `requestContext.identity`). */
  readonly signed?: boolean;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Through the execute-api URL: `requestContext.path` carries the stage. */
  readonly viaExecuteApi?: boolean;
}

interface Answer {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly multiValueHeaders?: Record<string, string[]>;
  readonly body: string;
}

/** A REST API (v1) Lambda proxy event, as API Gateway sends it. */
function restEvent(probe: Probe): Record<string, unknown> {
  const stage = 'pilot';
  const host = probe.viaExecuteApi === true ? EXECUTE_API_HOST : 'mailbox.example.org';
  const headers = { host, 'user-agent': 'boundary-test', ...probe.headers };
  return {
    resource: '/{proxy+}',
    path: probe.path,
    httpMethod: probe.method ?? 'GET',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { proxy: probe.path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123defg',
      resourcePath: '/{proxy+}',
      httpMethod: probe.method ?? 'GET',
      path: probe.viaExecuteApi === true ? `/${stage}${probe.path}` : probe.path,
      stage,
      domainName: host,
      requestId: 'request-1',
      protocol: 'HTTP/1.1',
      requestTimeEpoch: 0,
      identity:
        probe.signed === true
          ? { accountId: '123456789012', caller: 'AROAEXAMPLE:deposit-robot', userArn: OFFICE_CALLER, accessKey: 'ASIAEXAMPLE', sourceIp: '203.0.113.7', user: 'AROAEXAMPLE:deposit-robot' }
          : { accountId: null, caller: null, userArn: null, accessKey: null, sourceIp: '203.0.113.7', user: null },
    },
    body: probe.body ?? null,
    isBase64Encoded: false,
  };
}

/** Sends every probe to the bundle's handler in one fresh node process. */
async function throughBundle(bundle: BundleReport, probes: readonly Probe[]): Promise<Answer[]> {
  const script = `
const { handler } = await import(process.argv[1]);
const answers = [];
for (const event of JSON.parse(process.argv[2])) answers.push(await handler(event, {}));
process.stdout.write(JSON.stringify(answers));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script, pathToFileURL(bundle.file).href, JSON.stringify(probes.map(restEvent))],
    { env: { PATH: process.env.PATH ?? '', ...standInEnvironment(bundle.name) }, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Answer[];
}

function errorCode(answer: Answer): string | undefined {
  return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code;
}

function header(answer: Answer, name: string): string | undefined {
  return answer.headers?.[name] ?? answer.multiValueHeaders?.[name]?.[0];
}

describe('the built bundles at the API Gateway boundary (REST proxy events)', () => {
  const bundle = builtBundles();

  it('office function: serves a signed request, refuses one whose event names no IAM caller (403)', async () => {
    const [signed, unsigned] = await throughBundle(bundle('office'), [
      { path: '/api/v1/agent/openapi.json', signed: true },
      { path: '/api/v1/agent/openapi.json' },
    ]);
    expect(signed?.statusCode).toBe(200);
    expect(JSON.parse(signed?.body ?? '{}')).toHaveProperty('paths./api/v1/agent/uploads');
    expect(unsigned?.statusCode).toBe(403);
    expect(errorCode(unsigned as Answer)).toBe('forbidden');
  }, 60_000);

  it.each<FunctionName>(['office', 'api'])('%s function: refuses encoded and dot-segment paths before routing (400), signed or not', async (name) => {
    const probes: Probe[] = [
      { method: 'POST', path: '/api/v1/%61gent/applicants', body: '{}', headers: { 'content-type': 'application/json' } },
      { method: 'POST', path: '/api/v1/%61gent/applicants', body: '{}', headers: { 'content-type': 'application/json' }, signed: true },
      { path: '/api/v1/x/%2e%2e/agent/openapi.json', signed: true },
      { path: '/api/v1/x/%2E%2E/agent/openapi.json' },
      { path: '/api/v1/x/../agent/openapi.json', signed: true },
      { path: '/api/v1/./agent/openapi.json', signed: true },
      { path: '/api/v1/agent/applicants/7512345678%2F..%2F/connection-key', method: 'POST', signed: true },
      { path: '/%64ocuments' },
    ];
    const answers = await throughBundle(bundle(name), probes);
    for (const [index, answer] of answers.entries()) {
      expect(answer.statusCode, probes[index]?.path).toBe(400);
      // The API answers in JSON, the pages with an HTML error page (same status).
      if (probes[index]?.path.startsWith('/api/') === true) expect(errorCode(answer), probes[index]?.path).toBe('invalid_path');
      expect(header(answer, 'x-content-type-options')).toBe('nosniff');
    }
  }, 60_000);

  it('api function: an office path that reaches it is refused without an IAM caller (403) and not served with one', async () => {
    const [unsigned, signed, encodedId] = await throughBundle(bundle('api'), [
      { method: 'POST', path: '/api/v1/agent/applicants', body: '{}', headers: { 'content-type': 'application/json' } },
      { path: '/api/v1/agent/openapi.json', signed: true },
      // Percent-encoding inside a document id is allowed: this one gets as far as the session check.
      { path: '/api/v1/documents/OFPRA%3A2023%2F42' },
    ]);
    expect(unsigned?.statusCode).toBe(403);
    expect(signed?.statusCode).toBe(404);
    expect(encodedId?.statusCode).toBe(401);
  }, 60_000);

  it('api function through the execute-api URL: links and redirects carry the stage, and its own origin is accepted', async () => {
    const foreign = { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' };
    const own = { origin: `https://${EXECUTE_API_HOST}`, 'content-type': 'application/x-www-form-urlencoded' };
    const [page, fromOwnOrigin, fromForeignOrigin, viaDomain] = await throughBundle(bundle('api'), [
      { path: '/', viaExecuteApi: true },
      { method: 'POST', path: '/language', viaExecuteApi: true, headers: own, body: 'lang=en&back=%2Fpassword%2Fforgot' },
      { method: 'POST', path: '/language', viaExecuteApi: true, headers: foreign, body: 'lang=en&back=%2F' },
      { path: '/' },
    ]);
    expect(page?.statusCode).toBe(200);
    expect(page?.body).toContain('href="/pilot/assets/style.css"');
    expect(page?.body).toContain('action="/pilot/"');
    expect(page?.body).not.toMatch(/(href|action|src)="\/(?!pilot\/|pilot"|\/)/);
    expect(fromOwnOrigin?.statusCode).toBe(303);
    expect(header(fromOwnOrigin as Answer, 'location')).toBe('/pilot/password/forgot');
    expect(fromForeignOrigin?.statusCode).toBe(403);
    // Through the custom domain nothing is prefixed.
    expect(viaDomain?.body).toContain('href="/assets/style.css"');
    expect(viaDomain?.body).not.toContain('/pilot/');
  }, 60_000);
});
