/**
 * Issue "Helpers", Done when — black-box against the real `npm start` (DynamoDB Local), over HTTP
 * only: the office creates a helper; activation and log-in work; an unknown grant code is 404
 * `unknown_grant_code`; before a grant the applicant is invisible (404); after it the helper lists
 * the applicant with its unread count and its letters with deadlines but no title; a helper session
 * reads no content and reaches no applicant route, an applicant session reaches no helper route;
 * the helper's look leaves the letter unread (R4); the applicant sees the helper with its views
 * and revokes; after revocation the helper gets 404 at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoPdf } from '../../scripts/local/demo-pdf.ts';
import { START_TIMEOUT_MS, cookieFrom, jsonInit, startNpm, type StartedServer } from '../support/npm-start.ts';

const TOKEN = 'helper-black-box-office-token-0123456789';
const AGDREF = '7511111111';
const PASSWORD = 'Correct&Horse7battery';
const EMAIL = 'black.box@spada-example.org';

describe('helpers, black-box against npm start', () => {
  let server: StartedServer;
  let base = '';

  beforeAll(async () => {
    server = await startNpm({ AGENT_TOKEN: TOKEN, SEED_DEMO: 'false' });
    base = server.baseUrl;
  }, START_TIMEOUT_MS + 5_000);

  afterAll(() => server?.cleanUp());

  const json = jsonInit;
  const office = { authorization: `Bearer ${TOKEN}` };
  const errorCode = async (response: Response): Promise<string> => ((await response.json()) as { error: { code: string } }).error.code;

  it('runs the whole Done-when flow', async () => {
    // The office registers an applicant and deposits a convocation with a title and a decision.
    const registered = await fetch(`${base}/api/v1/agent/applicants`, json('POST', { agdref: AGDREF, language: 'en' }, office));
    expect(registered.status).toBe(201);
    const { connectionKey: applicantKey } = (await registered.json()) as { connectionKey: string };
    expect((await fetch(`${base}/api/v1/account/activate`, json('POST', { agdref: AGDREF, connectionKey: applicantKey, password: PASSWORD }))).status).toBe(204);
    const applicantLogin = await fetch(`${base}/api/v1/session`, json('POST', { identifier: AGDREF, password: PASSWORD }));
    const applicant = cookieFrom(applicantLogin, 'session');
    for (const [id, extra] of [
      ['BB-CONV-1', { type: 'convocation', title: 'Confidential convocation title' }],
      ['BB-DEC-1', { type: 'decision', outcome: 'rejection', title: 'Confidential decision title' }],
    ] as const) {
      const body = { ...extra, contentBase64: Buffer.from(makeDemoPdf(['OFPRA', id])).toString('base64') };
      expect((await fetch(`${base}/api/v1/agent/applicants/${AGDREF}/documents/${id}`, json('PUT', body, office))).status).toBe(201);
    }

    // 1. The office creates a helper; activation and log-in work.
    const created = await fetch(`${base}/api/v1/agent/helpers`, json('POST', { email: EMAIL, name: 'Black Box', organisation: 'SPADA Example' }, office));
    expect(created.status).toBe(201);
    const { helperId, connectionKey } = (await created.json()) as { helperId: string; connectionKey: string };
    expect((await fetch(`${base}/api/v1/helper/activate`, json('POST', { email: EMAIL, connectionKey, password: PASSWORD }))).status).toBe(204);
    const helperLogin = await fetch(`${base}/api/v1/helper/session`, json('POST', { email: EMAIL, password: PASSWORD }));
    expect(helperLogin.status).toBe(200);
    const helper = cookieFrom(helperLogin, 'helper_session');
    expect(helper).toMatch(/^helper_session=.+/);
    const me = (await (await fetch(`${base}/api/v1/helper/me`, { headers: { cookie: helper } })).json()) as { helperId: string; grantCode: string };
    expect(me.helperId).toBe(helperId);

    // 2. An unknown grant code is 404 unknown_grant_code.
    const unknown = await fetch(`${base}/api/v1/me/helpers`, json('POST', { grantCode: 'ZZZZ9999' }, { cookie: applicant }));
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('unknown_grant_code');

    // 3. Before a grant the applicant is invisible: 404, like an AGDREF that does not exist.
    const before = await fetch(`${base}/api/v1/helper/applicants/${AGDREF}/documents`, { headers: { cookie: helper } });
    const nobody = await fetch(`${base}/api/v1/helper/applicants/7500000000/documents`, { headers: { cookie: helper } });
    expect([before.status, nobody.status]).toEqual([404, 404]);
    expect(await before.text()).toBe(await nobody.text());
    expect(await (await fetch(`${base}/api/v1/helper/applicants`, { headers: { cookie: helper } })).json()).toEqual({ applicants: [] });

    // 4. The applicant grants; the helper lists the applicant with its unread count, and the letters with deadlines but no title.
    const granted = await fetch(`${base}/api/v1/me/helpers`, json('POST', { grantCode: me.grantCode }, { cookie: applicant }));
    expect(granted.status).toBe(201);
    expect(await granted.json()).toMatchObject({ helperId, name: 'Black Box', organisation: 'SPADA Example' });
    const list = (await (await fetch(`${base}/api/v1/helper/applicants`, { headers: { cookie: helper } })).json()) as {
      applicants: Array<{ agdref: string; unreadCount: number; nextDeadline: { date: string; kind: string } | null; oldestUnreadDaysLeft: number | null }>;
    };
    expect(list.applicants).toHaveLength(1);
    expect(list.applicants[0]).toMatchObject({ agdref: AGDREF, unreadCount: 2, nextDeadline: { kind: 'consultation' }, oldestUnreadDaysLeft: 16 });
    const lettersResponse = await fetch(`${base}/api/v1/helper/applicants/${AGDREF}/documents`, { headers: { cookie: helper } });
    expect(lettersResponse.status).toBe(200);
    const lettersText = await lettersResponse.text();
    expect(lettersText).not.toContain('Confidential');
    const { documents } = JSON.parse(lettersText) as { documents: Array<Record<string, unknown>> };
    expect(documents.map((document) => document.id).sort()).toEqual(['BB-CONV-1', 'BB-DEC-1']);
    for (const document of documents) {
      expect(document).not.toHaveProperty('title');
      expect(document.consultationDeadline).toBe(list.applicants[0]?.nextDeadline?.date);
      expect(document.daysLeft).toBe(16);
    }

    // 5. A helper session reads no content and reaches no applicant route; an applicant session reaches no helper route.
    for (const path of ['/api/v1/documents/BB-CONV-1/content', '/api/v1/documents', '/api/v1/documents/BB-CONV-1', '/api/v1/me', '/api/v1/me/helpers']) {
      const response = await fetch(`${base}${path}`, { headers: { cookie: helper }, redirect: 'manual' });
      expect([path, [401, 403].includes(response.status)]).toEqual([path, true]);
    }
    for (const path of ['/api/v1/helper/me', '/api/v1/helper/applicants', `/api/v1/helper/applicants/${AGDREF}/documents`]) {
      const response = await fetch(`${base}${path}`, { headers: { cookie: applicant } });
      expect([path, [401, 403].includes(response.status)]).toEqual([path, true]);
    }

    // 6. The helper's look left the letters unread (R4): the applicant's own view says so.
    const own = (await (await fetch(`${base}/api/v1/documents`, { headers: { cookie: applicant } })).json()) as {
      documents: Array<{ id: string; status: string; firstOpenedAt: string | null; notificationDate: string | null }>;
    };
    for (const document of own.documents) expect(document).toMatchObject({ status: 'unread', firstOpenedAt: null, notificationDate: null });

    // 7. The applicant sees the helper with its views, then revokes.
    const mine = (await (await fetch(`${base}/api/v1/me/helpers`, { headers: { cookie: applicant } })).json()) as {
      helpers: Array<{ helperId: string; name: string; organisation: string; views: Array<{ at: string; what: string }> }>;
    };
    expect(mine.helpers.map(({ helperId: id, name, organisation }) => ({ id, name, organisation }))).toEqual([{ id: helperId, name: 'Black Box', organisation: 'SPADA Example' }]);
    expect(mine.helpers[0]?.views.map((view) => view.what)).toEqual(['documents', 'list']);
    expect((await fetch(`${base}/api/v1/me/helpers/${helperId}`, { method: 'DELETE', headers: { cookie: applicant } })).status).toBe(204);

    // 8. After revocation the helper gets 404 at once, and the list is empty.
    expect((await fetch(`${base}/api/v1/helper/applicants/${AGDREF}/documents`, { headers: { cookie: helper } })).status).toBe(404);
    expect(await (await fetch(`${base}/api/v1/helper/applicants`, { headers: { cookie: helper } })).json()).toEqual({ applicants: [] });
  }, 60_000);
});
