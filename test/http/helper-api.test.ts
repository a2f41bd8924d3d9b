/**
 * docs/api.md "Helpers", in process on the in-memory deps: helper accounts (office creation, activation,
 * log-in on the applicants' lockout), consent by grant code, metadata-only views, the separation
 * of sessions, the access log and revocation. R4: a helper's look never opens a letter.
 */
import { describe, expect, it } from 'vitest';
import { sendHelperDigests } from '../../shared/use-cases/helper-digest.ts';
import { LOCKOUT_THRESHOLD } from '../../shared/use-cases/lockout.ts';
import {
  AGDREF,
  GOOD_PASSWORD,
  OFFICE,
  OTHER_AGDREF,
  type App,
  aPdf,
  deposit,
  errorOf,
  harness,
  jsonRequest,
  logIn,
  loggedInApplicant,
  sessionCookieFrom,
} from './http-support.ts';

const HELPER = { email: 'A.Martin@cada-example.org', name: 'Anne Martin', organisation: 'CADA Example' } as const;

function helperCookieFrom(response: Response): string {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('helper_session='));
  if (header === undefined) throw new Error('no helper_session cookie was set');
  return header.split(';')[0] ?? '';
}

async function createHelper(app: App, body: Record<string, unknown> = HELPER): Promise<{ helperId: string; connectionKey: string }> {
  const response = await app.request('/api/v1/agent/helpers', jsonRequest('POST', body, OFFICE));
  if (response.status !== 201) throw new Error(`create helper: ${response.status} ${await response.text()}`);
  return (await response.json()) as { helperId: string; connectionKey: string };
}

async function helperLogIn(app: App, password = GOOD_PASSWORD, email: string = HELPER.email): Promise<Response> {
  return app.request('/api/v1/helper/session', jsonRequest('POST', { email, password }));
}

/** Created by the office, activated and logged in; returns the Cookie header value and the helper id. */
async function loggedInHelper(app: App): Promise<{ cookie: string; helperId: string }> {
  const { helperId, connectionKey } = await createHelper(app);
  const activated = await app.request('/api/v1/helper/activate', jsonRequest('POST', { email: HELPER.email, connectionKey, password: GOOD_PASSWORD }));
  if (activated.status !== 204) throw new Error(`activate helper: ${activated.status} ${await activated.text()}`);
  const response = await helperLogIn(app);
  if (response.status !== 200) throw new Error(`helper log in: ${response.status}`);
  return { cookie: helperCookieFrom(response), helperId };
}

