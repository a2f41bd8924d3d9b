import { describe, expect, it } from 'vitest';
import { LANGUAGES, RTL_LANGUAGES } from '../../shared/domain/types.ts';
import { sessionTokenHash } from '../../shared/use-cases/log-in.ts';
import {
  AGDREF,
  GOOD_PASSWORD,
  OTHER_AGDREF,
  deposit,
  formRequest,
  harness,
  jsonRequest,
  loggedInApplicant,
  register,
  sessionCookieFrom,
} from './http-support.ts';
import type { App } from './http-support.ts';

const NEW_PASSWORD = 'Another&Strong9pass';

async function page(app: App, path: string, cookie?: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers: { ...(cookie === undefined ? {} : { cookie }), ...headers } });
  return { response, html: await response.text() };
}

/** The visible text of an HTML fragment, entities decoded (enough for assertions). */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function inputIds(html: string): string[] {
  return [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/type="hidden"/.test(tag))
    .map((tag) => /\bid="([^"]+)"/.exec(tag)?.[1] ?? '(no id)');
}

function expectAccessibleForm(html: string): void {
  for (const id of inputIds(html)) expect(html, `label for ${id}`).toMatch(new RegExp(`<label[^>]*for="${id}"`));
  expect(html).toMatch(/<a class="skip" href="#main">/);
  expect(html).toMatch(/<main id="main"/);
  expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
}

/** Registered, activated, logged in through the login page; returns the Cookie header value. */
async function logInThroughThePage(app: App): Promise<string> {
  const response = await app.request('/', formRequest({ identifier: AGDREF, password: GOOD_PASSWORD }));
  expect(response.status).toBe(303);
  return sessionCookieFrom(response);
}

describe('the login page /', () => {
  it('shows a labelled form posting to itself, in French by default, left to right', async () => {
    const { app } = harness();

    const { response, html } = await page(app, '/');

    expect(response.status).toBe(200);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<html lang="fr" dir="ltr">/);
    expect(html).toMatch(/<form method="post" action="\/"/);
    expect(text(html)).toContain('Numéro de dossier OFPRA ou numéro AGDREF');
    expect(html).toContain('href="/password/forgot"');
    expect(html).toContain('href="/activate"');
    expectAccessibleForm(html);
  });

  it('speaks the browser’s language, right to left for Arabic, Dari and Pashto; the lang cookie wins', async () => {
    const { app } = harness();

    const arabic = await page(app, '/', undefined, { 'accept-language': 'ar-MA,ar;q=0.9,fr;q=0.5' });
    const dari = await page(app, '/', undefined, { 'accept-language': 'fa-AF' });
    const cookie = await page(app, '/', undefined, { 'accept-language': 'ar', cookie: 'lang=ru' });

    expect(arabic.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(dari.html).toMatch(/<html lang="prs" dir="rtl">/);
    expect(cookie.html).toMatch(/<html lang="ru" dir="ltr">/);
  });

  it('logs in (303 to /documents with the session cookie) and shows a wrong password with a linked error summary (401)', async () => {
    const { app } = harness();
    await loggedInApplicant(app);

    const wrong = await app.request('/', formRequest({ identifier: AGDREF, password: 'Wrong&Password1' }));
    const wrongHtml = await wrong.text();
    const right = await app.request('/', formRequest({ identifier: AGDREF, password: GOOD_PASSWORD }));

    expect(wrong.status).toBe(401);
    expect(wrongHtml).toMatch(/class="error-summary"[^>]*role="alert"/);
    expect(wrongHtml).toMatch(/<a href="#identifier">Le numéro ou le mot de passe n&#39;est pas correct\.<\/a>/);
    expect(wrongHtml).toContain(`value="${AGDREF}"`);
    expect(wrongHtml).toMatch(/aria-invalid="true"/);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/documents');
    expect(right.headers.getSetCookie().join()).toMatch(/session=.*HttpOnly.*Secure.*SameSite=Strict/);
  });

  it('names empty fields (400) and says when the account is locked (429 with Retry-After)', async () => {
    const { app } = harness();
    await loggedInApplicant(app);

    const empty = await app.request('/', formRequest({ identifier: '', password: '' }));
    for (let i = 0; i < 5; i += 1) await app.request('/', formRequest({ identifier: AGDREF, password: 'Wrong&Password1' }));
    const locked = await app.request('/', formRequest({ identifier: AGDREF, password: GOOD_PASSWORD }));

    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('href="#identifier"');
    expect(emptyHtml).toContain('href="#password"');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).not.toBeNull();
    expect(text(await locked.text())).toContain("Trop d'essais");
  });

  it('accepts an AGDREF number typed with spaces or dots, as on the certificate', async () => {
    const { app } = harness();
    await loggedInApplicant(app);

    const response = await app.request('/', formRequest({ identifier: ' 75 1234.5678 ', password: GOOD_PASSWORD }));

    expect(response.status).toBe(303);
  });

  it('sends a logged-in visitor to the letters', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const { response } = await page(app, '/', cookie);

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/documents');
  });
});

