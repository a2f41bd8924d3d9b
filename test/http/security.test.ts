import { describe, expect, it } from 'vitest';
import { registerOutboxRoutes } from '../../shared/http/dev-outbox.tsx';
import { MAX_BODY_BYTES, MAX_DEPOSIT_BODY_BYTES } from '../../shared/http/security.ts';
import {
  AGDREF,
  JSON_TYPE,
  OFFICE,
  deposit,
  errorOf,
  formRequest,
  harness,
  jsonRequest,
  loggedInApplicant,
  register,
} from './http-support.ts';

function expectSecurityHeaders(response: Response): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toMatch(/script-src 'none'/);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('security headers', () => {
  it('are on every kind of response: JSON, error, HTML page, redirect, stylesheet, not found', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const responses = await Promise.all([
      app.request('/api/v1/me', { headers: { cookie } }),
      app.request('/api/v1/me'),
      app.request('/'),
      app.request('/documents'),
      app.request('/assets/style.css'),
      app.request('/nowhere'),
      app.request('/api/v1/nowhere'),
      app.request('/api/v1/session', { method: 'POST', headers: JSON_TYPE, body: '{' }),
    ]);

    for (const response of responses) expectSecurityHeaders(response);
    expect(responses.map((r) => r.status)).toEqual([200, 401, 200, 303, 200, 404, 404, 400]);
  });

  it('add HSTS when the public origin is https, not on plain http', async () => {
    const secure = harness({ publicOrigin: 'https://mailbox.example.org' });
    const local = harness();

    expect((await secure.app.request('/')).headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect((await local.app.request('/')).headers.get('strict-transport-security')).toBeNull();
    expect((await local.app.request('https://localhost/')).headers.get('strict-transport-security')).not.toBeNull();
  });
});

