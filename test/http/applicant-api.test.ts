import { describe, expect, it } from 'vitest';
import { StoreThrottledError } from '../../shared/errors.ts';
import type { BlobStore } from '../../shared/ports.ts';
import { sessionTokenHash } from '../../shared/use-cases/log-in.ts';
import { InMemoryBlobStore } from '../../shared/adapters/memory/memory-blob-store.ts';
import { delegating, makeDeps } from '../support/builders.ts';
import {
  AGDREF,
  GOOD_PASSWORD,
  OFFICE,
  OTHER_AGDREF,
  activate,
  aPdf,
  deposit,
  errorOf,
  harness,
  jsonRequest,
  logIn,
  loggedInApplicant,
  register,
  sessionCookieFrom,
} from './http-support.ts';

const NEW_PASSWORD = 'Another&Strong9pass';

describe('POST /api/v1/account/activate', () => {
  it('activates with the AGDREF number and the connection key (204), then the key is spent (409 already_active)', async () => {
    const { app } = harness();
    const key = await register(app);

    const first = await activate(app, key);
    const again = await activate(app, key);

    expect(first.status).toBe(204);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('already_active');
  });

  it('names each unmet password rule (400 invalid_password)', async () => {
    const { app } = harness();
    const key = await register(app);

    const response = await activate(app, key, AGDREF, 'short');

    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_password');
    expect(Object.keys(error.fields ?? {})).toEqual(expect.arrayContaining(['password', 'minLength', 'uppercase', 'digit', 'special']));
    expect(error.fields).not.toHaveProperty('lowercase');
  });

  it('answers a wrong key and an unknown AGDREF number alike (401 invalid_credentials)', async () => {
    const { app } = harness();
    await register(app);

    const wrongKey = await activate(app, 'AAAA-BBBB-CCCC-DDDD');
    const unknown = await activate(app, 'AAAA-BBBB-CCCC-DDDD', OTHER_AGDREF);

    expect(wrongKey.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await errorOf(wrongKey)).toEqual(await errorOf(unknown));
  });

  it('locks out after 5 failures, even with the right key (429 with Retry-After)', async () => {
    const { app } = harness();
    const key = await register(app);
    for (let i = 0; i < 5; i += 1) await activate(app, 'AAAA-BBBB-CCCC-DDDD');

    const response = await activate(app, key);

    expect(response.status).toBe(429);
    expect((await errorOf(response)).code).toBe('too_many_attempts');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a malformed AGDREF number and missing fields, naming them (400)', async () => {
    const { app } = harness();

    const response = await app.request('/api/v1/account/activate', jsonRequest('POST', { agdref: '123' }));

    expect(response.status).toBe(400);
    expect(Object.keys((await errorOf(response)).fields ?? {}).sort()).toEqual(['agdref', 'connectionKey', 'password']);
  });
});

