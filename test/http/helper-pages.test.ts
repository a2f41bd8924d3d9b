/**
 * The helper's pages and the applicant's "Helpers" section, in process (docs/api.md "Helpers" Pages):
 * forms without JavaScript, the list sorted by the soonest deadline with unread letters at ≤ 5 days
 * in red, the next step in plain words, no title anywhere, and "Remove access".
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_HELPER_TEXTS } from '../../shared/http/i18n/helper-texts.ts';
import { sendHelperDigests } from '../../shared/use-cases/helper-digest.ts';
import {
  AGDREF,
  GOOD_PASSWORD,
  OFFICE,
  OTHER_AGDREF,
  type App,
  aPdf,
  deposit,
  formRequest,
  harness,
  jsonRequest,
  logIn,
  loggedInApplicant,
  sessionCookieFrom,
} from './http-support.ts';

const EMAIL = 'helper@example.org';

function cookieOf(response: Response, name: string): string {
  return (response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`)) ?? '').split(';')[0] ?? '';
}

/** A helper created by the office and activated and logged in through the pages. */
async function helperThroughPages(app: App): Promise<string> {
  const created = await app.request('/api/v1/agent/helpers', jsonRequest('POST', { email: EMAIL, name: 'Anne Martin', organisation: 'CADA Example' }, OFFICE));
  const { connectionKey } = (await created.json()) as { connectionKey: string };
  const activated = await app.request('/helper/activate', formRequest({ email: EMAIL, connectionKey, password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }));
  expect(activated.headers.get('location')).toBe('/helper?notice=activated');
  const loggedIn = await app.request('/helper', formRequest({ email: EMAIL, password: GOOD_PASSWORD }));
  expect([loggedIn.status, loggedIn.headers.get('location')]).toEqual([303, '/helper/applicants']);
  return cookieOf(loggedIn, 'helper_session');
}

async function codeOnPage(app: App, cookie: string): Promise<string> {
  const html = await (await app.request('/helper/applicants', { headers: { cookie } })).text();
  const match = /data-testid="grant-code">([0-9A-Z]{8})</.exec(html);
  if (match?.[1] === undefined) throw new Error('no grant code on the page');
  return match[1];
}

