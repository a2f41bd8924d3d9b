import { describe, expect, it } from 'vitest';
import { verifyEvidence } from '../../shared/use-cases/verify-evidence.ts';
import {
  AGDREF,
  AGENT_TOKEN,
  OFFICE,
  OTHER_AGDREF,
  activate,
  aPdf,
  deposit,
  errorOf,
  harness,
  jsonRequest,
  loggedInApplicant,
  register,
} from './http-support.ts';
import { deliverQueued } from '../support/builders.ts';

describe('POST /api/v1/agent/applicants', () => {
  it('registers an applicant and returns the connection key once (201)', async () => {
    const { app, deps } = harness();

    const response = await app.request(
      '/api/v1/agent/applicants',
      jsonRequest('POST', { agdref: AGDREF, ofpraFileNumber: '2301234', language: 'ps', phone: '06 12 34 56 78', email: 'a@example.org' }, OFFICE),
    );

    expect(response.status).toBe(201);
    const body = (await response.json()) as { agdref: string; connectionKey: string };
    expect(body).toEqual({ agdref: AGDREF, connectionKey: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) });
    expect((await deps.applicants.get(AGDREF))?.connectionKeyHash).not.toContain(body.connectionKey);
  });

  it('is 409 already_exists for a taken AGDREF number', async () => {
    const { app } = harness();
    await register(app);

    const response = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref: AGDREF }, OFFICE));

    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('already_exists');
  });

  it('is 400 naming each bad field', async () => {
    const { app } = harness();

    const response = await app.request(
      '/api/v1/agent/applicants',
      jsonRequest('POST', { agdref: '12', ofpraFileNumber: 'abc', paperDerogation: 'yes' }, OFFICE),
    );

    expect(response.status).toBe(400);
    expect(Object.keys((await errorOf(response)).fields ?? {}).sort()).toEqual(['agdref', 'ofpraFileNumber', 'paperDerogation']);
  });
});

describe('POST /api/v1/agent/applicants/{agdref}/connection-key', () => {
  it('issues a new key (200) and the old one stops working', async () => {
    const { app } = harness();
    const oldKey = await register(app);

    const response = await app.request(`/api/v1/agent/applicants/${AGDREF}/connection-key`, { method: 'POST', headers: OFFICE });
    const { connectionKey } = (await response.json()) as { connectionKey: string };

    expect(response.status).toBe(200);
    expect(connectionKey).not.toBe(oldKey);
    expect((await activate(app, oldKey)).status).toBe(401);
    expect((await activate(app, connectionKey)).status).toBe(204);
  });

  it('is 404 for an unknown applicant', async () => {
    const { app } = harness();

    const response = await app.request(`/api/v1/agent/applicants/${OTHER_AGDREF}/connection-key`, { method: 'POST', headers: OFFICE });

    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });
});

describe('PUT /api/v1/agent/applicants/{agdref}/documents/{documentId}', () => {
  it('deposits a letter (201) and alerts every registered channel through the alert queue (R1, R11)', async () => {
    const { app, deps } = harness();
    await register(app, { agdref: AGDREF, phone: '0612345678', email: 'a@example.org' });

    const response = await deposit(app, { type: 'decision', outcome: 'rejection' });
    await deliverQueued(deps);

    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ id: 'DOC-1', type: 'decision', outcome: 'rejection', availableAt: deps.clock.now() });
    expect(deps.notifier.sent().map((m) => m.channel).sort()).toEqual(['email', 'sms']);
  });

  it('answers a repeat with the same content 200 with the same document, without a second alert', async () => {
    const { app, deps } = harness();
    await register(app, { agdref: AGDREF, phone: '0612345678' });
    const first = await deposit(app);
    await deliverQueued(deps);

    const repeat = await deposit(app);
    await deliverQueued(deps);

    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(await first.json());
    expect(deps.notifier.sent()).toHaveLength(1);
  });

  it('is 409 conflicting_redeposit for the same id with other content, or for another applicant', async () => {
    const { app } = harness();
    await register(app);
    await register(app, { agdref: OTHER_AGDREF });
    await deposit(app);

    const otherContent = await deposit(app, { content: aPdf('something else') });
    const otherApplicant = await deposit(app, { agdref: OTHER_AGDREF });

    expect([otherContent.status, otherApplicant.status]).toEqual([409, 409]);
    expect((await errorOf(otherContent)).code).toBe('conflicting_redeposit');
    expect((await errorOf(otherApplicant)).code).toBe('conflicting_redeposit');
  });

  it('is 400 for content that is not a PDF', async () => {
    const { app } = harness();
    await register(app);

    const response = await deposit(app, { content: new TextEncoder().encode('<html>not a pdf</html>') });

    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('invalid_content');
  });

  it.each([
    [{ type: 'letter' }, 'type'],
    [{ type: 'decision' }, 'outcome'],
    [{ type: 'convocation', outcome: 'rejection' }, 'outcome'],
    [{ type: 'decision', outcome: 'maybe' }, 'outcome'],
    [{ type: 'convocation', contentBase64: 'not base64!' }, 'contentBase64'],
  ])('is 400 for %j, naming %s', async (fields, named) => {
    const { app } = harness();
    await register(app);

    const response = await app.request(
      `/api/v1/agent/applicants/${AGDREF}/documents/DOC-1`,
      jsonRequest('PUT', { contentBase64: Buffer.from(aPdf()).toString('base64'), ...fields }, OFFICE),
    );

    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields).toHaveProperty(named);
  });

  it('is 404 for an unknown applicant', async () => {
    const { app } = harness();

    const response = await deposit(app, { agdref: OTHER_AGDREF });

    expect(response.status).toBe(404);
  });

  it('accepts a PDF larger than 64 KiB (the deposit route allows 10 MiB)', async () => {
    const { app } = harness();
    await register(app);
    const big = new Uint8Array(512 * 1024).fill(0x20);
    big.set(aPdf());

    expect((await deposit(app, { content: big })).status).toBe(201);
  });
});