async function grantCodeOf(app: App, helperCookie: string): Promise<string> {
  const response = await app.request('/api/v1/helper/me', { headers: { cookie: helperCookie } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { grantCode: string }).grantCode;
}

async function grant(app: App, applicantCookie: string, grantCode: string): Promise<Response> {
  return app.request('/api/v1/me/helpers', jsonRequest('POST', { grantCode }, { cookie: applicantCookie }));
}

/** An applicant with one unread convocation who granted the helper access. */
async function grantedScene() {
  const h = harness();
  const applicant = await loggedInApplicant(h.app);
  expect((await deposit(h.app, { id: 'CONV-1' })).status).toBe(201);
  const helper = await loggedInHelper(h.app);
  const granted = await grant(h.app, applicant, await grantCodeOf(h.app, helper.cookie));
  expect(granted.status).toBe(201);
  return { ...h, applicant, helper };
}

describe('helper accounts (docs/api.md Helpers)', () => {
  it('the office creates a helper: 201 with the key once; the same e-mail again is 409 already_exists', async () => {
    const { app, deps } = harness();

    const created = await createHelper(app);

    expect(created.connectionKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const stored = await deps.helpers.get(created.helperId);
    expect(stored?.email).toBe(HELPER.email.toLowerCase());
    expect(stored?.connectionKeyHash).not.toContain(created.connectionKey);
    const again = await app.request('/api/v1/agent/helpers', jsonRequest('POST', { ...HELPER, email: HELPER.email.toUpperCase() }, OFFICE));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('already_exists');
  });

  it('refuses a helper body without office credentials (401), with a bidi control in the name (400, field named)', async () => {
    const { app } = harness();

    expect((await app.request('/api/v1/agent/helpers', jsonRequest('POST', HELPER))).status).toBe(401);
    const bidi = await app.request('/api/v1/agent/helpers', jsonRequest('POST', { ...HELPER, name: 'Anne \u202eMartin' }, OFFICE));
    expect(bidi.status).toBe(400);
    expect(Object.keys((await errorOf(bidi)).fields ?? {})).toEqual(['name']);
  });

  it('activation uses the applicant password policy (400 invalid_password) and the key once (409 already_active after)', async () => {
    const { app } = harness();
    const { connectionKey } = await createHelper(app);

    const weak = await app.request('/api/v1/helper/activate', jsonRequest('POST', { email: HELPER.email, connectionKey, password: 'short' }));
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).code).toBe('invalid_password');
    const ok = await app.request('/api/v1/helper/activate', jsonRequest('POST', { email: HELPER.email, connectionKey, password: GOOD_PASSWORD }));
    expect(ok.status).toBe(204);
    const again = await app.request('/api/v1/helper/activate', jsonRequest('POST', { email: HELPER.email, connectionKey, password: GOOD_PASSWORD }));
    expect(again.status).toBe(409);
  });

  it('logs in by e-mail with a helper_session cookie (HttpOnly, SameSite=Strict); an unknown e-mail is answered like a wrong password', async () => {
    const { app } = harness();
    await loggedInHelper(app);

    const response = await helperLogIn(app);
    const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('helper_session=')) ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const wrong = await helperLogIn(app, 'Wrong&Password9');
    const unknown = await helperLogIn(app, GOOD_PASSWORD, 'nobody@example.org');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await errorOf(unknown)).toEqual(await errorOf(wrong));
  });

  it('locks a helper out after 5 failures like an applicant: 429 with Retry-After, even with the right password', async () => {
    const { app } = harness();
    await loggedInHelper(app);

    for (let i = 0; i < LOCKOUT_THRESHOLD; i += 1) expect((await helperLogIn(app, 'Wrong&Password9')).status).toBe(401);
    const locked = await helperLogIn(app);

    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('shows the helper a grant code of 8 characters valid 24 h, the same on every call', async () => {
    const { app, deps } = harness();
    const { cookie } = await loggedInHelper(app);

    const first = (await (await app.request('/api/v1/helper/me', { headers: { cookie } })).json()) as Record<string, string>;
    const second = (await (await app.request('/api/v1/helper/me', { headers: { cookie } })).json()) as Record<string, string>;

    expect(first.grantCode).toMatch(/^[0-9A-Z]{8}$/);
    expect(second.grantCode).toBe(first.grantCode);
    expect(Date.parse(first.grantCodeExpiresAt ?? '') - Date.parse(deps.clock.now())).toBe(24 * 3600 * 1000);
    expect(first).toMatchObject({ name: HELPER.name, organisation: HELPER.organisation });
  });

  it('logs out: the helper session is revoked server-side', async () => {
    const { app } = harness();
    const { cookie } = await loggedInHelper(app);

    expect((await app.request('/api/v1/helper/session', { method: 'DELETE', headers: { cookie } })).status).toBe(204);

    expect((await app.request('/api/v1/helper/applicants', { headers: { cookie } })).status).toBe(401);
  });
});