describe('POST /api/v1/session', () => {
  it('logs in and sets the session cookie HttpOnly, Secure, SameSite=Strict, Path=/ (200 {expiresAt})', async () => {
    const { app } = harness();
    await activate(app, await register(app));

    const response = await logIn(app);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ expiresAt: expect.stringMatching(/Z$/) });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('accepts the office file number as identifier', async () => {
    const { app } = harness();
    await activate(app, await register(app, { agdref: AGDREF, ofpraFileNumber: '2301234' }));

    expect((await logIn(app, '2301234')).status).toBe(200);
  });

  it('drops Secure only when told to (local http)', async () => {
    const { app } = harness({ secureCookies: false });
    await activate(app, await register(app));

    const cookie = (await logIn(app)).headers.getSetCookie().join('\n');

    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('answers the same 401 whether the account exists or not', async () => {
    const { app } = harness();
    await activate(app, await register(app));

    const wrong = await logIn(app, AGDREF, 'Wrong&Password1');
    const unknown = await logIn(app, OTHER_AGDREF, 'Wrong&Password1');

    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await errorOf(wrong)).toEqual(await errorOf(unknown));
    expect((await errorOf(await logIn(app, AGDREF, 'x'))).code).toBe('invalid_credentials');
  });

  it('locks the account after 5 wrong passwords (429 with Retry-After, even with the right one)', async () => {
    const { app } = harness();
    await activate(app, await register(app));
    for (let i = 0; i < 5; i += 1) await logIn(app, AGDREF, 'Wrong&Password1');

    const response = await logIn(app);

    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('DELETE /api/v1/session', () => {
  it('revokes the session server-side and clears the cookie (204)', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app);
    const token = cookie.slice('session='.length);

    const response = await app.request('/api/v1/session', { method: 'DELETE', headers: { cookie } });

    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join('\n')).toMatch(/session=;.*Max-Age=0/);
    expect(await deps.sessions.get(sessionTokenHash(token), deps.clock.now())).toBeNull();
    expect((await app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('answers 204 without a session too', async () => {
    const { app } = harness();

    expect((await app.request('/api/v1/session', { method: 'DELETE' })).status).toBe(204);
  });
});

describe('GET /api/v1/me', () => {
  it('returns the profile with the unread count (200, no-store)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app, AGDREF, { phone: '06 12 34 56 78', ofpraFileNumber: '2301234' });
    await deposit(app);

    const response = await app.request('/api/v1/me', { headers: { cookie } });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      agdref: AGDREF,
      ofpraFileNumber: '2301234',
      language: 'fr',
      phone: '+33612345678',
      email: null,
      unreadCount: 1,
      paperDerogation: false,
    });
  });

  it('is 401 without a session, or with a revoked or made-up one', async () => {
    const { app } = harness();

    expect((await app.request('/api/v1/me')).status).toBe(401);
    const response = await app.request('/api/v1/me', { headers: { cookie: 'session=made-up' } });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('unauthenticated');
  });
});

describe('PUT /api/v1/me/contact', () => {
  it('sets and removes (null) the phone and the e-mail (200 the new contact)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const set = await app.request('/api/v1/me/contact', jsonRequest('PUT', { phone: '07.12.34.56.78', email: 'a@example.org' }, { cookie }));
    const removed = await app.request('/api/v1/me/contact', jsonRequest('PUT', { phone: null }, { cookie }));

    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ phone: '+33712345678', email: 'a@example.org' });
    expect(await removed.json()).toEqual({ phone: null, email: 'a@example.org' });
  });

  it.each([['01 23 45 67 89'], ['+44 7700 900123'], ['0612']])('refuses %s (400 invalid_phone)', async (phone) => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const response = await app.request('/api/v1/me/contact', jsonRequest('PUT', { phone }, { cookie }));

    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_phone');
    expect(error.fields).toHaveProperty('phone');
  });

  it('refuses a malformed e-mail (400 invalid_email)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const response = await app.request('/api/v1/me/contact', jsonRequest('PUT', { email: 'not an address' }, { cookie }));

    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('invalid_email');
  });

  it('is 401 without a session', async () => {
    const { app } = harness();

    expect((await app.request('/api/v1/me/contact', jsonRequest('PUT', { phone: null }))).status).toBe(401);
  });
});

describe('PUT /api/v1/me/language', () => {
  it('sets the language (200), and documents then carry its labels', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app, { type: 'decision', outcome: 'rejection' });

    const response = await app.request('/api/v1/me/language', jsonRequest('PUT', { language: 'ar' }, { cookie }));
    const documents = (await (await app.request('/api/v1/documents', { headers: { cookie } })).json()) as {
      documents: Array<{ label: Record<string, string> }>;
    };

    expect(response.status).toBe(200);
    expect(documents.documents[0]?.label).toEqual({ fr: 'Décision', en: 'Decision', ar: 'قرار' });
  });

  it('refuses an unsupported language (400 unsupported_language)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const response = await app.request('/api/v1/me/language', jsonRequest('PUT', { language: 'xx' }, { cookie }));

    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('unsupported_language');
  });
});