describe('GET /api/v1/agent/applicants/{agdref}/documents/{documentId}/evidence', () => {
  it('exports the hash-chained evidence with the first opening (200, chainValid)', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app, AGDREF, { phone: '0612345678' });
    await deposit(app, { type: 'decision', outcome: 'rejection' });
    await deliverQueued(deps);
    await app.request('/api/v1/documents/DOC-1/content', { headers: { cookie } });

    const response = await app.request(`/api/v1/agent/applicants/${AGDREF}/documents/DOC-1/evidence`, { headers: OFFICE });

    expect(response.status).toBe(200);
    const body = (await response.json()) as { document: { id: string }; events: Array<{ event: string; previousHash: string; hash: string }>; chainValid: boolean };
    expect(body.chainValid).toBe(true);
    expect(body.document.id).toBe('DOC-1');
    expect(body.events.map((e) => e.event)).toEqual(expect.arrayContaining(['deposited', 'alertSent', 'firstOpened']));
    expect(body.events[0]?.previousHash).toBe('0'.repeat(64));
  });

  it('R12 signs the export as served and it verifies with the served JWKS, checkpoint included', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app, AGDREF, { phone: '0612345678' });
    await deposit(app, { type: 'decision', outcome: 'rejection' });
    await app.request('/api/v1/documents/DOC-1/content', { headers: { cookie } });
    const checkpoint = await app.request('/api/v1/agent/evidence/checkpoints', { method: 'POST', headers: OFFICE });

    const exported = (await (await app.request(`/api/v1/agent/applicants/${AGDREF}/documents/DOC-1/evidence`, { headers: OFFICE })).json()) as {
      head: { count: number };
      checkpoint?: { leaf: { documentId: string } };
      document: { label: Record<string, string> };
    };
    const keys = await app.request('/.well-known/evidence-keys.json');
    const jwks = (await keys.json()) as { keys: Array<{ kty: string; crv: string; kid: string }> };

    expect(checkpoint.status).toBe(201);
    expect(keys.status).toBe(200);
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) })]);
    expect(exported.checkpoint?.leaf.documentId).toBe('DOC-1');
    expect(exported.document.label.fr).toBe('Décision');
    expect(await verifyEvidence(exported, jwks)).toEqual({ valid: true });
  });

  it('is 404 for a letter of another applicant or an unknown one', async () => {
    const { app } = harness();
    await register(app);
    await register(app, { agdref: OTHER_AGDREF });
    await deposit(app);

    const wrongApplicant = await app.request(`/api/v1/agent/applicants/${OTHER_AGDREF}/documents/DOC-1/evidence`, { headers: OFFICE });
    const unknown = await app.request(`/api/v1/agent/applicants/${AGDREF}/documents/NOPE/evidence`, { headers: OFFICE });

    expect([wrongApplicant.status, unknown.status]).toEqual([404, 404]);
  });
});

describe('office authorisation', () => {
  const officeCalls: Array<[string, string]> = [
    ['POST', '/api/v1/agent/applicants'],
    ['POST', `/api/v1/agent/applicants/${AGDREF}/connection-key`],
    ['PUT', `/api/v1/agent/applicants/${AGDREF}/documents/DOC-1`],
    ['GET', `/api/v1/agent/applicants/${AGDREF}/documents/DOC-1/evidence`],
    ['POST', '/api/v1/agent/evidence/checkpoints'],
  ];

  it.each(officeCalls)('%s %s is 401 without a token and with a wrong one', async (method, path) => {
    const { app } = harness();
    const init = (headers: Record<string, string>) => ({ method, headers: { 'content-type': 'application/json', ...headers }, ...(method === 'GET' ? {} : { body: '{}' }) });

    const none = await app.request(path, init({}));
    const wrong = await app.request(path, init({ authorization: `Bearer ${AGENT_TOKEN}x` }));
    const notBearer = await app.request(path, init({ authorization: `Basic ${AGENT_TOKEN}` }));

    expect([none.status, wrong.status, notBearer.status]).toEqual([401, 401, 401]);
    expect((await errorOf(none)).code).toBe('unauthenticated');
  });

  it.each(officeCalls)('%s %s is 403 for an applicant session', async (method, path) => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app, OTHER_AGDREF);

    const response = await app.request(path, { method, headers: { cookie, 'content-type': 'application/json' }, ...(method === 'GET' ? {} : { body: '{}' }) });

    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('forbidden');
  });

  it('behind IAM, serves a request whose Lambda event names the IAM caller, and refuses one without (403) or with an applicant session (403)', async () => {
    const { app } = harness({ agentAuth: { kind: 'iam' } });
    const owner = harness();
    const cookie = await loggedInApplicant(owner.app);
    const signed = { event: { requestContext: { identity: { userArn: 'arn:aws:sts::123456789012:assumed-role/office/agent' } } } };

    const registered = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref: AGDREF }), signed);
    const unsigned = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref: OTHER_AGDREF }));
    const withSession = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref: OTHER_AGDREF }, { cookie }), signed);

    expect(registered.status).toBe(201);
    expect(unsigned.status).toBe(403);
    expect((await errorOf(unsigned)).code).toBe('forbidden');
    expect(withSession.status).toBe(403);
  });
});
