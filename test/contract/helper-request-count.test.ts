/**
 * How many DynamoDB requests each helper route costs (docs/api.md "Helpers"), counted by spying on the
 * document client's `send` while the whole app runs on DynamoDB Local. docs/table-design.md and the closing
 * note quote these numbers; the helper's list is one Query of grants plus one Query of letters per
 * applicant, never a Scan.
 */
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { dynamoDbRepositories } from '../../shared/adapters/aws/dynamodb-repositories.ts';
import { createApp } from '../../shared/http/create-app.ts';
import { AGENT_TOKEN, GOOD_PASSWORD, OFFICE, aPdf, jsonRequest, type App } from '../http/http-support.ts';
import { makeDeps } from '../support/builders.ts';
import { freshTable } from '../support/dynamodb.ts';

const APPLICANTS = ['1000000001', '1000000002', '1000000003'];
const EMAIL = 'count@example.org';

describe('DynamoDB requests per helper route', () => {
  const measured: Array<{ route: string; requests: string[] }> = [];
  let app: App;
  let send: MockInstance;
  let helperCookie = '';
  let helperId = '';
  const applicantCookies = new Map<string, string>();

  afterAll(() => {
    const lines = measured.map(({ route, requests }) => `  ${route}: ${requests.length} (${requests.join(', ')})`);
    process.stdout.write(`\nDynamoDB requests per helper route:\n${lines.join('\n')}\n`);
  });

  /** The commands one request sent, by name, recorded under `route`. */
  async function requestsOf(route: string, request: () => Response | Promise<Response>, status: number): Promise<string[]> {
    send.mockClear();
    const response = await request();
    expect([route, response.status]).toEqual([route, status]);
    const requests = send.mock.calls.map(([command]) => (command as object).constructor.name.replace(/Command$/, ''));
    measured.push({ route, requests });
    return requests;
  }

  const cookieOf = (response: Response, name: string): string =>
    (response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`)) ?? '').split(';')[0] ?? '';

  beforeAll(async () => {
    const table = await freshTable();
    const deps = makeDeps(dynamoDbRepositories(table));
    app = createApp({ deps, agentAuth: { kind: 'bearer', token: AGENT_TOKEN } });
    for (const agdref of APPLICANTS) {
      const registered = await app.request('/api/v1/agent/applicants', jsonRequest('POST', { agdref }, OFFICE));
      const { connectionKey } = (await registered.json()) as { connectionKey: string };
      await app.request('/api/v1/account/activate', jsonRequest('POST', { agdref, connectionKey, password: GOOD_PASSWORD }));
      applicantCookies.set(agdref, cookieOf(await app.request('/api/v1/session', jsonRequest('POST', { identifier: agdref, password: GOOD_PASSWORD })), 'session'));
      for (const id of [`${agdref}-A`, `${agdref}-B`]) {
        const body = { type: 'convocation', contentBase64: Buffer.from(aPdf(id)).toString('base64') };
        await app.request(`/api/v1/agent/applicants/${agdref}/documents/${id}`, jsonRequest('PUT', body, OFFICE));
      }
    }
    send = vi.spyOn(table.client, 'send');
  });

  it('creates, activates and logs in a helper', async () => {
    let connectionKey = '';
    const created = await requestsOf(
      'POST /api/v1/agent/helpers',
      async () => {
        const response = await app.request('/api/v1/agent/helpers', jsonRequest('POST', { email: EMAIL, name: 'N', organisation: 'O' }, OFFICE));
        const body = (await response.clone().json()) as { helperId: string; connectionKey: string };
        helperId = body.helperId;
        connectionKey = body.connectionKey;
        return response;
      },
      201,
    );
    expect(created).toEqual(['TransactWrite']);
    expect(
      await requestsOf('POST /api/v1/helper/activate', () => app.request('/api/v1/helper/activate', jsonRequest('POST', { email: EMAIL, connectionKey, password: GOOD_PASSWORD })), 204),
    ).toEqual(['Query', 'Put']);
    expect(
      await requestsOf(
        'POST /api/v1/helper/session',
        async () => {
          const response = await app.request('/api/v1/helper/session', jsonRequest('POST', { email: EMAIL, password: GOOD_PASSWORD }));
          helperCookie = cookieOf(response, 'helper_session');
          return response;
        },
        200,
      ),
    ).toEqual(['Query', 'Put']);
  });

  it('shows the grant code (creating it the first time) and grants access', async () => {
    expect(await requestsOf('GET /api/v1/helper/me (new code)', () => app.request('/api/v1/helper/me', { headers: { cookie: helperCookie } }), 200)).toEqual([
      'Get',
      'Get',
      'Put',
      'Put',
    ]);
    let code = '';
    expect(
      await requestsOf(
        'GET /api/v1/helper/me (same code)',
        async () => {
          const response = await app.request('/api/v1/helper/me', { headers: { cookie: helperCookie } });
          code = ((await response.clone().json()) as { grantCode: string }).grantCode;
          return response;
        },
        200,
      ),
    ).toEqual(['Get', 'Get']);
    for (const agdref of APPLICANTS) {
      const cookie = applicantCookies.get(agdref) ?? '';
      const requests = await requestsOf('POST /api/v1/me/helpers', () => app.request('/api/v1/me/helpers', jsonRequest('POST', { grantCode: code }, { cookie })), 201);
      expect(requests).toEqual(['Get', 'Get', 'Get', 'Put']);
    }
  });

  it('lists the applicants with one Query of grants and one Query of letters per applicant, and logs the looks in one batch', async () => {
    const requests = await requestsOf(`GET /api/v1/helper/applicants (${APPLICANTS.length} applicants)`, () => app.request('/api/v1/helper/applicants', { headers: { cookie: helperCookie } }), 200);

    expect(requests).toEqual(['Get', 'Query', ...APPLICANTS.map(() => 'Query'), 'BatchWrite']);
  });

  it('reads one applicant\'s letters with a strongly consistent grant read, one Query and one log line', async () => {
    const agdref = APPLICANTS[0] ?? '';
    const path = `/api/v1/helper/applicants/${agdref}/documents`;

    expect(await requestsOf('GET /api/v1/helper/applicants/{agdref}/documents', () => app.request(path, { headers: { cookie: helperCookie } }), 200)).toEqual(['Get', 'Get', 'Query', 'Put']);
    expect(await requestsOf('GET …/documents without a grant (404)', () => app.request('/api/v1/helper/applicants/1999999999/documents', { headers: { cookie: helperCookie } }), 404)).toEqual([
      'Get',
      'Get',
    ]);
  });

  it('shows the applicant the helpers with their views and revokes with one DeleteItem', async () => {
    const cookie = applicantCookies.get(APPLICANTS[0] ?? '') ?? '';

    expect(await requestsOf('GET /api/v1/me/helpers', () => app.request('/api/v1/me/helpers', { headers: { cookie } }), 200)).toEqual(['Get', 'Query', 'Query']);
    expect(await requestsOf('DELETE /api/v1/me/helpers/{helperId}', () => app.request(`/api/v1/me/helpers/${helperId}`, { method: 'DELETE', headers: { cookie } }), 204)).toEqual([
      'Get',
      'Delete',
    ]);
  });
});