describe('GET /api/v1/documents', () => {
  it('lists the applicant’s letters newest first (200, no-store), and only theirs', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app);
    await register(app, { agdref: OTHER_AGDREF });
    await deposit(app, { id: 'OLD' });
    deps.clock.advance({ days: 2 });
    await deposit(app, { id: 'NEW', type: 'decision', outcome: 'rejection' });
    await deposit(app, { id: 'THEIRS', agdref: OTHER_AGDREF });
    const cookie = sessionCookieFrom(await logIn(app));

    const response = await app.request('/api/v1/documents', { headers: { cookie } });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { documents: Array<{ id: string; status: string; issuer: string; daysLeft: number }> };
    expect(body.documents.map((d) => d.id)).toEqual(['NEW', 'OLD']);
    expect(body.documents[0]).toMatchObject({ status: 'unread', issuer: 'OFPRA', daysLeft: 16 });
  });

  it('is 401 without a session', async () => {
    const { app } = harness();

    expect((await app.request('/api/v1/documents')).status).toBe(401);
  });
});

describe('GET /api/v1/documents/{id}', () => {
  it('returns one letter (200) without opening it', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app, { type: 'decision', outcome: 'rejection' });

    const response = await app.request('/api/v1/documents/DOC-1', { headers: { cookie } });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'DOC-1', type: 'decision', firstOpenedAt: null, consultationDeadline: '2023-05-05' });
    expect((await deps.letters.get('DOC-1'))?.firstOpenedAt).toBeNull();
  });

  it('is 404 for another applicant’s letter and for an unknown id', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await register(app, { agdref: OTHER_AGDREF });
    await deposit(app, { id: 'THEIRS', agdref: OTHER_AGDREF });

    const theirs = await app.request('/api/v1/documents/THEIRS', { headers: { cookie } });
    const unknown = await app.request('/api/v1/documents/NOPE', { headers: { cookie } });

    expect([theirs.status, unknown.status]).toEqual([404, 404]);
    expect(await errorOf(theirs)).toEqual(await errorOf(unknown));
  });
});

describe('GET /api/v1/documents/{id}/content', () => {
  it('serves the PDF and records the first opening (R4)', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app);
    const pdf = aPdf('the decision');
    await deposit(app, { type: 'decision', outcome: 'rejection', content: pdf });
    deps.clock.advance({ days: 1 });
    const cookie = sessionCookieFrom(await logIn(app));

    const response = await app.request('/api/v1/documents/DOC-1/content', { headers: { cookie } });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(pdf);
    const letter = await deps.letters.get('DOC-1');
    expect(letter?.firstOpenedAt).toBe(deps.clock.now());
    expect(letter?.evidence.map((e) => e.event)).toContain('firstOpened');
  });

  it('records the opening before reading the content (nothing is sent before)', async () => {
    const store = new InMemoryBlobStore();
    let openedWhenRead: string | null | undefined;
    const deps = makeDeps();
    const blobs: BlobStore = {
      put: (key, content) => store.put(key, content),
      temporaryUrl: (key, seconds) => store.temporaryUrl(key, seconds),
      get: async (key) => {
        openedWhenRead = (await deps.letters.get('DOC-1'))?.firstOpenedAt;
        return store.get(key);
      },
    };
    const { app } = harness({}, { ...deps, blobs } as typeof deps);
    const cookie = await loggedInApplicant(app);
    await deposit(app);

    await app.request('/api/v1/documents/DOC-1/content', { headers: { cookie } });

    expect(openedWhenRead).toBe(deps.clock.now());
  });

  it('redirects (302) to the short-lived URL the blob store gives, after recording the opening', async () => {
    const deps = makeDeps();
    const store = new InMemoryBlobStore();
    const blobs: BlobStore = {
      put: (key, content) => store.put(key, content),
      get: (key) => store.get(key),
      temporaryUrl: async (key, seconds) => `https://blobs.example.org/${key}?expires=${seconds}`,
    };
    const { app } = harness({}, { ...deps, blobs } as typeof deps);
    const cookie = await loggedInApplicant(app);
    await deposit(app);

    const response = await app.request('/api/v1/documents/DOC-1/content', { headers: { cookie } });

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^https:\/\/blobs\.example\.org\/.*expires=([1-9]|[1-5][0-9]|60)$/);
    expect((await deps.letters.get('DOC-1'))?.firstOpenedAt).not.toBeNull();
  });

  it('is 404 for another applicant’s letter, which stays unopened', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app);
    await register(app, { agdref: OTHER_AGDREF });
    await deposit(app, { id: 'THEIRS', agdref: OTHER_AGDREF });

    const response = await app.request('/api/v1/documents/THEIRS/content', { headers: { cookie } });

    expect(response.status).toBe(404);
    expect((await deps.letters.get('THEIRS'))?.firstOpenedAt).toBeNull();
  });

  it('is 401 without a session', async () => {
    const { app } = harness();

    expect((await app.request('/api/v1/documents/DOC-1/content')).status).toBe(401);
  });
});