describe('consent and metadata views (docs/api.md Helpers)', () => {
  it('an unknown grant code is 404 unknown_grant_code; an expired one too', async () => {
    const { app, deps } = harness();
    const applicant = await loggedInApplicant(app);
    const { cookie } = await loggedInHelper(app);
    const code = await grantCodeOf(app, cookie);

    const unknown = await grant(app, applicant, 'ZZZZ9999');
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('unknown_grant_code');
    deps.clock.advance({ hours: 24 });
    const expired = await grant(app, sessionCookieFrom(await logIn(app)), code);
    expect(expired.status).toBe(404);
    expect((await errorOf(expired)).code).toBe('unknown_grant_code');
  });

  it('before a grant the applicant is invisible: empty list, 404 on the letters like an unknown AGDREF', async () => {
    const { app } = harness();
    await loggedInApplicant(app);
    await deposit(app);
    const { cookie } = await loggedInHelper(app);

    const list = await app.request('/api/v1/helper/applicants', { headers: { cookie } });
    expect(await list.json()).toEqual({ applicants: [] });
    const notGranted = await app.request(`/api/v1/helper/applicants/${AGDREF}/documents`, { headers: { cookie } });
    const unknown = await app.request(`/api/v1/helper/applicants/${OTHER_AGDREF}/documents`, { headers: { cookie } });
    expect([notGranted.status, unknown.status]).toEqual([404, 404]);
    expect(await notGranted.json()).toEqual(await unknown.json());
  });

  it('after the grant: 201 for 6 months; the helper lists the applicant with its unread count and next deadline', async () => {
    const { app, helper, deps } = await grantedScene();

    const list = (await (await app.request('/api/v1/helper/applicants', { headers: { cookie: helper.cookie } })).json()) as {
      applicants: Array<Record<string, unknown>>;
    };

    // Deposited 2023-04-20 (the test clock): R3 consultation deadline 2023-05-05, R6 16 days left.
    expect(list.applicants).toEqual([
      { agdref: AGDREF, unreadCount: 1, nextDeadline: { date: '2023-05-05', kind: 'consultation' }, oldestUnreadDaysLeft: 16 },
    ]);
    const [stored] = await deps.grants.grantsOfApplicant(AGDREF, deps.clock.now());
    expect(stored?.expiresAt).toBe('2023-10-20T22:00:00.000Z');
  });

  it('the helper sees the letters with their deadlines but never a title; the letter stays unread (R4) and nothing is sent', async () => {
    const { app, helper, deps } = await grantedScene();
    await app.request(`/api/v1/agent/applicants/${AGDREF}/documents/DEC-1`, jsonRequest('PUT', {
      type: 'decision',
      outcome: 'rejection',
      title: 'Décision de rejet — très personnel',
      contentBase64: Buffer.from(aPdf('DEC-1')).toString('base64'),
    }, OFFICE));
    const sentBefore = deps.notifier.sent.length;

    const response = await app.request(`/api/v1/helper/applicants/${AGDREF}/documents`, { headers: { cookie: helper.cookie } });

    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('très personnel');
    const { documents } = JSON.parse(text) as { documents: Array<Record<string, unknown>> };
    expect(documents.map((document) => document.id).sort()).toEqual(['CONV-1', 'DEC-1']);
    for (const document of documents) {
      expect(document).not.toHaveProperty('title');
      expect(document).toMatchObject({ status: 'unread', firstOpenedAt: null, notificationDate: null });
    }
    expect((await deps.letters.get('CONV-1'))?.firstOpenedAt).toBeNull();
    expect((await deps.letters.get('DEC-1'))?.evidence.map((event) => event.event)).not.toContain('firstOpened');
    expect(deps.notifier.sent.length).toBe(sentBefore);
  });

  it('a helper session gets 403 on every applicant route and on /content; an applicant session gets 403 on helper routes', async () => {
    const { app, helper, applicant } = await grantedScene();
    const applicantPaths = ['/api/v1/me', '/api/v1/me/helpers', '/api/v1/documents', '/api/v1/documents/CONV-1', '/api/v1/documents/CONV-1/content'];

    for (const path of applicantPaths) {
      const response = await app.request(path, { headers: { cookie: helper.cookie } });
      expect([path, response.status]).toEqual([path, 403]);
    }
    // A helper token in the applicant's cookie is no applicant session either.
    const swapped = `session=${helper.cookie.split('=')[1] ?? ''}`;
    expect((await app.request('/api/v1/documents/CONV-1/content', { headers: { cookie: swapped } })).status).toBe(401);
    for (const path of ['/api/v1/helper/me', '/api/v1/helper/applicants', `/api/v1/helper/applicants/${AGDREF}/documents`]) {
      const response = await app.request(path, { headers: { cookie: applicant } });
      expect([path, response.status]).toEqual([path, 403]);
    }
    expect((await app.request('/api/v1/agent/helpers', jsonRequest('POST', HELPER, { cookie: helper.cookie }))).status).toBe(403);
  });

  it('the applicant sees the helper with each look (who, organisation, when, what), then removes access: 404 at once', async () => {
    const { app, helper, applicant, deps } = await grantedScene();
    await app.request('/api/v1/helper/applicants', { headers: { cookie: helper.cookie } });
    deps.clock.advance({ minutes: 5 });
    await app.request(`/api/v1/helper/applicants/${AGDREF}/documents`, { headers: { cookie: helper.cookie } });

    const mine = (await (await app.request('/api/v1/me/helpers', { headers: { cookie: applicant } })).json()) as {
      helpers: Array<{ helperId: string; name: string; organisation: string; views: Array<{ at: string; what: string }> }>;
    };
    expect(mine.helpers).toHaveLength(1);
    expect(mine.helpers[0]).toMatchObject({ helperId: helper.helperId, name: HELPER.name, organisation: HELPER.organisation });
    expect(mine.helpers[0]?.views).toEqual([
      { at: deps.clock.now(), what: 'documents' },
      { at: expect.any(String), what: 'list' },
    ]);

    const removed = await app.request(`/api/v1/me/helpers/${helper.helperId}`, { method: 'DELETE', headers: { cookie: applicant } });
    expect(removed.status).toBe(204);
    expect((await app.request(`/api/v1/helper/applicants/${AGDREF}/documents`, { headers: { cookie: helper.cookie } })).status).toBe(404);
    expect(await (await app.request('/api/v1/helper/applicants', { headers: { cookie: helper.cookie } })).json()).toEqual({ applicants: [] });
    expect((await app.request(`/api/v1/me/helpers/${helper.helperId}`, { method: 'DELETE', headers: { cookie: applicant } })).status).toBe(404);
  });

  it('a grant expires after 6 months (404 then) and typing a new code renews it', async () => {
    const { app, deps } = await grantedScene();
    const lettersAfter = async (days: number): Promise<number> => {
      deps.clock.advance({ days });
      const cookie = helperCookieFrom(await helperLogIn(app));
      return (await app.request(`/api/v1/helper/applicants/${AGDREF}/documents`, { headers: { cookie } })).status;
    };

    expect(await lettersAfter(150)).toBe(200);
    const renewed = await grant(app, sessionCookieFrom(await logIn(app)), await grantCodeOf(app, helperCookieFrom(await helperLogIn(app))));
    expect(renewed.status).toBe(201);
    // 210 days after the first grant, 60 after the renewal: still visible; 6 months after the renewal: gone.
    expect(await lettersAfter(60)).toBe(200);
    expect(await lettersAfter(130)).toBe(404);
  });
});

