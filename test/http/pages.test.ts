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

  it('activates and logs in (303 to the letters with a notice and a session), then says the space is already active (409)', async () => {
    const { app } = harness();
    const key = await register(app);
    const fields = { agdref: AGDREF, connectionKey: key, password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD };

    const activated = await app.request('/activate', formRequest(fields));
    const letters = await page(app, activated.headers.get('location') ?? '', sessionCookieFrom(activated));
    const again = await app.request('/activate', formRequest(fields));

    expect(activated.status).toBe(303);
    expect(activated.headers.get('location')).toBe('/documents?notice=activated');
    expect(letters.response.status).toBe(200);
    expect(text(letters.html)).toContain('Votre espace est activé et vous êtes connecté.');
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain('déjà activé');
  });

  it('accepts the AGDREF in Arabic-Indic digits and the key in lower case with O, I and L look-alikes', async () => {
    const { app } = harness();
    const key = await register(app);
    const typed = key.toLowerCase().replaceAll('0', 'o').replaceAll('1', 'i');

    const activated = await app.request(
      '/activate',
      formRequest({ agdref: '٧٥١٢٣٤٥٦٧٨', connectionKey: typed, password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }),
    );
    const login = await app.request('/', formRequest({ identifier: '۷۵۱۲ ۳۴۵ ۶۷۸', password: GOOD_PASSWORD }));

    expect(AGDREF).toBe('7512345678');
    expect(activated.status).toBe(303);
    expect(login.status).toBe(303);
  });

  it('keeps the number and the key after an error, never the password, and says how many attempts are left', async () => {
    const { app } = harness();
    await register(app);
    const wrongKey = 'K7QF-9M2X-PR4D-8ZTW';

    const response = await app.request('/activate', formRequest({ agdref: AGDREF, connectionKey: wrongKey, password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }));
    const html = await response.text();

    expect(response.status).toBe(401);
    expect(html).toMatch(/id="agdref"[^>]*value="7512345678"/);
    expect(html).toMatch(new RegExp(`id="connectionKey"[^>]*value="${wrongKey}"`));
    expect(html).not.toContain(GOOD_PASSWORD);
    expect(text(html)).toContain("Il vous reste 4 essais avant que l'espace soit bloqué 15 minutes.");
  });

  it('counts attempts left the same way for an AGDREF nobody has', async () => {
    const { app } = harness();
    const fields = { connectionKey: 'K7QF-9M2X-PR4D-8ZTW', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD };
    await register(app);

    const known = [];
    const unknown = [];
    for (let i = 0; i < 2; i += 1) {
      known.push(text(await (await app.request('/activate', formRequest({ ...fields, agdref: AGDREF }))).text()).replaceAll(AGDREF, 'N'));
      unknown.push(text(await (await app.request('/activate', formRequest({ ...fields, agdref: '7599999999' }))).text()).replaceAll('7599999999', 'N'));
    }

    expect(unknown).toEqual(known);
    expect(known[1]).toContain('Il vous reste 3 essais');
  });

  it('gives an example key that is a valid key (no I, L, O or U) in every language', async () => {
    for (const language of LANGUAGES) {
      const { app } = harness();
      const { html } = await page(app, '/activate', undefined, { cookie: `lang=${language}` });
      const example = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text(html))?.[0] ?? '';
      expect(example, language).toMatch(/^[0-9A-HJKMNP-TV-Z-]{19}$/);
    }
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
  it('asks the number once, with the guide’s three situations', async () => {
    const { app } = harness();

    const { html } = await page(app, '/password/forgot');
    const content = text(html);

    expect(content).toContain("J'ai encore ma clé de connexion");
    expect(content).toContain("Je n'ai plus ma clé : recevoir un code par SMS");
    expect(content).toContain("Je n'ai plus ma clé : recevoir un code par e-mail");
    expect(content).toContain('Allez à votre SPADA ou voyez le travailleur social de votre hébergement');
    expect(html.match(/name="identifier"/g)).toHaveLength(1);
    expectAccessibleForm(html);
  });

  it('resets with the connection key: the second step carries the number and asks only the key and the password (303 to the login page)', async () => {
    const { app } = harness();
    await loggedInApplicant(app);
    const reissued = await app.request(`/api/v1/agent/applicants/${AGDREF}/connection-key`, {
      method: 'POST',
      headers: { authorization: 'Bearer agent-token-for-tests-0123456789' },
    });
    const { connectionKey } = (await reissued.json()) as { connectionKey: string };

    const step2 = await app.request('/password/forgot', formRequest({ identifier: AGDREF, method: 'key' }));
    const step2Html = await step2.text();
    const response = await app.request(
      '/password/forgot/key',
      formRequest({ identifier: AGDREF, connectionKey, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );

    expect(step2.status).toBe(200);
    expect(step2Html).toMatch(/<input type="hidden" name="identifier" value="7512345678"/);
    expect(inputIds(step2Html)).toEqual(['connectionKey', 'newPassword', 'confirmPassword']);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?notice=password-changed');
    expect((await app.request('/', formRequest({ identifier: AGDREF, password: NEW_PASSWORD }))).status).toBe(303);
  });

  it('sends a code by SMS, then resets with it (the number typed once, in Persian digits)', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app, AGDREF, { phone: '0612345678' });

    const asked = await app.request('/password/forgot', formRequest({ identifier: '۷۵۱۲۳۴۵۶۷۸', method: 'sms' }));
    const askedHtml = await asked.text();
    const reset = await app.request(
      '/password/forgot/code',
      formRequest({ identifier: AGDREF, code: deps.ids.resetCodes[0] ?? '', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );

    expect(asked.status).toBe(200);
    expect(text(askedHtml)).toContain('un code vient d’être envoyé');
    expect(inputIds(askedHtml)).toEqual(['code', 'newPassword', 'confirmPassword']);
    expect(deps.notifier.sent('sms')).toHaveLength(1);
    expect(reset.status).toBe(303);
    expect((await app.request('/', formRequest({ identifier: AGDREF, password: NEW_PASSWORD }))).status).toBe(303);
  });

  it('says a wrong code is wrong (401), a malformed one is malformed (400), and reads a code in Bengali digits', async () => {
    const { app, deps } = harness();
    await loggedInApplicant(app, AGDREF, { phone: '0612345678' });
    await app.request('/password/forgot', formRequest({ identifier: AGDREF, method: 'sms' }));
    const fields = { identifier: AGDREF, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    const bengali = [...(deps.ids.resetCodes[0] ?? '')].map((digit) => String.fromCharCode(0x09e6 + Number(digit))).join('');

    const wrong = await app.request('/password/forgot/code', formRequest({ ...fields, code: '999999' }));
    const malformed = await app.request('/password/forgot/code', formRequest({ ...fields, code: '12' }));
    const typedInBengali = await app.request('/password/forgot/code', formRequest({ ...fields, code: bengali }));

    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('href="#code"');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('href="#code"');
    expect(typedInBengali.status).toBe(303);
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

  it('is one link on every page, to a language page that offers every language without JavaScript', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    for (const path of ['/', '/activate', '/password/forgot']) {
      const { html } = await page(app, path);
      expect(html, path).toContain(`href="/language?back=${encodeURIComponent(path)}"`);
      expect(html, path).not.toContain('name="lang"');
    }
    expect((await page(app, '/documents', cookie)).html).toContain('href="/language?back=%2Fdocuments"');
    const languages = await page(app, '/language?back=%2Fdocuments', cookie);
    expect(languages.html).toContain('<form class="langs" method="post" action="/language">');
    expect(languages.html).toContain('<input type="hidden" name="back" value="/documents"/>');
    for (const language of LANGUAGES) expect(languages.html).toContain(`name="lang" value="${language}"`);
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

describe('the legal-aid dates: the picker alone, and distinct errors', () => {
  async function notifiedDecision() {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app, { type: 'decision', outcome: 'rejection' });
    await app.request('/documents/DOC-1/pdf', { headers: { cookie } });
    return { app, cookie };
  }

  it('shows date inputs with no format hint to contradict the picker, left to right in Arabic too', async () => {
    const { app, cookie } = await notifiedDecision();
    await app.request('/language', formRequest({ lang: 'ar', back: '/documents' }, { cookie }));

    const { html } = await page(app, '/documents/DOC-1', cookie);

    expect(html).toMatch(/<input id="requestedOn" name="requestedOn" type="date"[^>]*dir="ltr"/);
    expect(html).not.toMatch(/YYYY-MM-DD|AAAA-MM-JJ|2023-04-27/);
  });

  it.each([
    ['in the future', { requestedOn: '2023-04-21' }, 'requestedOn', 'Cette date est dans le futur.'],
    ['before the notification', { requestedOn: '2023-04-19' }, 'requestedOn', 'Cette date est avant la notification de la décision (20/04/2023).'],
    ['a decision before its request', { requestedOn: '2023-04-20', decisionNotifiedOn: '2023-04-19' }, 'decisionNotifiedOn', "La décision d'aide juridictionnelle ne peut pas être avant votre demande."],
    ['not a date', { requestedOn: '31/02/2023' }, 'requestedOn', "La date n'est pas valide."],
  ])('names a date %s (400)', async (_name, fields, id, message) => {
    const { app, cookie } = await notifiedDecision();

    const response = await app.request('/documents/DOC-1/legal-aid', formRequest(fields, { cookie }));
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).toContain(`href="#${id}"`);
    expect(text(html)).toContain(message);
  });

  it('accepts a day/month/year typed where a browser shows a text box, in Arabic-Indic digits', async () => {
    const { app, cookie } = await notifiedDecision();

    const response = await app.request('/documents/DOC-1/legal-aid', formRequest({ requestedOn: '٢٠/٠٤/٢٠٢٣' }, { cookie }));
    const me = (await (await app.request('/api/v1/documents/DOC-1', { headers: { cookie } })).json()) as { legalAid?: { requestedOn: string } };

    expect(response.status).toBe(303);
    expect(me.legalAid?.requestedOn).toBe('2023-04-20');
  });
});

describe('a paper derogation (R11): what applies instead of the 15 days and the alerts', () => {
  it('says the letters come by post and that no alert is sent, and not the 15-day warning', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app, AGDREF, { paperDerogation: true, phone: '0612345678' });
    await deposit(app, { type: 'convocation' });

    const letters = text((await page(app, '/documents', cookie)).html);
    const account = text((await page(app, '/account', cookie)).html);

    expect(letters).toContain('par la poste');
    expect(letters).not.toContain('au bout de 15 jours');
    expect(account).toContain("nous n'envoyons pas d'alerte par SMS ou e-mail");
    expect(account).not.toContain('Nous vous prévenons par SMS ou e-mail quand un courrier arrive');
  });

  it('keeps the 15-day warning for everyone else', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);
    await deposit(app, { type: 'convocation' });

    expect(text((await page(app, '/documents', cookie)).html)).toContain('au bout de 15 jours');
  });
});

describe('the account: password and contact', () => {
  it('changes the password while logged in: the old one stops working, this browser stays logged in', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const response = await app.request(
      '/account/password',
      formRequest({ currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { cookie }),
    );
    const fresh = sessionCookieFrom(response);

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account?saved=password');
    expect((await page(app, '/account', cookie)).response.status).toBe(303);
    expect((await page(app, '/account?saved=password', fresh)).response.status).toBe(200);
    expect((await app.request('/', formRequest({ identifier: AGDREF, password: GOOD_PASSWORD }))).status).toBe(401);
    expect((await app.request('/', formRequest({ identifier: AGDREF, password: NEW_PASSWORD }))).status).toBe(303);
  });

  it('refuses a wrong current password (401, counted) and a weak new one (400)', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const wrong = await app.request('/account/password', formRequest({ currentPassword: 'Wrong&Password1', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { cookie }));
    const weak = await app.request('/account/password', formRequest({ currentPassword: GOOD_PASSWORD, newPassword: 'short', confirmPassword: 'short' }, { cookie }));

    expect(wrong.status).toBe(401);
    expect(text(await wrong.text())).toContain("Le mot de passe actuel n'est pas correct. Il vous reste 4 essais");
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('href="#newPassword"');
  });

  it('warns before removing both the phone and the e-mail, and removes them once confirmed', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app, AGDREF, { phone: '0612345678', email: 'a@example.org' });

    const warned = await app.request('/account/contact', formRequest({ phone: '', email: '' }, { cookie }));
    const before = (await (await app.request('/api/v1/me', { headers: { cookie } })).json()) as { phone: string | null };
    const confirmed = await app.request('/account/contact', formRequest({ phone: '', email: '', confirmRemoveBoth: 'yes' }, { cookie }));
    const after = (await (await app.request('/api/v1/me', { headers: { cookie } })).json()) as { phone: string | null; email: string | null };

    expect(warned.status).toBe(200);
    expect(text(await warned.text())).toContain('nous ne pourrons plus vous prévenir des nouveaux courriers');
    expect(before.phone).toBe('+33612345678');
    expect(confirmed.status).toBe(303);
    expect(after).toMatchObject({ phone: null, email: null });
  });

  it('saves a phone typed in Arabic-Indic digits', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const response = await app.request('/account/contact', formRequest({ phone: '٠٦ ١٢ ٣٤ ٥٦ ٧٨', email: '' }, { cookie }));
    const me = (await (await app.request('/api/v1/me', { headers: { cookie } })).json()) as { phone: string | null };

    expect(response.status).toBe(303);
    expect(me.phone).toBe('+33612345678');
  });
});