describe('Cache-Control: no-store', () => {
  it('is on /api/v1/me*, /api/v1/documents* and every page after login', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app);

    const paths = ['/api/v1/me', '/api/v1/documents', '/api/v1/documents/DOC-1', '/documents', '/documents/DOC-1', '/account'];
    for (const path of paths) {
      const response = await app.request(path, { headers: { cookie } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    const content = await app.request('/api/v1/documents/DOC-1/content', { headers: { cookie } });
    expect(content.headers.get('cache-control')).toBe('no-store');
  });

  it('is not on the stylesheet, which is cacheable', async () => {
    const { app } = harness();

    const response = await app.request('/assets/style.css');

    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(response.headers.get('cache-control')).toMatch(/max-age/);
  });
});

describe('CSRF: the Origin of state-changing requests', () => {
  it('refuses another origin with 403 forbidden_origin, on the API and on the pages', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app);
    const evil = { origin: 'https://evil.example', cookie };

    const api = await app.request('/api/v1/me/contact', jsonRequest('PUT', { phone: '0712345678' }, evil));
    const logout = await app.request('/api/v1/session', { method: 'DELETE', headers: evil });
    const page = await app.request('/account/contact', formRequest({ phone: '0712345678', email: '' }, evil));

    for (const response of [api, logout, page]) expect(response.status).toBe(403);
    expect((await errorOf(api)).code).toBe('forbidden_origin');
    expect((await deps.applicants.get(AGDREF))?.phone).toBeNull();
    expect((await app.request('/api/v1/me', { headers: { cookie } })).status).toBe(200);
  });

  it('compares scheme, host and port, and refuses an opaque origin', async () => {
    const { app } = harness();
    const attempt = (origin: string) => app.request('/api/v1/session', jsonRequest('POST', { identifier: AGDREF, password: 'x' }, { origin }));

    expect((await attempt('https://localhost')).status).toBe(403);
    expect((await attempt('http://localhost:8080')).status).toBe(403);
    expect((await attempt('null')).status).toBe(403);
    expect((await attempt('http://localhost')).status).toBe(401);
  });

  it('accepts the opaque origin browsers send under no-referrer only when Sec-Fetch-Site says same-origin', async () => {
    const { app } = harness();
    const attempt = (site: string) =>
      app.request('/', formRequest({ identifier: AGDREF, password: 'x' }, { origin: 'null', 'sec-fetch-site': site }));

    expect((await attempt('same-origin')).status).toBe(401);
    expect((await attempt('cross-site')).status).toBe(403);
    expect((await attempt('same-site')).status).toBe(403);
  });

  it('allows requests without Origin (non-browser clients) and same-origin ones (the request’s Host)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const noOrigin = await app.request('/api/v1/me/language', jsonRequest('PUT', { language: 'en' }, { cookie }));
    const sameHost = await app.request('http://127.0.0.1:4321/api/v1/me/language', jsonRequest('PUT', { language: 'ru' }, { cookie, host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321' }));

    expect(noOrigin.status).toBe(200);
    expect(sameHost.status).toBe(200);
  });

  it('uses the configured public origin rather than the Host when there is one', async () => {
    const { app } = harness({ publicOrigin: 'https://mailbox.example.org' });
    const body = { identifier: AGDREF, password: 'x' };

    const fromPublic = await app.request('/api/v1/session', jsonRequest('POST', body, { origin: 'https://mailbox.example.org' }));
    const fromHost = await app.request('/api/v1/session', jsonRequest('POST', body, { origin: 'http://localhost' }));

    expect(fromPublic.status).toBe(401);
    expect(fromHost.status).toBe(403);
  });

  it('lets GET through whatever the Origin (no state change)', async () => {
    const { app } = harness();

    expect((await app.request('/', { headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('over 64 KiB are 413, before any parsing', async () => {
    const { app } = harness();
    const big = JSON.stringify({ identifier: AGDREF, password: 'x'.repeat(MAX_BODY_BYTES) });

    const response = await app.request('/api/v1/session', { method: 'POST', headers: JSON_TYPE, body: big });
    const withLength = await app.request('/api/v1/session', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'content-length': String(MAX_BODY_BYTES + 1) },
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
    });
    const page = await app.request('/', formRequest({ identifier: AGDREF, password: 'x'.repeat(MAX_BODY_BYTES) }));

    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
    expect(withLength.status).toBe(413);
    expect(page.status).toBe(413);
  });

  it('over 10 MiB are 413 on the deposit route', async () => {
    const { app } = harness();
    await register(app);

    const response = await app.request(`/api/v1/agent/applicants/${AGDREF}/documents/BIG`, {
      method: 'PUT',
      headers: { ...JSON_TYPE, ...OFFICE },
      body: JSON.stringify({ type: 'convocation', contentBase64: 'A'.repeat(MAX_DEPOSIT_BODY_BYTES) }),
    });

    expect(response.status).toBe(413);
  });

  it('of another media type are 415; broken JSON is 400 invalid_json', async () => {
    const { app } = harness();
    const body = JSON.stringify({ identifier: AGDREF, password: 'x' });

    const text = await app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    const form = await app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'identifier=1' });
    const broken = await app.request('/api/v1/session', { method: 'POST', headers: JSON_TYPE, body: '{"identifier": ' });
    const jsonToPage = await app.request('/', { method: 'POST', headers: JSON_TYPE, body });

    expect(text.status).toBe(415);
    expect((await errorOf(text)).code).toBe('unsupported_media_type');
    expect(form.status).toBe(415);
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe('invalid_json');
    expect(jsonToPage.status).toBe(415);
  });

  it('that are JSON but not an object are 400 naming the body', async () => {
    const { app } = harness();

    for (const body of ['[]', '"text"', '42', 'null']) {
      const response = await app.request('/api/v1/session', { method: 'POST', headers: JSON_TYPE, body });
      expect(response.status, body).toBe(400);
      expect((await errorOf(response)).fields, body).toHaveProperty('body');
    }
  });

  it('with unknown fields are 400 naming each of them', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const login = await app.request('/api/v1/session', jsonRequest('POST', { identifier: AGDREF, password: 'x', admin: true }));
    const contact = await app.request('/api/v1/me/contact', jsonRequest('PUT', { phone: null, fax: '1', pager: '2' }, { cookie }));

    expect(login.status).toBe(400);
    expect((await errorOf(login)).fields).toEqual({ admin: 'Unknown field.' });
    expect((await errorOf(contact)).fields).toEqual({ fax: 'Unknown field.', pager: 'Unknown field.' });
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('documents every docs/api.md path from the validating schemas (strict bodies)', async () => {
    const { app } = harness();

    const response = await app.request('/api/v1/openapi.json');

    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { additionalProperties?: unknown; required?: string[] }> };
    };
    const routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'POST /api/v1/account/activate',
        'POST /api/v1/session',
        'DELETE /api/v1/session',
        'GET /api/v1/me',
        'PUT /api/v1/me/contact',
        'PUT /api/v1/me/language',
        'GET /api/v1/documents',
        'GET /api/v1/documents/{id}',
        'GET /api/v1/documents/{id}/content',
        'PUT /api/v1/documents/{id}/legal-aid',
        'POST /api/v1/password/reset-with-key',
        'POST /api/v1/password/reset-code',
        'POST /api/v1/password/reset-with-code',
        'POST /api/v1/agent/applicants',
        'POST /api/v1/agent/uploads',
        'POST /api/v1/agent/applicants/{agdref}/connection-key',
        'PUT /api/v1/agent/applicants/{agdref}/documents/{documentId}',
        'GET /api/v1/agent/applicants/{agdref}/documents/{documentId}/evidence',
        'POST /api/v1/agent/evidence/checkpoints',
        // docs/api.md "Helpers"
        'POST /api/v1/agent/helpers',
        'POST /api/v1/helper/activate',
        'POST /api/v1/helper/session',
        'DELETE /api/v1/helper/session',
        'GET /api/v1/helper/me',
        'POST /api/v1/me/helpers',
        'GET /api/v1/me/helpers',
        'DELETE /api/v1/me/helpers/{helperId}',
        'GET /api/v1/helper/applicants',
        'GET /api/v1/helper/applicants/{agdref}/documents',
        // docs/api.md "Helpers' daily e-mail digest"
        'GET /api/v1/helper/digest',
        'PUT /api/v1/helper/digest',
      ].sort(),
    );
    expect(document.components.schemas.ActivateRequest?.additionalProperties).toBe(false);
    expect(document.components.schemas.HelperDigestRequest?.additionalProperties).toBe(false);
    expect(document.components.schemas.ActivateRequest?.required?.sort()).toEqual(['agdref', 'connectionKey', 'password']);
  });
});