describe('PUT /api/v1/documents/{id}/legal-aid', () => {
  async function openedRejection() {
    const h = harness();
    const cookie = await loggedInApplicant(h.app);
    await deposit(h.app, { type: 'decision', outcome: 'rejection' });
    await h.app.request('/api/v1/documents/DOC-1/content', { headers: { cookie } });
    return { ...h, cookie };
  }

  it('suspends the appeal period while legal aid is pending, then resumes it (R9)', async () => {
    const { app, deps, cookie } = await openedRejection();
    const before = (await (await app.request('/api/v1/documents/DOC-1', { headers: { cookie } })).json()) as Record<string, unknown>;
    deps.clock.set('2023-04-25T10:00:00+02:00');
    const later = sessionCookieFrom(await logIn(app));

    const pending = await app.request('/api/v1/documents/DOC-1/legal-aid', jsonRequest('PUT', { requestedOn: '2023-04-25' }, { cookie: later }));
    deps.clock.set('2023-06-01T10:00:00+02:00');
    const muchLater = sessionCookieFrom(await logIn(app));
    const decided = await app.request(
      '/api/v1/documents/DOC-1/legal-aid',
      jsonRequest('PUT', { requestedOn: '2023-04-25', decisionNotifiedOn: '2023-05-30' }, { cookie: muchLater }),
    );

    expect(before).toMatchObject({ notificationDate: '2023-04-20', appealDeadline: '2023-05-22', legalAidDeadline: '2023-05-05' });
    expect(pending.status).toBe(200);
    expect(await pending.json()).toMatchObject({ appealDeadline: null, legalAid: { requestedOn: '2023-04-25', decisionNotifiedOn: null } });
    expect(decided.status).toBe(200);
    const resumed = (await decided.json()) as { appealDeadline: string };
    expect(resumed.appealDeadline > '2023-05-30').toBe(true);
  });

  it('is 409 not_appealable on a letter that is not an appealable decision', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app);

    const response = await app.request('/api/v1/documents/DOC-1/legal-aid', jsonRequest('PUT', { requestedOn: '2023-04-20' }, { cookie }));

    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('not_appealable');
  });

  it('is 400 for a malformed or impossible date, naming the field', async () => {
    const { app, cookie } = await openedRejection();

    const malformed = await app.request('/api/v1/documents/DOC-1/legal-aid', jsonRequest('PUT', { requestedOn: '2023-02-30' }, { cookie }));
    const future = await app.request('/api/v1/documents/DOC-1/legal-aid', jsonRequest('PUT', { requestedOn: '2030-01-01' }, { cookie }));

    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).fields).toHaveProperty('requestedOn');
    expect(future.status).toBe(400);
    expect((await errorOf(future)).fields).toHaveProperty('requestedOn');
  });

  it('is 404 for another applicant’s letter', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await register(app, { agdref: OTHER_AGDREF });
    await deposit(app, { id: 'THEIRS', agdref: OTHER_AGDREF, type: 'decision', outcome: 'rejection' });

    const response = await app.request('/api/v1/documents/THEIRS/legal-aid', jsonRequest('PUT', { requestedOn: '2023-04-20' }, { cookie }));

    expect(response.status).toBe(404);
  });
});