describe('over-long input is named, never "try later"', () => {
  it.each([
    ['/', { identifier: '1'.repeat(65), password: 'x' }, 'identifier', '« Numéro de dossier OFPRA ou numéro AGDREF » est trop long : 64 caractères au plus.'],
    ['/activate', { agdref: AGDREF, connectionKey: 'K'.repeat(65), password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }, 'connectionKey', '« Clé de connexion » est trop long'],
    ['/password/forgot', { identifier: '7'.repeat(100), method: 'sms' }, 'identifier', 'est trop long'],
  ])('%s names the field that is too long (400)', async (path, fields, id, message) => {
    const { app } = harness();

    const response = await app.request(path, formRequest(fields));
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).toContain(`href="#${id}"`);
    expect(text(html)).toContain(message);
    expect(text(html)).not.toContain('Réessayez plus tard');
  });

  it('names an over-long e-mail on the account page', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const response = await app.request('/account/contact', formRequest({ phone: '', email: `${'a'.repeat(250)}@example.org` }, { cookie }));

    expect(response.status).toBe(400);
    expect(text(await response.text())).toContain('« E-mail » est trop long : 254 caractères au plus.');
  });

  it('says a whole form is too long (413) instead of a generic error', async () => {
    const { app } = harness();

    const response = await app.request('/', formRequest({ identifier: AGDREF, password: 'x'.repeat(70 * 1024) }));

    expect(response.status).toBe(413);
    expect(text(await response.text())).toContain('Ce que vous avez envoyé est trop long.');
  });
});

describe('an unknown address', () => {
  it('keeps the logged-in header (and the account’s language) for a logged-in applicant', async () => {
    const { app } = harness();
    const cookie = await loggedInApplicant(app);

    const { response, html } = await page(app, '/no-such-page', cookie);

    expect(response.status).toBe(404);
    expect(html).toContain('action="/logout"');
    expect(html).toContain('href="/account"');
  });

  it('shows the logged-out header to a visitor', async () => {
    const { app } = harness();

    const { response, html } = await page(app, '/no-such-page');

    expect(response.status).toBe(404);
    expect(html).not.toContain('action="/logout"');
  });
});
