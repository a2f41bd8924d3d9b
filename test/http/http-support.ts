/**
 * Helpers for the in-process HTTP tests: the whole app on the in-memory deps, driven with
 * `app.request` (no server, no mocks of Hono), and small steps written in terms of docs/api.md
 * (register, deposit, activate, log in).
 */
import { createApp } from '../../shared/http/create-app.ts';
import type { AppOptions } from '../../shared/http/create-app.ts';
import type { DecisionOutcome, DocumentType } from '../../shared/domain/types.ts';
import { AGDREF, GOOD_PASSWORD, aPdf, makeDeps } from '../support/builders.ts';
import type { TestDeps } from '../support/builders.ts';

export { AGDREF, GOOD_PASSWORD, OTHER_AGDREF, aPdf } from '../support/builders.ts';

export const AGENT_TOKEN = 'agent-token-for-tests-0123456789';
export const OFFICE = { authorization: `Bearer ${AGENT_TOKEN}` } as const;
export const JSON_TYPE = { 'content-type': 'application/json' } as const;

export type App = ReturnType<typeof createApp>;

export interface Harness {
  readonly deps: TestDeps;
  readonly app: App;
}

export function harness(options: Partial<Omit<AppOptions, 'deps'>> = {}, deps: TestDeps = makeDeps()): Harness {
  return { deps, app: createApp({ deps, agentAuth: { kind: 'bearer', token: AGENT_TOKEN }, ...options }) };
}

/** A JSON request (no Origin header, like a non-browser client). */
export function jsonRequest(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

export async function errorOf(response: Response): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  const body = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
  return body.error;
}

/** `session=…` from a response's Set-Cookie, ready for a Cookie header. */
export function sessionCookieFrom(response: Response): string {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('session='));
  if (header === undefined) throw new Error('no session cookie was set');
  return header.split(';')[0] ?? '';
}

/** The office registers the applicant; returns the connection key. */
export async function register(app: App, body: Record<string, unknown> = { agdref: AGDREF }): Promise<string> {
  const response = await app.request('/api/v1/agent/applicants', jsonRequest('POST', body, OFFICE));
  if (response.status !== 201) throw new Error(`register: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { connectionKey: string }).connectionKey;
}

export interface DepositOptions {
  readonly agdref?: string;
  readonly id?: string;
  readonly type?: DocumentType;
  readonly outcome?: DecisionOutcome;
  readonly content?: Uint8Array;
}

/** The office deposits a letter (a convocation by default). */
export async function deposit(app: App, options: DepositOptions = {}): Promise<Response> {
  const body = {
    type: options.type ?? 'convocation',
    ...(options.outcome === undefined ? {} : { outcome: options.outcome }),
    contentBase64: Buffer.from(options.content ?? aPdf(options.id ?? 'DOC-1')).toString('base64'),
  };
  return app.request(
    `/api/v1/agent/applicants/${options.agdref ?? AGDREF}/documents/${options.id ?? 'DOC-1'}`,
    jsonRequest('PUT', body, OFFICE),
  );
}

export async function activate(app: App, connectionKey: string, agdref = AGDREF, password = GOOD_PASSWORD): Promise<Response> {
  return app.request('/api/v1/account/activate', jsonRequest('POST', { agdref, connectionKey, password }));
}

export async function logIn(app: App, identifier = AGDREF, password = GOOD_PASSWORD): Promise<Response> {
  return app.request('/api/v1/session', jsonRequest('POST', { identifier, password }));
}

/** Registered, activated and logged in through the API; returns the Cookie header value. */
export async function loggedInApplicant(app: App, agdref = AGDREF, extra: Record<string, unknown> = {}): Promise<string> {
  const key = await register(app, { agdref, ...extra });
  const activated = await activate(app, key, agdref);
  if (activated.status !== 204) throw new Error(`activate: ${activated.status} ${await activated.text()}`);
  const response = await logIn(app, agdref);
  if (response.status !== 200) throw new Error(`log in: ${response.status} ${await response.text()}`);
  return sessionCookieFrom(response);
}

/** A form post as a browser sends it (same-origin `Origin` for app.request's http://localhost). */
export function formRequest(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
    body: new URLSearchParams(fields).toString(),
  };
}
