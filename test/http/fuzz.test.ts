/**
 * Thousands of malformed requests per endpoint: random JSON values, valid bodies with one field
 * broken or an unknown field added, bytes that are not JSON, other media types. None may cause a
 * 5xx, and none may change anything: no repository, blob store, scheduler or notifier write, and
 * the same stored state before and after.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import type { Deps } from '../../shared/ports.ts';
import { createApp } from '../../shared/http/create-app.ts';
import {
  ActivateBody,
  ContactBody,
  DepositBody,
  LanguageBody,
  LegalAidBody,
  RegisterBody,
  ResetCodeBody,
  ResetWithCodeBody,
  ResetWithKeyBody,
  SessionBody,
} from '../../shared/http/schemas.ts';
import { sessionTokenHash } from '../../shared/use-cases/log-in.ts';
import { makeDeps } from '../support/builders.ts';
import type { TestDeps } from '../support/builders.ts';
import { AGDREF, AGENT_TOKEN, GOOD_PASSWORD, OFFICE, OTHER_AGDREF, aPdf, deposit, loggedInApplicant, register } from './http-support.ts';

const RUNS_PER_API_ENDPOINT = 1200;
const RUNS_PER_PAGE_FORM = 400;

/** Counts every call that could change state (touching a session's idle expiry is not counted). */
function counted<T extends object>(target: T, writes: ReadonlyArray<keyof T>, counter: { writes: number }): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(object);
      if (!writes.includes(property as keyof T)) return bound;
      return (...args: unknown[]) => {
        counter.writes += 1;
        return bound(...args);
      };
    },
  });
}

interface World {
  readonly app: ReturnType<typeof createApp>;
  readonly deps: TestDeps;
  readonly counter: { writes: number };
  readonly cookie: string;
  snapshot(): Promise<string>;
}

async function world(): Promise<World> {
  const deps = makeDeps();
  const counter = { writes: 0 };
  const watched: Deps = {
    ...deps,
    applicants: counted(deps.applicants, ['create', 'update'], counter),
    letters: counted(deps.letters, ['create', 'update'], counter),
    sessions: counted(deps.sessions, ['create', 'delete', 'deleteAllFor'], counter),
    blobs: counted(deps.blobs, ['put'], counter),
    scheduler: counted(deps.scheduler, ['schedule', 'cancel'], counter),
    notifier: counted(deps.notifier, ['send'], counter),
  };
  const app = createApp({ deps: watched, agentAuth: { kind: 'bearer', token: AGENT_TOKEN } });
  const cookie = await loggedInApplicant(app, AGDREF, { phone: '0612345678', email: 'a@example.org' });
  await register(app, { agdref: OTHER_AGDREF });
  await deposit(app, { type: 'decision', outcome: 'rejection' });
  await app.request('/api/v1/documents/DOC-1/content', { headers: { cookie } });
  const token = cookie.slice('session='.length);
  return {
    app,
    deps,
    counter,
    cookie,
    snapshot: async () =>
      JSON.stringify({
        applicants: await Promise.all([AGDREF, OTHER_AGDREF].map((agdref) => deps.applicants.get(agdref))),
        letters: await Promise.all([AGDREF, OTHER_AGDREF].map((agdref) => deps.letters.listForApplicant(agdref))),
        session: await deps.sessions.get(sessionTokenHash(token), deps.clock.now()),
        scheduled: deps.scheduler.pending(),
        sent: deps.notifier.attempts.length,
      }),
  };
}

// ---------------------------------------------------------------- generators

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

/**
 * A request that the route's schema refuses (made so if a random draw happens to be valid). What
 * is judged is what is sent: JSON turns NaN and ±Infinity into null, which a nullable field accepts.
 */
function invalidBodies(schema: z.ZodMiniType, valid: Record<string, unknown>): fc.Arbitrary<{ contentType: string; body: string }> {
  const refused = (value: unknown) => (schema.safeParse(value).success ? { ...(value as object), zzUnknownField: 1 } : value);
  const asSent = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');
  // Judged once more on the exact text sent, as the server will parse it (a draw such as an
  // object with a `__proto__` key can change through the JSON round trip).
  const json = (value: unknown) => {
    const body = JSON.stringify(refused(asSent(value))) ?? 'null';
    const parsed: unknown = JSON.parse(body);
    return { contentType: 'application/json', body: schema.safeParse(parsed).success ? JSON.stringify(refused(parsed)) : body };
  };
  // Random text can happen to be a valid body (`{` + `}` is `{}`, which every all-optional schema accepts).
  const notAcceptable = (body: string): boolean => {
    try {
      return !schema.safeParse(JSON.parse(body)).success;
    } catch {
      return true;
    }
  };
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.jsonValue().map(json),
    fc.record({ key: fc.constantFrom(...keys), value: wrongValue }).map(({ key, value }) => json({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => json(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key)))),
    fc.record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: fc.jsonValue() }).map(({ key, value }) =>
      json({ ...valid, [keys.includes(key) ? `${key}_` : key]: value }),
    ),
    fc
      .string({ maxLength: 200 })
      .map((text) => `{${text}`)
      .filter(notAcceptable)
      .map((body) => ({ contentType: 'application/json', body })),
    fc
      .uint8Array({ maxLength: 200 })
      .map((bytes) => Buffer.from(bytes).toString('latin1'))
      .filter(notAcceptable)
      .map((body) => ({ contentType: 'application/json', body })),
    fc
      .constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', '')
      .map((contentType) => ({ contentType, body: JSON.stringify(valid) })),
  );
}

