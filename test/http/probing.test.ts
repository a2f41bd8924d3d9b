/**
 * docs/api.md "Validation and security behaviour", as an attacker probes it: field names taken from
 * Object.prototype, control and bidirectional characters, PDFs with active content, identifiers
 * that would name two people.
 */
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { AGDREF, OTHER_AGDREF, deposit, errorOf, formRequest, harness, jsonRequest, OFFICE, register } from './http-support.ts';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('error shape whatever the field names (docs/api.md)', () => {
  it.each(PROTOTYPE_NAMES)('names %s as an unknown field, with error.code, on every kind of route', async (name) => {
    const { app } = harness();
    const raw = (extra: string) => `{"identifier":"7512345678","password":"x","${name}":${extra}}`;
    for (const [path, headers] of [
      ['/api/v1/session', {}],
      ['/api/v1/password/reset-code', {}],
      ['/api/v1/agent/applicants', OFFICE],
    ] as const) {
      const response = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw('{"a":1}') });
      const error = await errorOf(response);

      expect(response.status).toBe(400);
      expect(error.code).toBe('invalid_request');
      expect(Object.hasOwn(error.fields ?? {}, name)).toBe(true);
      expect(error.fields?.[name]).toBe('Unknown field.');
    }
  });

  it('keeps error.code when the only field is a prototype name', async () => {
    const { app } = harness();
    for (const name of PROTOTYPE_NAMES) {
      const response = await app.request('/api/v1/password/reset-code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"${name}":"x"}` });
      const error = await errorOf(response);

      expect(response.status).toBe(400);
      expect(typeof error.code).toBe('string');
      expect(error.code.length).toBeGreaterThan(0);
    }
  });
});

const RLO = '\u202E';
const NUL = '\u0000';

describe('text hygiene: control and bidi characters are refused, the field named (docs/api.md)', () => {
  it.each([
    ['a title that renders as "Convocation exe.pdf"', { title: `Convocation ${RLO}fdp.exe` }, 'title'],
    ['a NUL in a title', { title: `Convocation${NUL}` }, 'title'],
    ['a C1 control in a title', { title: 'Convocation\u0085' }, 'title'],
    ['an isolate in a title', { title: 'Convocation\u2067x' }, 'title'],
  ])('deposit: %s', async (_, extra, field) => {
    const { app } = harness();
    await register(app);
    const body = { type: 'convocation', contentBase64: Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64'), ...extra };

    const response = await app.request(`/api/v1/agent/applicants/${AGDREF}/documents/DOC-1`, jsonRequest('PUT', body, OFFICE));
    const error = await errorOf(response);

    expect(response.status).toBe(400);
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
    expect(error.fields?.[field]).toMatch(/U\+[0-9A-F]{4}/);
  });

  it('refuses a bidi override in a document id (path), an e-mail address and a login identifier', async () => {
    const { app } = harness();
    await register(app);
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64');

    const byId = await app.request(`/api/v1/agent/applicants/${AGDREF}/documents/DOC${encodeURIComponent(RLO)}1`, jsonRequest('PUT', { type: 'convocation', contentBase64: pdf }, OFFICE));
    const byEmail = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref: OTHER_AGDREF, email: `moc.elpmaxe${RLO}@a.org` }, OFFICE));
    const byIdentifier = await app.request('/api/v1/session', jsonRequest('POST', { identifier: `75123${RLO}45678`, password: 'x' }));

    expect([byId.status, byEmail.status, byIdentifier.status]).toEqual([400, 400, 400]);
    expect(Object.keys((await errorOf(byId)).fields ?? {})).toEqual(['documentId']);
    expect(Object.keys((await errorOf(byEmail)).fields ?? {})).toEqual(['email']);
    expect(Object.keys((await errorOf(byIdentifier)).fields ?? {})).toEqual(['identifier']);
  });

  it('never writes a raw NUL from a form into a page', async () => {
    const { app } = harness();

    const response = await app.request('/', formRequest({ identifier: `7512${NUL}345678`, password: 'x' }));
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).not.toContain(NUL);
  });
});