describe('GET /dev/outbox and /dev/outbox.json', () => {
  const messages = [
    { id: 'DOC-1.deposit.0.sms', sentAt: '2023-04-20T08:00:00.000Z', channel: 'sms', language: 'fr', to: '+33612345678', text: 'OFPRA : un courrier vous attend.' },
    { id: 'DOC-1.reminder.7.email', sentAt: '2023-04-27T08:00:00.000Z', channel: 'email', language: 'ar', to: 'a@example.org', subject: 'تذكير', text: 'رسالة من OFPRA' },
  ].reverse();

  it('lists the outbox as JSON when the app is given one (local runs), and does not exist otherwise', async () => {
    const local = harness({ localRoutes: (app) => registerOutboxRoutes(app, () => messages) });
    const cloud = harness();

    const listed = await local.app.request('/dev/outbox.json');

    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({
      messages: [
        { at: '2023-04-27T08:00:00.000Z', channel: 'email', language: 'ar', to: 'a@example.org', document: 'DOC-1', subject: 'تذكير', text: 'رسالة من OFPRA' },
        { at: '2023-04-20T08:00:00.000Z', channel: 'sms', language: 'fr', to: '+33612345678', document: 'DOC-1', text: 'OFPRA : un courrier vous attend.' },
      ],
    });
    expect((await cloud.app.request('/dev/outbox')).status).toBe(404);
    expect((await cloud.app.request('/dev/outbox.json')).status).toBe(404);
  });

  it('shows a readable page: newest first, with language, channel, document and the text in its own direction', async () => {
    const local = harness({ localRoutes: (app) => registerOutboxRoutes(app, () => messages) });

    const response = await local.app.request('/dev/outbox');
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html.indexOf('2023-04-27T08:00:00.000Z')).toBeLessThan(html.indexOf('2023-04-20T08:00:00.000Z'));
    expect(html).toContain('DOC-1 · reminder (day 7)');
    expect(html).toContain('DOC-1 · new letter');
    expect(html).toMatch(/<td class="text" lang="ar" dir="rtl">/);
    expect(html).toContain('href="/dev/outbox.json"');
    expect(html).not.toMatch(/<script|\sstyle=/i);
  });
});

describe('every body-carrying endpoint', () => {
  const endpoints: ReadonlyArray<readonly [string, string, Record<string, unknown>, 'none' | 'session' | 'office']> = [
    ['POST', '/api/v1/account/activate', { agdref: AGDREF, connectionKey: 'K', password: 'p' }, 'none'],
    ['POST', '/api/v1/session', { identifier: AGDREF, password: 'p' }, 'none'],
    ['PUT', '/api/v1/me/contact', { phone: null }, 'session'],
    ['PUT', '/api/v1/me/language', { language: 'en' }, 'session'],
    ['PUT', '/api/v1/documents/DOC-1/legal-aid', { requestedOn: '2023-04-20' }, 'session'],
    ['POST', '/api/v1/password/reset-with-key', { identifier: AGDREF, connectionKey: 'K', newPassword: 'p' }, 'none'],
    ['POST', '/api/v1/password/reset-code', { identifier: AGDREF, channel: 'sms' }, 'none'],
    ['POST', '/api/v1/password/reset-with-code', { identifier: AGDREF, code: '123456', newPassword: 'p' }, 'none'],
    ['POST', '/api/v1/agent/applicants', { agdref: '7500000001' }, 'office'],
    ['PUT', `/api/v1/agent/applicants/${AGDREF}/documents/DOC-2`, { type: 'convocation', contentBase64: 'JVBERi0=' }, 'office'],
  ];

  it.each(endpoints)('%s %s: 413 oversized, 415 other media type, 400 broken JSON, 400 naming an unknown field', async (method, path, body, auth) => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app);
    const headers = (type: string): Record<string, string> => ({
      'content-type': type,
      ...(auth === 'session' ? { cookie } : {}),
      ...(auth === 'office' ? OFFICE : {}),
    });
    const limit = path.includes('/documents/DOC-2') ? MAX_DEPOSIT_BODY_BYTES : MAX_BODY_BYTES;

    const oversized = await app.request(path, { method, headers: headers('application/json'), body: JSON.stringify({ ...body, pad: 'x'.repeat(limit) }) });
    const otherType = await app.request(path, { method, headers: headers('text/plain'), body: JSON.stringify(body) });
    const broken = await app.request(path, { method, headers: headers('application/json'), body: '{"a":' });
    const unknown = await app.request(path, { method, headers: headers('application/json'), body: JSON.stringify({ ...body, surprise: 1 }) });

    expect([oversized.status, otherType.status, broken.status, unknown.status]).toEqual([413, 415, 400, 400]);
    expect((await errorOf(unknown)).fields).toMatchObject({ surprise: 'Unknown field.' });
  });
});