interface Endpoint {
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly schema: z.ZodMiniType;
  readonly valid: Record<string, unknown>;
  readonly auth: 'none' | 'session' | 'office';
}

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'POST', path: '/api/v1/account/activate', schema: ActivateBody(), valid: { agdref: AGDREF, connectionKey: 'K000-0000-0000-0001', password: GOOD_PASSWORD }, auth: 'none' },
  { method: 'POST', path: '/api/v1/session', schema: SessionBody(), valid: { identifier: AGDREF, password: GOOD_PASSWORD }, auth: 'none' },
  { method: 'PUT', path: '/api/v1/me/contact', schema: ContactBody(), valid: { phone: '0712345678', email: 'b@example.org' }, auth: 'session' },
  { method: 'PUT', path: '/api/v1/me/language', schema: LanguageBody(), valid: { language: 'en' }, auth: 'session' },
  { method: 'PUT', path: '/api/v1/documents/DOC-1/legal-aid', schema: LegalAidBody(), valid: { requestedOn: '2023-04-20', decisionNotifiedOn: null }, auth: 'session' },
  { method: 'POST', path: '/api/v1/password/reset-with-key', schema: ResetWithKeyBody(), valid: { identifier: AGDREF, connectionKey: 'K000-0000-0000-0001', newPassword: GOOD_PASSWORD }, auth: 'none' },
  { method: 'POST', path: '/api/v1/password/reset-code', schema: ResetCodeBody(), valid: { identifier: AGDREF, channel: 'sms' }, auth: 'none' },
  { method: 'POST', path: '/api/v1/password/reset-with-code', schema: ResetWithCodeBody(), valid: { identifier: AGDREF, code: '123456', newPassword: GOOD_PASSWORD }, auth: 'none' },
  { method: 'POST', path: '/api/v1/agent/applicants', schema: RegisterBody(), valid: { agdref: '7500000001', phone: '0612345678', language: 'ti' }, auth: 'office' },
  {
    method: 'PUT',
    path: `/api/v1/agent/applicants/${AGDREF}/documents/NEW-1`,
    schema: DepositBody(),
    valid: { type: 'decision', outcome: 'rejection', contentBase64: Buffer.from(aPdf('new')).toString('base64') },
    auth: 'office',
  },
];

describe('fuzzing every body-carrying endpoint', () => {
  it.each(ENDPOINTS.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const))(
    '%s: never a 5xx, never a state change',
    async (_name, endpoint) => {
      const w = await world();
      const before = await w.snapshot();
      const writesBefore = w.counter.writes;
      const headers = (contentType: string): Record<string, string> => ({
        ...(contentType === '' ? {} : { 'content-type': contentType }),
        ...(endpoint.auth === 'session' ? { cookie: w.cookie } : {}),
        ...(endpoint.auth === 'office' ? OFFICE : {}),
      });

      await fc.assert(
        fc.asyncProperty(invalidBodies(endpoint.schema, endpoint.valid), async ({ contentType, body }) => {
          const response = await w.app.request(endpoint.path, { method: endpoint.method, headers: headers(contentType), body });
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(w.counter.writes).toBe(writesBefore);
        }),
        { numRuns: RUNS_PER_API_ENDPOINT },
      );

      expect(await w.snapshot()).toBe(before);
    },
  );
});

describe('fuzzing the pages’ forms (no session)', () => {
  const forms: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['/', ['identifier', 'password']],
    ['/activate', ['agdref', 'connectionKey', 'password', 'confirmPassword']],
    ['/password/forgot/key', ['identifier', 'connectionKey', 'newPassword', 'confirmPassword']],
    ['/password/forgot/code', ['identifier', 'channel']],
    ['/password/forgot/code/reset', ['identifier', 'code', 'newPassword', 'confirmPassword']],
    ['/language', ['lang', 'back']],
  ];

  it.each(forms)('POST %s: never a 5xx, never a state change', async (path, fields) => {
    const w = await world();
    const before = await w.snapshot();
    const writesBefore = w.counter.writes;
    const field = fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 10 }));
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('', AGDREF.slice(1), '0', 'sms', 'xx'));

    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, value), { maxLength: 6 }), fc.boolean(), async (pairs, asForm) => {
        const body = asForm ? new URLSearchParams(pairs).toString() : JSON.stringify(Object.fromEntries(pairs));
        const response = await w.app.request(path, {
          method: 'POST',
          headers: { 'content-type': asForm ? 'application/x-www-form-urlencoded' : 'application/json', origin: 'http://localhost' },
          body,
        });
        expect(response.status).toBeLessThan(500);
        expect(w.counter.writes).toBe(writesBefore);
      }),
      { numRuns: RUNS_PER_PAGE_FORM },
    );

    expect(await w.snapshot()).toBe(before);
  });
});