describe('the activation page /activate', () => {
  it('shows the password policy, and names each unmet rule on error (400)', async () => {
    const { app } = harness();
    const key = await register(app);

    const blank = await page(app, '/activate');
    const weak = await app.request('/activate', formRequest({ agdref: AGDREF, connectionKey: key, password: 'abc', confirmPassword: 'abc' }));
    const weakHtml = text(await weak.text());

    expect(text(blank.html)).toContain('au moins 12 caractères');
    expectAccessibleForm(blank.html);
    expect(weak.status).toBe(400);
    expect(weakHtml).toContain('Le mot de passe ne respecte pas ces règles');
    for (const rule of ['au moins 12 caractères', 'une lettre majuscule', 'un chiffre', 'un caractère spécial']) expect(weakHtml).toContain(rule);
    expect(weakHtml).not.toContain('• une lettre minuscule');
  });

  it('activates (303 to the login page with a notice), then says the space is already active (409)', async () => {
    const { app } = harness();
    const key = await register(app);
    const fields = { agdref: AGDREF, connectionKey: key, password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD };

    const activated = await app.request('/activate', formRequest(fields));
    const notice = await page(app, activated.headers.get('location') ?? '');
    const again = await app.request('/activate', formRequest(fields));

    expect(activated.status).toBe(303);
    expect(text(notice.html)).toContain('Votre espace est activé');
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain('déjà activé');
  });

  it('refuses different confirmation, a malformed AGDREF and a wrong key', async () => {
    const { app } = harness();
    const key = await register(app);

    const mismatch = await app.request('/activate', formRequest({ agdref: AGDREF, connectionKey: key, password: GOOD_PASSWORD, confirmPassword: 'x' }));
    const malformed = await app.request('/activate', formRequest({ agdref: '12', connectionKey: key, password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }));
    const wrongKey = await app.request('/activate', formRequest({ agdref: AGDREF, connectionKey: 'AAAA', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }));

    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('href="#confirmPassword"');
    expect(malformed.status).toBe(400);
    expect(text(await malformed.text())).toContain('Le numéro AGDREF a 10 chiffres.');
    expect(wrongKey.status).toBe(401);
  });
});

