/**
 * The applicant's journey in a real browser (Debian's Chromium driven by playwright-core), on a
 * 360 px wide phone, against the app served by @hono/node-server with in-memory deps: activate,
 * log in, see the unread banner, open a decision (its first opening recorded in the store), see
 * "Lu le …", switch to Arabic (right to left), log out, and find the letters page closed.
 * Screenshots of each page go to test/e2e/screenshots/ (git-ignored); the letters page also to
 * docs/letters-page.png when asked (`npm run screenshots`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDeps } from '../support/builders.ts';
import { PHONE_VIEWPORT, docsScreenshot, launchChromium, office as officeAt, pdfBase64, serveApp, closeBrowserAndApp, collectConsoleErrors } from './browser-support.ts';
import type { Served } from './browser-support.ts';

// The page.evaluate callbacks run in the browser; only the DOM names they use are declared here.
declare const document: {
  readonly activeElement: { readonly className: string } | null;
  readonly documentElement: { readonly lang: string; readonly dir: string; readonly scrollWidth: number };
  readonly body: object;
};
declare function getComputedStyle(element: object): { readonly display: string; readonly direction: string; readonly backgroundColor: string };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
const AGDREF = '7512345678';
const PASSWORD = 'Correct&Horse7battery';

let served: Served;
let deps: TestDeps;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

function office(path: string, method: string, body: unknown): Promise<Response> {
  return officeAt(baseUrl, path, method, body);
}

const pdf = pdfBase64;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  served = await serveApp();
  deps = served.deps;
  baseUrl = served.baseUrl;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'fr-FR', acceptDownloads: true });
  page = await context.newPage();
  collectConsoleErrors(page, consoleErrors);
}, 60_000);

afterAll(() => closeBrowserAndApp(browser, served));

describe('the applicant’s journey in a browser', () => {
  it('activates, logs in, opens a decision, reads in Arabic and logs out', async () => {
    // Arrange: the office registers the applicant and deposits two letters.
    const registered = await office('/api/v1/agent/applicants', 'POST', { agdref: AGDREF, phone: '0612345678' });
    const { connectionKey } = (await registered.json()) as { connectionKey: string };
    expect((await office(`/api/v1/agent/applicants/${AGDREF}/documents/CONV-1`, 'PUT', { type: 'convocation', contentBase64: pdf('Convocation') })).status).toBe(201);
    expect(
      (await office(`/api/v1/agent/applicants/${AGDREF}/documents/DEC-1`, 'PUT', { type: 'decision', outcome: 'rejection', contentBase64: pdf('Decision: rejection') })).status,
    ).toBe(201);

    // Activate.
    await page.goto(`${baseUrl}/activate`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await shot('01-activate');
    await page.getByLabel('Numéro AGDREF').fill(AGDREF);
    await page.getByLabel('Clé de connexion').fill(connectionKey);
    await page.getByLabel('Nouveau mot de passe').fill(PASSWORD);
    await page.getByLabel('Écrivez le mot de passe une deuxième fois').fill(PASSWORD);
    await page.getByRole('button', { name: 'Activer mon espace' }).click();
    // Activation logs the applicant in.
    await page.waitForURL(`${baseUrl}/documents?notice=activated`);
    expect(await page.locator('.notice').textContent()).toBe('Votre espace est activé et vous êtes connecté.');
    await shot('02-letters-after-activation');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${baseUrl}/?notice=logged-out`);

    // Log in and see the red banner.
    await page.getByLabel('Numéro de dossier OFPRA ou numéro AGDREF').fill(AGDREF);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${baseUrl}/documents`);
    expect(await page.locator('.banner').textContent()).toBe('Vous avez 2 nouveaux courriers non lus.');
    expect(await page.locator('.banner').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(176, 0, 32)');
    // At 360 px the table is a list of cards.
    expect(await page.locator('table.cards tbody tr').first().evaluate((el) => getComputedStyle(el).display)).toBe('block');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot('03-letters-unread-phone');

    // Open the decision: the first opening is recorded before the PDF is sent.
    await page.locator('a[href="/documents/DEC-1"]').click();
    await page.waitForURL(`${baseUrl}/documents/DEC-1`);
    expect(await page.locator('main').textContent()).toContain('Ouvrez ce courrier au plus tard le 05/05/2023');
    await shot('04-decision-before-opening');
    const [pdfResponse] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/documents/DEC-1/pdf')),
      page.getByRole('link', { name: 'Ouvrir le courrier (PDF)' }).click(),
    ]);
    expect(pdfResponse.status()).toBe(200);
    await page.waitForLoadState();
    await page.waitForTimeout(1000); // only so that the screenshot shows the rendered PDF
    await shot('05-decision-pdf');
    expect(pdfResponse.headers()['content-type']).toBe('application/pdf');
    expect((await deps.letters.get('DEC-1'))?.firstOpenedAt).toBe(deps.clock.now());
    expect((await deps.letters.get('DEC-1'))?.evidence.map((e) => e.event)).toContain('firstOpened');

    // The letter is read; its deadlines are shown prominently.
    await page.goto(`${baseUrl}/documents/DEC-1`);
    const details = (await page.locator('main').textContent()) ?? '';
    expect(details).toContain('Dernier jour pour faire un recours devant la CNDA');
    expect(details).toContain('22/05/2023');
    await shot('06-decision-opened-deadlines');
    await page.goto(`${baseUrl}/documents`);
    expect(await page.locator('tr', { has: page.locator('a[href="/documents/DEC-1"]') }).textContent()).toContain('Lu le 20/04/2023');
    expect(await page.locator('.banner').textContent()).toBe('Vous avez 1 nouveau courrier non lu.');
    await shot('07-letters-read-phone');
    await page.setViewportSize({ width: 1000, height: 640 });
    await shot('08-letters-read-desktop');
    await docsScreenshot(page, 'letters-page.png');
    await page.setViewportSize(PHONE_VIEWPORT);

    // Switch to Arabic through the header's language link: right to left, and the account keeps the choice.
    await page.locator('a.lang-link').click();
    await page.waitForURL(`${baseUrl}/language?back=%2Fdocuments`);
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForURL(`${baseUrl}/documents`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction])).toEqual([
      'ar',
      'rtl',
      'rtl',
    ]);
    expect(await page.locator('h1').textContent()).toBe('مستنداتي');
    expect((await deps.applicants.get(AGDREF))?.language).toBe('ar');
    await shot('09-letters-arabic');

    // Log out: the letters page is closed.
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.waitForURL(`${baseUrl}/?notice=logged-out`);
    await shot('10-logged-out');
    await page.goto(`${baseUrl}/documents`);
    expect(page.url()).toBe(`${baseUrl}/?notice=login-required`);
    expect(await page.locator('#password').count()).toBe(1);

    // Nothing was blocked by the Content-Security-Policy, nothing failed in the console.
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
