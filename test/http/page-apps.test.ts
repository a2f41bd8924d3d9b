/**
 * The pages' structure: the logged-in routes pass through one `requireViewer`, the sub-apps are
 * mounted by concept, forms are checked with the API's own schemas, and the pages import nothing
 * from the API's route modules.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { ActivateBody, MAX_LENGTH, ResetWithCodeBody, SessionBody } from '../../shared/http/schemas.ts';
import { type PagesEnv, requireViewer } from '../../shared/http/pages/viewer.ts';
import { AGDREF, deposit, formRequest, harness, loggedInApplicant } from './http-support.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('requireViewer', () => {
  function probe(deps: Parameters<typeof requireViewer>[0]) {
    const reached = vi.fn();
    const app = new Hono<PagesEnv>();
    app.get('/private', requireViewer(deps), async (c) => {
      const { viewer } = c.var;
      const [first, second] = await Promise.all([viewer.profile(), viewer.profile()]);
      reached(viewer.agdref, first === second, first.agdref);
      return c.text('inside');
    });
    return { app, reached };
  }

  it('redirects to the login page (303) without a session, with an unknown one and with an expired one, never reaching the page', async () => {
    const { deps, app: mailbox } = harness();
    const cookie = await loggedInApplicant(mailbox);
    const { app, reached } = probe(deps);

    for (const headers of [{}, { cookie: 'session=not-a-session' }] as Record<string, string>[]) {
      const response = await app.request('/private', { headers });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/?notice=login-required');
    }
    deps.clock.advance({ days: 400 });
    const expired = await app.request('/private', { headers: { cookie } });
    expect(expired.status).toBe(303);
    expect(expired.headers.get('location')).toBe('/?notice=login-required');
    expect(reached).not.toHaveBeenCalled();
  });

  it('lets a live session through with its AGDREF, and reads the profile once however often the page asks', async () => {
    const { deps, app: mailbox } = harness();
    const cookie = await loggedInApplicant(mailbox);
    const { app, reached } = probe(deps);
    const reads = vi.spyOn(deps.applicants, 'get');

    const response = await app.request('/private', { headers: { cookie } });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('inside');
    expect(reached).toHaveBeenCalledWith(AGDREF, true, AGDREF);
    expect(reads).toHaveBeenCalledTimes(1);
  });
});

describe('the pages behind requireViewer', () => {
  const LOGGED_IN_ONLY: readonly (readonly [method: 'GET' | 'POST', path: string])[] = [
    ['GET', '/documents'],
    ['GET', '/documents/DOC-1'],
    ['GET', '/documents/DOC-1/pdf'],
    ['POST', '/documents/DOC-1/legal-aid'],
    ['GET', '/account'],
    ['POST', '/account/contact'],
    ['POST', '/account/password'],
    ['POST', '/account/helpers'],
    ['POST', '/account/helpers/H-1/remove'],
  ];

  it.each(LOGGED_IN_ONLY)('%s %s without a session: 303 to the login page, and the letter stays unopened', async (method, path) => {
    const { app, deps } = harness();
    await loggedInApplicant(app);
    expect((await deposit(app, { id: 'DOC-1' })).status).toBe(201);

    const response = await app.request(path, method === 'GET' ? {} : formRequest({ requestedOn: '2023-04-21', phone: '', grantCode: 'X' }));

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?notice=login-required');
    const letters = await deps.letters.listForApplicant(AGDREF);
    expect(letters.map((letter) => [letter.id, letter.firstOpenedAt])).toEqual([['DOC-1', null]]);
  });

  it('an unknown path under a logged-in area is still "not found" (404), not a redirect: the check is per route, not per prefix', async () => {
    const { app } = harness();
    const response = await app.request('/documents/DOC-1/pdf/extra');
    expect(response.status).toBe(404);
  });
});

describe('forms checked with the API schemas', () => {
  it('the limits the pages name are the API schemas’ own (one character more is refused by both)', async () => {
    const { app } = harness();
    const over = (max: number) => '1'.repeat(max + 1);
    expect(SessionBody().safeParse({ identifier: over(MAX_LENGTH.identifier), password: 'x' }).success).toBe(false);
    expect(SessionBody().safeParse({ identifier: '1'.repeat(MAX_LENGTH.identifier), password: 'x' }).success).toBe(true);
    const page = await app.request('/', formRequest({ identifier: over(MAX_LENGTH.identifier), password: 'x' }));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(`${MAX_LENGTH.identifier} caractères au plus`);
  });

  it.each([
    ['123456789', false],
    ['75 12 34 56 78', true],
    ['৭৫১২৩৪৫৬৭৮', true],
    ['75123456789', false],
  ])('the AGDREF %s: the activation page and the API agree (valid: %s)', async (agdref, valid) => {
    const { app } = harness();
    const api = ActivateBody().safeParse({ agdref, connectionKey: 'K', password: 'x' }).success;
    const response = await app.request('/activate', formRequest({ agdref, connectionKey: 'K', password: 'x', confirmPassword: 'x' }));
    const html = await response.text();
    expect(api).toBe(valid);
    expect(html.includes('Le numéro AGDREF a 10 chiffres.')).toBe(!valid);
  });

  it.each([
    ['12345', false],
    ['١٢٣٤٥٦', true],
    ['1234567', false],
  ])('the reset code %s: the reset page and the API agree (valid: %s)', async (code, valid) => {
    const { app } = harness();
    const api = ResetWithCodeBody().safeParse({ identifier: AGDREF, code, newPassword: 'x' }).success;
    const response = await app.request('/password/forgot/code', formRequest({ identifier: AGDREF, code, newPassword: 'x', confirmPassword: 'x' }));
    const html = await response.text();
    expect(api).toBe(valid);
    expect(html.includes('Le code a 6 chiffres.')).toBe(!valid);
  });
});

describe('the pages’ imports', () => {
  it('no module of shared/http/pages imports the API’s route modules (shared/http/api)', () => {
    const dir = join(ROOT, 'shared', 'http', 'pages');
    const offenders: string[] = [];
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const [, specifier] of source.matchAll(/\bfrom\s+'([^']+)'/g)) if (specifier?.includes('/api/')) offenders.push(`${file}: ${specifier}`);
    }
    expect(readdirSync(dir).length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });
});