describe('POST /api/v1/password/reset-with-key', () => {
  it('sets a new password with the connection key and revokes every session (204)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    const reissued = await app.request(`/api/v1/agent/applicants/${AGDREF}/connection-key`, { method: 'POST', headers: OFFICE });
    const key = (await reissued.json()) as { connectionKey: string };

    const response = await app.request(
      '/api/v1/password/reset-with-key',
      jsonRequest('POST', { identifier: AGDREF, connectionKey: key.connectionKey, newPassword: NEW_PASSWORD }),
    );

    expect(response.status).toBe(204);
    expect((await app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await logIn(app, AGDREF, NEW_PASSWORD)).status).toBe(200);
  });

  it('is 400 invalid_password, 401 for a wrong key, 429 when locked out', async () => {
    const { app } = harness();
    await loggedInApplicant(app);
    const body = (connectionKey: string, newPassword = NEW_PASSWORD) =>
      jsonRequest('POST', { identifier: AGDREF, connectionKey, newPassword });

    const weak = await app.request('/api/v1/password/reset-with-key', body('AAAA-BBBB-CCCC-DDDD', 'weak'));
    const wrong = await app.request('/api/v1/password/reset-with-key', body('AAAA-BBBB-CCCC-DDDD'));
    for (let i = 0; i < 4; i += 1) await app.request('/api/v1/password/reset-with-key', body('AAAA-BBBB-CCCC-DDDD'));
    const locked = await app.request('/api/v1/password/reset-with-key', body('AAAA-BBBB-CCCC-DDDD'));

    expect(weak.status).toBe(400);
    const weakError = await errorOf(weak);
    expect(weakError.code).toBe('invalid_password');
    expect(weakError.fields).toHaveProperty('newPassword');
    expect(wrong.status).toBe(401);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).not.toBeNull();
  });
});

describe('POST /api/v1/password/reset-code and reset-with-code', () => {
  it('answers 202 whether or not the account exists, and sends a 6-digit code by SMS to a known one', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app, AGDREF, { phone: '0612345678' });

    const known = await app.request('/api/v1/password/reset-code', jsonRequest('POST', { identifier: AGDREF, channel: 'sms' }));
    const unknown = await app.request('/api/v1/password/reset-code', jsonRequest('POST', { identifier: OTHER_AGDREF, channel: 'sms' }));

    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await known.text()).toBe(await unknown.text());
    expect(deps.notifier.sent('sms')).toHaveLength(1);
    expect(deps.notifier.sent('sms')[0]?.text).toContain(deps.ids.resetCodes[0] ?? 'no code');
  });

  it('sets a new password with the code and revokes every session (204)', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app, AGDREF, { email: 'a@example.org' });
    await app.request('/api/v1/password/reset-code', jsonRequest('POST', { identifier: AGDREF, channel: 'email' }));

    const response = await app.request(
      '/api/v1/password/reset-with-code',
      jsonRequest('POST', { identifier: AGDREF, code: deps.ids.resetCodes[0], newPassword: NEW_PASSWORD }),
    );

    expect(response.status).toBe(204);
    expect((await app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await logIn(app, AGDREF, NEW_PASSWORD)).status).toBe(200);
  });

  it('is 400 for a malformed code or a weak password, 401 for a wrong code, 429 when locked out', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app, AGDREF, { phone: '0612345678' });
    await app.request('/api/v1/password/reset-code', jsonRequest('POST', { identifier: AGDREF, channel: 'sms' }));
    const code = deps.ids.resetCodes[0] ?? '';
    const wrongCode = code === '000000' ? '111111' : '000000';
    const attempt = (c: string, newPassword = NEW_PASSWORD) =>
      app.request('/api/v1/password/reset-with-code', jsonRequest('POST', { identifier: AGDREF, code: c, newPassword }));

    const malformed = await attempt('12ab');
    const weak = await attempt(code, 'weak');
    const wrong = await attempt(wrongCode);
    for (let i = 0; i < 4; i += 1) await attempt(wrongCode);
    const locked = await attempt(code);

    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).fields).toHaveProperty('code');
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).code).toBe('invalid_password');
    expect(wrong.status).toBe(401);
    expect(locked.status).toBe(429);
  });

  it('refuses an unknown channel, naming it (400)', async () => {
    const { app } = harness();

    const response = await app.request('/api/v1/password/reset-code', jsonRequest('POST', { identifier: AGDREF, channel: 'fax' }));

    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields).toHaveProperty('channel');
  });
});