describe('the forgotten-password page /password/forgot', () => {
  it('offers the guide’s three paths', async () => {
    const { app } = harness();

    const { html } = await page(app, '/password/forgot');
    const content = text(html);

    expect(content).toContain("J'ai encore ma clé de connexion");
    expect(content).toContain('Je ne dispose plus de ma clé de connexion');
    expect(content).toContain('Allez à votre SPADA ou voyez le travailleur social de votre hébergement');
    expect(html).toContain('action="/password/forgot/key"');
    expect(html).toContain('action="/password/forgot/code"');
    expect(html).toContain('action="/password/forgot/code/reset"');
    expectAccessibleForm(html);
  });

  it('resets with the connection key (303 to the login page)', async () => {
    const { app } = harness();
    await loggedInApplicant(app);
    const reissued = await app.request(`/api/v1/agent/applicants/${AGDREF}/connection-key`, {
      method: 'POST',
      headers: { authorization: 'Bearer agent-token-for-tests-0123456789' },
    });
    const { connectionKey } = (await reissued.json()) as { connectionKey: string };

    const response = await app.request(
      '/password/forgot/key',
      formRequest({ identifier: AGDREF, connectionKey, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?notice=password-changed');
    expect((await app.request('/', formRequest({ identifier: AGDREF, password: NEW_PASSWORD }))).status).toBe(303);
  });

  it('sends a code by SMS, then resets with it', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app, AGDREF, { phone: '0612345678' });

    const asked = await app.request('/password/forgot/code', formRequest({ identifier: AGDREF, channel: 'sms' }));
    const sent = await page(app, asked.headers.get('location') ?? '');
    const reset = await app.request(
      '/password/forgot/code/reset',
      formRequest({ identifier: AGDREF, code: deps.ids.resetCodes[0] ?? '', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );

    expect(asked.status).toBe(303);
    expect(text(sent.html)).toContain('un code vient d’être envoyé');
    expect(deps.notifier.sent('sms')).toHaveLength(1);
    expect(reset.status).toBe(303);
    expect((await app.request('/', formRequest({ identifier: AGDREF, password: NEW_PASSWORD }))).status).toBe(303);
  });

  it('says a wrong code is wrong (401) and a malformed one is malformed (400)', async () => {
    const { app } = harness();
    await loggedInApplicant(app, AGDREF, { phone: '0612345678' });
    await app.request('/password/forgot/code', formRequest({ identifier: AGDREF, channel: 'sms' }));
    const fields = { identifier: AGDREF, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };

    const wrong = await app.request('/password/forgot/code/reset', formRequest({ ...fields, code: '999999' }));
    const malformed = await app.request('/password/forgot/code/reset', formRequest({ ...fields, code: '12' }));

    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('href="#reset-identifier"');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('href="#reset-code"');
  });
});

describe('the letters page /documents', () => {
  it('is closed without a session: 303 to the login page', async () => {
    const { app } = harness();

    for (const path of ['/documents', '/documents/DOC-1', '/documents/DOC-1/pdf', '/account']) {
      const { response } = await page(app, path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe('/?notice=login-required');
    }
  });

  it('shows the guide’s columns in order, a red banner counting unread letters, and days left (R6)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app, { id: 'DEC', type: 'decision', outcome: 'rejection' });
    await deposit(app, { id: 'INTRO', type: 'introduction' });

    const { html } = await page(app, '/documents', cookie);
    const headings = [...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);

    expect(headings).toEqual([
      'Statut',
      'Document',
      'Date de mise à disposition',
      'Émetteur',
      'Date de notification',
      'Délai restant de prise en compte',
      'Visualiser',
    ]);
    expect(html).toMatch(/<p class="banner" role="status">Vous avez 2 nouveaux courriers non lus\.<\/p>/);
    expect(text(html)).toContain('Non lu Décision 20/04/2023 OFPRA 16 jours Voir');
    expect(html).toContain('href="/documents/DEC"');
    expect(html).toContain('class="cards"');
  });

  it('shows "Lu le …" once opened and "Pli notifié" once notified, with the label in the chosen language and in French', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app, AGDREF, { language: 'en' });
    await deposit(app, { id: 'DEC', type: 'decision', outcome: 'rejection' });
    deps.clock.set('2023-04-21T09:30:00+02:00');
    const cookie = sessionCookieFrom(await app.request('/api/v1/session', jsonRequest('POST', { identifier: AGDREF, password: GOOD_PASSWORD })));
    await app.request('/documents/DEC/pdf', { headers: { cookie } });

    const { html } = await page(app, '/documents', cookie);

    expect(html).not.toContain('class="banner"');
    expect(text(html)).toMatch(/✓ Read on 21\/04\/2023 Decision Décision 20\/04\/2023 OFPRA 21\/04\/2023 Letter notified/);
  });

  it('advises adding a phone or an e-mail when there is neither', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const { html } = await page(app, '/documents', cookie);

    expect(html).toContain('href="/account#contact"');
  });
});

