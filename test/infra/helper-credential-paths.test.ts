/**
 * The WAF's list of helper credential paths (infra/helper-credential-paths.ts) names the routes the
 * app really serves for a helper's secrets: each answers a POST with a credential check (401 or
 * 400), not a 404 — so a renamed route cannot silently leave the rate rule.
 */
import { describe, expect, it } from 'vitest';
import { HELPER_CREDENTIAL_PATHS } from '../../infra/helper-credential-paths.ts';
import { formRequest, harness, jsonRequest } from '../http/http-support.ts';

describe('helper credential paths for the WAF', () => {
  it.each(HELPER_CREDENTIAL_PATHS.map(({ path }) => path))('%s is a route that checks a helper secret', async (path) => {
    const { app } = harness();
    const body = { email: 'nobody@example.org', password: 'Wrong&Password9', connectionKey: 'K000-0000-0000-0000', confirmPassword: 'Wrong&Password9' };

    const response = await app.request(path, path.startsWith('/api/') ? jsonRequest('POST', path.endsWith('/session') ? { email: body.email, password: body.password } : { email: body.email, password: body.password, connectionKey: body.connectionKey }) : formRequest(body));

    expect([400, 401]).toContain(response.status);
  });
});