describe('errors the store reports', () => {
  it('a throttling store is 503 with Retry-After; anything unexpected is a generic 500 without internals', async () => {
    const deps = makeDeps();
    const failing = (error: Error) => delegating(deps.letters, { listForApplicant: async () => Promise.reject(error) });
    const throttled = harness({}, { ...deps, letters: failing(new StoreThrottledError()) } as unknown as typeof deps);
    const broken = harness({}, {
      ...deps,
      letters: failing(new Error('table mailbox pk=APPLICANT#7512345678 exploded')),
    } as unknown as typeof deps);
    const cookie = await loggedInApplicant(throttled.app);

    const busy = await throttled.app.request('/api/v1/documents', { headers: { cookie } });
    const failure = await broken.app.request('/api/v1/documents', { headers: { cookie } });

    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
    expect((await errorOf(busy)).code).toBe('service_unavailable');
    expect(failure.status).toBe(500);
    const text = await failure.text();
    expect(text).not.toMatch(/exploded|mailbox|7512345678|at .*\.ts/);
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
  });
});

describe('docs/api.md "Text and identifiers": digits of the applicant’s script, Crockford keys', () => {
  it('registers an AGDREF and a file number sent in Arabic-Indic digits, stored in ASCII', async () => {
    const { app, deps } = harness();

    const key = await register(app, { agdref: '٧٥١٢٣٤٥٦٧٨', ofpraFileNumber: '٢٢٠١٢٣٤٥٦٧', phone: '٠٦١٢٣٤٥٦٧٨' });

    expect(key).toMatch(/^[0-9A-Z-]{19}$/);
    expect(await deps.applicants.get(AGDREF)).toMatchObject({ agdref: AGDREF, ofpraFileNumber: '2201234567', phone: '+33612345678' });
  });

  it('activates with a key in lower case with O/I/L look-alikes, and logs in with Persian and Bengali digits', async () => {
    const { app } = harness();
    const key = await register(app);
    const typed = key.toLowerCase().replaceAll('0', 'o').replaceAll('1', 'l');

    const activated = await activate(app, typed, '٧٥١٢٣٤٥٦٧٨');
    const persian = await app.request('/api/v1/session', jsonRequest('POST', { identifier: '۷۵۱۲۳۴۵۶۷۸', password: GOOD_PASSWORD }));
    const bengali = await app.request('/api/v1/session', jsonRequest('POST', { identifier: '৭৫১২৩৪৫৬৭৮', password: GOOD_PASSWORD }));

    expect(activated.status).toBe(204);
    expect(persian.status).toBe(200);
    expect(bengali.status).toBe(200);
  });

  it('sets a phone sent in Extended Arabic-Indic digits and resets a password with a code in Arabic-Indic digits', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app);

    const contact = await app.request('/api/v1/me/contact', jsonRequest('PUT', { phone: '۰۷ ۱۲ ۳۴ ۵۶ ۷۸' }, { cookie }));
    await app.request('/api/v1/password/reset-code', jsonRequest('POST', { identifier: AGDREF, channel: 'sms' }));
    const code = [...(deps.ids.resetCodes[0] ?? '')].map((digit) => String.fromCharCode(0x0660 + Number(digit))).join('');
    const reset = await app.request('/api/v1/password/reset-with-code', jsonRequest('POST', { identifier: AGDREF, code, newPassword: 'Another&Strong9pass' }));

    expect(contact.status).toBe(200);
    expect(await contact.json()).toMatchObject({ phone: '+33712345678' });
    expect(code).toMatch(/^[\u0660-\u0669]{6}$/);
    expect(reset.status).toBe(204);
  });
});