describe('daily e-mail digest (docs/api.md Helpers)', () => {
  it('is off by default; PUT /api/v1/helper/digest turns it on (language kept when left out) and off; bad bodies are 400', async () => {
    const { app } = harness();
    const { cookie } = await loggedInHelper(app);
    const put = (body: unknown) => app.request('/api/v1/helper/digest', jsonRequest('PUT', body, { cookie }));

    const initial = await app.request('/api/v1/helper/digest', { headers: { cookie } });
    expect([initial.status, await initial.json()]).toEqual([200, { enabled: false, language: 'fr' }]);

    const on = await put({ enabled: true, language: 'en' });
    expect([on.status, await on.json()]).toEqual([200, { enabled: true, language: 'en' }]);
    const kept = await put({ enabled: false });
    expect([kept.status, await kept.json()]).toEqual([200, { enabled: false, language: 'en' }]);
    const read = await app.request('/api/v1/helper/digest', { headers: { cookie } });
    expect(await read.json()).toEqual({ enabled: false, language: 'en' });

    for (const bad of [{ enabled: 'yes' }, { enabled: true, language: 'de' }, { enabled: true, email: 'other@example.org' }, {}]) {
      expect([bad, (await put(bad)).status]).toEqual([bad, 400]);
    }
  });

  it('needs a helper session: 401 without one, 403 with an applicant session', async () => {
    const { app } = harness();
    const applicant = await loggedInApplicant(app);

    expect((await app.request('/api/v1/helper/digest')).status).toBe(401);
    expect((await app.request('/api/v1/helper/digest', jsonRequest('PUT', { enabled: true }))).status).toBe(401);
    expect((await app.request('/api/v1/helper/digest', { headers: { cookie: applicant } })).status).toBe(403);
    expect((await app.request('/api/v1/helper/digest', jsonRequest('PUT', { enabled: true }, { cookie: applicant }))).status).toBe(403);
  });

  it('once on, the daily run e-mails the helper counts only; the applicant sees a "digest" look and the letter stays unread (R4)', async () => {
    const { app, deps, applicant, helper } = await grantedScene();
    expect((await app.request('/api/v1/helper/digest', jsonRequest('PUT', { enabled: true, language: 'en' }, { cookie: helper.cookie }))).status).toBe(200);
    const sentBefore = deps.notifier.attempts.length;

    const result = await sendHelperDigests(deps);

    expect(result).toMatchObject({ sent: 1 });
    const [mail] = deps.notifier.attempts.slice(sentBefore).map((attempt) => attempt.message);
    expect(mail?.to).toBe(HELPER.email.toLowerCase());
    expect(mail?.text).toContain('- 1 unread letter;');
    expect(mail?.text).not.toContain(AGDREF);
    const helpers = (await (await app.request('/api/v1/me/helpers', { headers: { cookie: applicant } })).json()) as { helpers: Array<{ views: Array<{ what: string }> }> };
    expect(helpers.helpers[0]?.views.map((view) => view.what)).toContain('digest');
    const documents = (await (await app.request('/api/v1/documents', { headers: { cookie: applicant } })).json()) as { documents: Array<{ status: string }> };
    expect(documents.documents.map((document) => document.status)).toEqual(['unread']);
  });
});