describe('a letter’s page /documents/{id}', () => {
  it('before opening: the deadline to open it and what opening means, never the outcome', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app, { type: 'decision', outcome: 'rejection' });

    const { response, html } = await page(app, '/documents/DOC-1', cookie);
    const content = text(html);

    expect(response.status).toBe(200);
    expect(content).toContain('Ouvrez ce courrier au plus tard le 05/05/2023');
    expect(content).not.toContain('Rejet');
    expect(html).toContain('href="/documents/DOC-1/pdf"');
  });

  it('opening the PDF records the first opening; a notified rejection then shows both deadlines, the legal-aid form and where to get help', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app, { type: 'decision', outcome: 'rejection' });

    const pdf = await app.request('/documents/DOC-1/pdf', { headers: { cookie } });
    const { html } = await page(app, '/documents/DOC-1', cookie);
    const content = text(html);

    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await deps.letters.get('DOC-1'))?.firstOpenedAt).toBe(deps.clock.now());
    expect(content).toContain('Rejet');
    expect(content).toContain('Dernier jour pour faire un recours devant la CNDA 22/05/2023');
    expect(content).toContain("Dernier jour pour demander l'aide juridictionnelle (avocat gratuit) 05/05/2023");
    expect(content).toContain('SPADA');
    expect(html).toContain('action="/documents/DOC-1/legal-aid"');
    expectAccessibleForm(html);
  });

  it('records a legal-aid request from the form (303), then shows the appeal period suspended (R9)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app, { type: 'decision', outcome: 'rejection' });
    await app.request('/documents/DOC-1/pdf', { headers: { cookie } });

    const saved = await app.request('/documents/DOC-1/legal-aid', formRequest({ requestedOn: '2023-04-20', decisionNotifiedOn: '' }, { cookie }));
    const { html } = await page(app, saved.headers.get('location') ?? '', cookie);

    expect(saved.status).toBe(303);
    expect(text(html)).toContain('Dates enregistrées');
    expect(text(html)).toContain('Le délai de recours est suspendu');
  });

  it('names a bad legal-aid date (400)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app, { type: 'decision', outcome: 'rejection' });
    await app.request('/documents/DOC-1/pdf', { headers: { cookie } });

    const response = await app.request('/documents/DOC-1/legal-aid', formRequest({ requestedOn: '31/02/2023' }, { cookie }));

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('href="#requestedOn"');
  });

  it('is a 404 page for another applicant’s letter, which stays unopened', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app);
    await register(app, { agdref: OTHER_AGDREF });
    await deposit(app, { id: 'THEIRS', agdref: OTHER_AGDREF });

    const detail = await page(app, '/documents/THEIRS', cookie);
    const pdf = await app.request('/documents/THEIRS/pdf', { headers: { cookie } });

    expect(detail.response.status).toBe(404);
    expect(text(detail.html)).toContain('Page introuvable');
    expect(pdf.status).toBe(404);
    expect((await deps.letters.get('THEIRS'))?.firstOpenedAt).toBeNull();
  });
});

describe('the account page /account', () => {
  it('saves the contact details (303) and shows them as typed in France', async () => {
    const { app, deps } = harness();
    const cookie = await loggedInApplicant(app);

    const saved = await app.request('/account/contact', formRequest({ phone: '07 12 34 56 78', email: 'a@example.org' }, { cookie }));
    const { html } = await page(app, saved.headers.get('location') ?? '', cookie);

    expect(saved.status).toBe(303);
    expect((await deps.applicants.get(AGDREF))?.phone).toBe('+33712345678');
    expect(html).toContain('value="07 12 34 56 78"');
    expect(text(html)).toContain('Vos coordonnées sont enregistrées.');
    expectAccessibleForm(html);
  });

  it('names an invalid phone number (400) and keeps what was typed', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const response = await app.request('/account/contact', formRequest({ phone: '01 23 45 67 89', email: '' }, { cookie }));
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).toContain('href="#phone"');
    expect(html).toContain('value="01 23 45 67 89"');
  });
});