describe('helper pages', () => {
  it('a wrong helper password shows the form again with the error (401), like the applicant login', async () => {
    const { app } = harness();
    await helperThroughPages(app);

    const response = await app.request('/helper', formRequest({ email: EMAIL, password: 'Wrong&Password9' }));

    expect(response.status).toBe(401);
    expect(await response.text()).toContain('error-summary');
  });

  it('lists people soonest deadline first, the one with ≤ 5 days left in red with the next step in words; no title anywhere', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app, AGDREF);
    await loggedInApplicant(app, OTHER_AGDREF);
    // AGDREF's convocation is deposited 12 days before OTHER_AGDREF's: 4 days left (R6) when we look.
    await app.request(`/api/v1/agent/applicants/${AGDREF}/documents/OLD-1`, jsonRequest('PUT', { type: 'convocation', title: 'Secret title', contentBase64: Buffer.from(aPdf('OLD-1')).toString('base64') }, OFFICE));
    deps.clock.advance({ days: 12 });
    await deposit(app, { agdref: OTHER_AGDREF, id: 'NEW-1' });
    const helper = await helperThroughPages(app);
    const code = await codeOnPage(app, helper);
    for (const agdref of [OTHER_AGDREF, AGDREF]) {
      const applicant = sessionCookieFrom(await logIn(app, agdref));
      const granted = await app.request('/account/helpers', formRequest({ grantCode: code.toLowerCase() }, { cookie: applicant }));
      expect(granted.headers.get('location')).toBe('/account?helpers=granted#helpers-title');
    }

    const html = await (await app.request('/helper/applicants', { headers: { cookie: helper, 'accept-language': 'en' } })).text();

    expect(html.indexOf(`data-agdref="${AGDREF}"`)).toBeGreaterThan(-1);
    expect(html.indexOf(`data-agdref="${AGDREF}"`)).toBeLessThan(html.indexOf(`data-agdref="${OTHER_AGDREF}"`));
    expect(html).toMatch(new RegExp(`<tr class="is-unread" data-agdref="${AGDREF}"`));
    expect(html).not.toMatch(new RegExp(`<tr class="is-unread" data-agdref="${OTHER_AGDREF}"`));
    expect(html).toContain('4 days left before it counts as received');
    const detail = await (await app.request(`/helper/applicants/${AGDREF}`, { headers: { cookie: helper, 'accept-language': 'en' } })).text();
    expect(detail).toContain('Appointment unread for 12 days — 4 days left before it counts as received');
    expect(detail).not.toContain('Secret title');
    expect(detail).not.toContain('/pdf');
    expect((await deps.letters.get('OLD-1'))?.firstOpenedAt).toBeNull();
  });

  it('the applicant sees the helper and its views on /account and removes access; the helper page is then 404', async () => {
    const { app } = harness();
    const applicant = await loggedInApplicant(app);
    await deposit(app);
    const helper = await helperThroughPages(app);
    await app.request('/account/helpers', formRequest({ grantCode: await codeOnPage(app, helper) }, { cookie: applicant }));
    expect((await app.request(`/helper/applicants/${AGDREF}`, { headers: { cookie: helper } })).status).toBe(200);

    const account = await (await app.request('/account', { headers: { cookie: applicant } })).text();
    expect(account).toContain('Anne Martin · CADA Example');
    expect(account).toMatch(/dates (and|et) (deadlines|délais)/);
    const helperId = /data-helper="([^"]+)"/.exec(account)?.[1] ?? '';
    const removed = await app.request(`/account/helpers/${helperId}/remove`, formRequest({}, { cookie: applicant }));

    expect(removed.headers.get('location')).toBe('/account?helpers=removed#helpers-title');
    expect((await app.request(`/helper/applicants/${AGDREF}`, { headers: { cookie: helper } })).status).toBe(404);
    expect(await (await app.request('/account', { headers: { cookie: applicant } })).text()).not.toContain('Anne Martin');
  });

  it('an unknown code on /account is shown as an error on the code field (404), the page otherwise intact', async () => {
    const { app } = harness();
    const applicant = await loggedInApplicant(app);

    const response = await app.request('/account/helpers', formRequest({ grantCode: 'ZZZZ9999' }, { cookie: applicant }));

    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('href="#grantCode"');
    expect(html).toContain('id="contact"');
  });

  it('helper pages without a helper session go to the helper login; an applicant session does not open them', async () => {
    const { app } = harness();
    const applicant = await loggedInApplicant(app);

    for (const path of ['/helper/applicants', `/helper/applicants/${AGDREF}`]) {
      const response = await app.request(path, { headers: { cookie: applicant } });
      expect([path, response.status, response.headers.get('location')]).toEqual([path, 303, '/helper?notice=login-required']);
    }
  });

  it('the daily e-mail summary is off by default; one JS-free button turns it on (in the page language) and off, with a notice; the API reads the same', async () => {
    const { app } = harness();
    const helper = await helperThroughPages(app);
    const page = async (language: string, query = '') => (await app.request(`/helper/applicants${query}`, { headers: { cookie: helper, 'accept-language': language } })).text();
    const digestForm = (html: string) => /<form method="post" action="\/helper\/digest"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';

    const off = await page('fr');
    expect(off).toContain('aria-labelledby="digest-title"');
    expect(off).toContain('Le résumé quotidien est désactivé.');
    expect(digestForm(off)).toContain('<input type="hidden" name="enabled" value="true"/>');
    expect(digestForm(off)).toContain('Recevoir le résumé quotidien');

    const turnedOn = await app.request('/helper/digest', formRequest({ enabled: 'true' }, { cookie: helper, 'accept-language': 'en' }));
    expect([turnedOn.status, turnedOn.headers.get('location')]).toEqual([303, '/helper/applicants?digest=on#digest-title']);
    expect(await (await app.request('/api/v1/helper/digest', { headers: { cookie: helper } })).json()).toEqual({ enabled: true, language: 'en' });
    const on = await page('en', '?digest=on');
    expect(on).toContain('Daily summary on: the next one comes in the morning.');
    expect(on).toContain('The daily summary is on.');
    expect(digestForm(on)).toContain('<input type="hidden" name="enabled" value="false"/>');
    expect(digestForm(on)).toContain('Stop the daily summary');

    const turnedOff = await app.request('/helper/digest', formRequest({ enabled: 'false' }, { cookie: helper, 'accept-language': 'fr' }));
    expect(turnedOff.headers.get('location')).toBe('/helper/applicants?digest=off#digest-title');
    expect(await (await app.request('/api/v1/helper/digest', { headers: { cookie: helper } })).json()).toEqual({ enabled: false, language: 'fr' });
    expect(await page('fr', '?digest=off')).toContain('Résumé quotidien arrêté.');
  });

  it('the digest form needs a helper session: without one (or with an applicant session) it goes to the helper login and changes nothing', async () => {
    const { app, deps } = harness();
    const applicant = await loggedInApplicant(app);

    for (const headers of [{}, { cookie: applicant }] as Array<Record<string, string>>) {
      const response = await app.request('/helper/digest', formRequest({ enabled: 'true' }, headers));
      expect([response.status, response.headers.get('location')]).toEqual([303, '/helper?notice=login-required']);
    }
    expect(await deps.helpers.digestSubscribers()).toEqual([]);
  });

  it('the applicant’s account page names a digest look in their language', async () => {
    const { app, deps } = harness();
    const applicant = await loggedInApplicant(app);
    const helper = await helperThroughPages(app);
    await app.request('/account/helpers', formRequest({ grantCode: await codeOnPage(app, helper) }, { cookie: applicant }));
    await app.request('/helper/digest', formRequest({ enabled: 'true' }, { cookie: helper }));

    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 1 });

    const account = await (await app.request('/account', { headers: { cookie: applicant } })).text();
    expect(account).toContain(ACCOUNT_HELPER_TEXTS.fr.whatDigest);
  });
});