describe('PDF with active content: 400 unsafe_pdf (docs/api.md)', () => {
  const pdfWith = (body: string) => new TextEncoder().encode(`%PDF-1.7\n1 0 obj\n${body}\nendobj\n%%EOF\n`);
  it.each([
    ['a /JavaScript OpenAction', '<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>'],
    ['a /JS entry alone', '<< /S /Foo /JS 5 0 R >>'],
    ['a /Launch action', '<< /S /Launch /F (calc.exe) >>'],
    ['an /EmbeddedFile', '<< /Type /EmbeddedFile /Length 3 >>'],
    ['/RichMedia', '<< /Subtype /RichMedia >>'],
    ['a name written with #xx escapes', '<< /S /J#61vaScript /J#53 (x) >>'],
  ])('refuses %s', async (_, body) => {
    const { app } = harness();
    await register(app);

    const response = await deposit(app, { content: pdfWith(body) });

    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('unsafe_pdf');
  });

  it('refuses a /JavaScript action hidden in a compressed object stream', async () => {
    const { app } = harness();
    await register(app);
    const hidden = deflateSync(Buffer.from('<< /S /JavaScript /JS (app.alert(1)) >>'));
    const content = Buffer.concat([
      Buffer.from('%PDF-1.7\n2 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n'),
      hidden,
      Buffer.from('\nendstream\nendobj\n%%EOF\n'),
    ]);

    const response = await deposit(app, { content });

    expect((await errorOf(response)).code).toBe('unsafe_pdf');
  });

  it('accepts a plain PDF whose names only resemble the forbidden ones', async () => {
    const { app } = harness();
    await register(app);

    const response = await deposit(app, { content: pdfWith('<< /JSON 1 /Launcher 2 /Type /Page >>') });

    expect(response.status).toBe(201);
  });
});

describe('one identifier never names two people (docs/api.md)', () => {
  it('refuses an office file number equal to another applicant\'s AGDREF, and the reverse (409 already_exists)', async () => {
    const { app } = harness();
    await register(app, { agdref: AGDREF, ofpraFileNumber: '2301234' });

    const fileNumberIsAgdref = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref: OTHER_AGDREF, ofpraFileNumber: AGDREF }, OFFICE));
    const agdrefIsFileNumber = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref: '0002301234', ofpraFileNumber: null }, OFFICE));
    const tenDigitFileNumber = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref: '7500000009', ofpraFileNumber: '7500000008' }, OFFICE));
    const agdrefTaken = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref: '7500000008' }, OFFICE));

    expect(fileNumberIsAgdref.status).toBe(409);
    expect((await errorOf(fileNumberIsAgdref)).code).toBe('already_exists');
    expect(agdrefIsFileNumber.status).toBe(201);
    expect(tenDigitFileNumber.status).toBe(201);
    expect(agdrefTaken.status).toBe(409);
    expect((await errorOf(agdrefTaken)).code).toBe('already_exists');
  });
});

describe('per-client rate limit on the credential endpoints (local server; the WAF in the cloud)', () => {
  function limited(perMinute: number, burst: number) {
    let nowMs = 0;
    const { app } = harness({
      credentialRateLimit: { perMinute, burst, clientOf: (c) => c.req.header('x-test-client') ?? 'anyone', nowMs: () => nowMs },
    });
    const login = (client: string) =>
      app.request('/api/v1/session', jsonRequest('POST', { identifier: '7599999999', password: 'Wrong&Password1' }, { 'x-test-client': client }));
    return { app, login, advance: (ms: number) => (nowMs += ms) };
  }

  it('lets a client send `burst` credential requests at once, then refuses with 429 too_many_requests and Retry-After', async () => {
    const { login } = limited(6, 3);

    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await login('a')).status);
    const refused = await login('a');

    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await errorOf(refused)).code).toBe('too_many_requests');
    expect(refused.headers.get('Retry-After')).toBe('10');
    expect((await login('b')).status).toBe(401);
  });

  it('refills at the per-minute rate and never limits other routes', async () => {
    const { app, login, advance } = limited(6, 1);
    await login('a');
    expect((await login('a')).status).toBe(429);

    advance(10_000);

    expect((await login('a')).status).toBe(401);
    expect((await app.request('/api/v1/openapi.json')).status).toBe(200);
  });
});

describe('GET /healthz (docs/api.md)', () => {
  it('answers 200 {"store": "ok"} when the store answers', async () => {
    const { app } = harness();

    const response = await app.request('/healthz');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ store: 'ok' });
  });
});