describe('the language switch', () => {
  it('before login sets the lang cookie and comes back to the page', async () => {
    const { app } = harness({ secureCookies: false });

    const response = await app.request('/language', formRequest({ lang: 'ps', back: '/password/forgot' }));
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('lang=')) ?? '';
    const { html } = await page(app, '/password/forgot', undefined, { cookie: cookie.split(';')[0] ?? '' });

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/password/forgot');
    expect(html).toMatch(/<html lang="ps" dir="rtl">/);
  });

  it('after login changes the account’s language', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    await app.request('/language', formRequest({ lang: 'ar', back: '/documents' }, { cookie }));
    const { html } = await page(app, '/documents', cookie);
    const me = (await (await app.request('/api/v1/me', { headers: { cookie } })).json()) as { language: string };

    expect(me.language).toBe('ar');
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(text(html)).toContain('مستنداتي');
  });

  it('never redirects off the site', async () => {
    const { app } = harness();

    for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const response = await app.request('/language', formRequest({ lang: 'en', back }));
      expect(response.headers.get('location'), back).toBe('/');
    }
  });

  it('is on every page, for every language', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    for (const path of ['/', '/activate', '/password/forgot']) {
      const { html } = await page(app, path);
      for (const language of LANGUAGES) expect(html, `${path} ${language}`).toContain(`name="lang" value="${language}"`);
    }
    const { html } = await page(app, '/documents', cookie);
    expect(html).toContain('action="/language"');
  });
});

describe('logging out from the pages', () => {
  it('revokes the session, clears the cookie and closes the letters page', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app);
    const cookie = await logInThroughThePage(app);

    const response = await app.request('/logout', formRequest({}, { cookie }));
    const after = await page(app, '/documents', cookie);

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?notice=logged-out');
    expect(response.headers.getSetCookie().join()).toMatch(/session=;/);
    expect(await deps.sessions.get(sessionTokenHash(cookie.slice('session='.length)), deps.clock.now())).toBeNull();
    expect(after.response.status).toBe(303);
  });

  it('refuses a cross-site logout form (403)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const response = await app.request('/logout', formRequest({}, { cookie, origin: 'https://evil.example' }));

    expect(response.status).toBe(403);
    expect((await app.request('/documents', { headers: { cookie } })).status).toBe(200);
  });
});

describe('page weight (each page < 50 KB transferred, stylesheet included, uncompressed)', () => {
  it('holds for every page, in the heaviest languages, with a dozen letters', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    for (let i = 0; i < 12; i += 1) await deposit(app, { id: `DOC-${i}`, type: i % 2 === 0 ? 'decision' : 'medicalCertificateRequest', outcome: i % 2 === 0 ? 'rejection' : undefined });
    await app.request('/documents/DOC-0/pdf', { headers: { cookie } });
    const css = new TextEncoder().encode(await (await app.request('/assets/style.css')).text()).byteLength;

    const weights: Record<string, number> = {};
    for (const language of ['fr', ...RTL_LANGUAGES, 'bn', 'ka', 'ti'] as const) {
      await app.request('/api/v1/me/language', jsonRequest('PUT', { language }, { cookie }));
      for (const path of ['/documents', '/documents/DOC-0', '/account']) {
        const html = (await page(app, path, cookie)).html;
        weights[`${language} ${path}`] = new TextEncoder().encode(html).byteLength + css;
      }
      for (const path of ['/', '/activate', '/password/forgot']) {
        const html = (await page(app, path, undefined, { cookie: `lang=${language}` })).html;
        weights[`${language} ${path}`] = new TextEncoder().encode(html).byteLength + css;
      }
    }

    for (const [name, bytes] of Object.entries(weights)) expect(bytes, name).toBeLessThan(50 * 1024);
    console.info(`page weights (bytes, HTML + CSS): max ${Math.max(...Object.values(weights))}`, weights);
  });
});
