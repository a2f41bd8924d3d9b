/**
 * The helper's pages in a real browser (Debian's Chromium driven by playwright-core), on a 360 px
 * wide phone, against the app served by @hono/node-server with in-memory deps (docs/api.md "Helpers"):
 * the helper activates and logs in through /helper, shows the grant code; the applicant gives
 * access on /account; the helper sees the list (soonest deadline first, ≤ 5 days in red, the next
 * step in words) and one person's letters without a title; the applicant sees the look and removes
 * access. Every page is checked with axe-core (no violation) and must fit 360 px. Screenshots go to
 * test/e2e/screenshots/helper-*.png (git-ignored; 06 is the daily summary switched on); the list also to docs/helper-list.png when asked (`npm run screenshots`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDeps } from '../support/builders.ts';
import { PHONE_VIEWPORT, axeViolations, docsScreenshot, launchChromium, office as officeAt, pdfBase64, serveApp, closeBrowserAndApp, collectConsoleErrors } from './browser-support.ts';
import type { Served } from './browser-support.ts';

declare const document: { readonly documentElement: { readonly scrollWidth: number } };
declare function getComputedStyle(element: object): { readonly color: string };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
const URGENT = '7512345678';
const CALM = '7598765432';
const PASSWORD = 'Correct&Horse7battery';
const EMAIL = 'anne.martin@cada-example.org';

let deps: TestDeps;
let served: Served | undefined;
let baseUrl: string;
let browser: Browser;
let helperPage: Page;
let applicantPage: Page;
const consoleErrors: string[] = [];

function office(path: string, method: string, body: unknown): Promise<Response> {
  return officeAt(baseUrl, path, method, body);
}

async function anApplicant(agdref: string): Promise<void> {
  const registered = await office('/api/v1/agent/applicants', 'POST', { agdref, language: 'en' });
  const { connectionKey } = (await registered.json()) as { connectionKey: string };
  const activated = await fetch(`${baseUrl}/api/v1/account/activate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agdref, connectionKey, password: PASSWORD }) });
  expect(activated.status).toBe(204);
}

async function depositLetter(agdref: string, id: string, type: string, extra: Record<string, string> = {}): Promise<void> {
  const body = { type, ...extra, contentBase64: pdfBase64(id) };
  expect((await office(`/api/v1/agent/applicants/${agdref}/documents/${id}`, 'PUT', body)).status).toBe(201);
}

/** axe-core on the page as it is: no violation of any rule (WCAG 2.x A/AA and best practices). */
async function expectAxeClean(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`)).toEqual([]);
}

async function fitsThePhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `helper-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  served = await serveApp();
  deps = served.deps;
  baseUrl = served.baseUrl;
  browser = await launchChromium();
  // Two people, two browsers: the helper's phone and the applicant's.
  for (const which of ['helper', 'applicant'] as const) {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'en-GB' });
    const page = await context.newPage();
    collectConsoleErrors(page, consoleErrors, `${which}: `);
    if (which === 'helper') helperPage = page;
    else applicantPage = page;
  }
}, 60_000);

afterAll(() => closeBrowserAndApp(browser, served));

describe('the helper’s pages in a browser at 360 px', () => {
  it('activate, log in, get access, see the list and the letters without titles, lose access; axe-clean throughout', async () => {
    // Arrange: URGENT's convocation has been waiting 12 days (4 days left, R6); CALM's is new.
    await anApplicant(URGENT);
    await anApplicant(CALM);
    await depositLetter(URGENT, 'CONV-OLD', 'convocation', { title: 'Private title of the convocation' });
    deps.clock.advance({ days: 12 });
    await depositLetter(CALM, 'CONV-NEW', 'convocation');
    await depositLetter(CALM, 'DEC-1', 'decision', { outcome: 'rejection', title: 'Private title of the decision' });
    const created = await office('/api/v1/agent/helpers', 'POST', { email: EMAIL, name: 'Anne Martin', organisation: 'CADA Example' });
    const { connectionKey } = (await created.json()) as { connectionKey: string };

    // The helper activates and logs in.
    await helperPage.goto(`${baseUrl}/helper`);
    await expectAxeClean(helperPage);
    await fitsThePhone(helperPage);
    await shot(helperPage, '01-login');
    await helperPage.locator('#activate-email').fill(EMAIL);
    await helperPage.locator('#activate-connectionKey').fill(connectionKey);
    await helperPage.locator('#activate-password').fill(PASSWORD);
    await helperPage.locator('#activate-confirmPassword').fill(PASSWORD);
    await helperPage.getByRole('button', { name: 'Activate my account' }).click();
    await helperPage.waitForURL(`${baseUrl}/helper?notice=activated`);
    await helperPage.getByLabel('E-mail address').first().fill(EMAIL);
    await helperPage.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await helperPage.getByRole('button', { name: 'Log in' }).click();
    await helperPage.waitForURL(`${baseUrl}/helper/applicants`);
    expect(await helperPage.locator('main').textContent()).toContain('Nobody has given you access yet.');
    const code = (await helperPage.getByTestId('grant-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{8}$/);

    // Both applicants give access on their account page.
    for (const agdref of [CALM, URGENT]) {
      await applicantPage.goto(`${baseUrl}/`);
      await applicantPage.locator('#identifier').fill(agdref);
      await applicantPage.locator('#password').fill(PASSWORD);
      await applicantPage.locator('form[action="/"] button[type="submit"]').click();
      await applicantPage.waitForURL(`${baseUrl}/documents`);
      await applicantPage.goto(`${baseUrl}/account`);
      await applicantPage.getByLabel('Give a helper access: the helper’s code').fill(code.toLowerCase());
      await applicantPage.getByRole('button', { name: 'Give access' }).click();
      await applicantPage.waitForURL(`${baseUrl}/account?helpers=granted#helpers-title`);
      expect(await applicantPage.locator('[data-helper]').textContent()).toContain('Anne Martin · CADA Example');
      if (agdref === URGENT) break;
      await applicantPage.getByRole('button', { name: 'Log out' }).click();
      await applicantPage.waitForURL(/notice=logged-out/);
    }

    // The helper's list: soonest deadline first, the urgent one in red with the next step in words.
    await helperPage.goto(`${baseUrl}/helper/applicants`);
    const rows = helperPage.locator('tbody tr');
    expect(await rows.evaluateAll((elements) => elements.map((element) => (element as unknown as { dataset: { agdref: string } }).dataset.agdref))).toEqual([URGENT, CALM]);
    const urgentStep = helperPage.locator(`tr[data-agdref="${URGENT}"] td.unread`);
    expect(await urgentStep.textContent()).toBe('Urgent — Unread letter: 4 days left before it counts as received');
    expect(await urgentStep.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(176, 0, 32)');
    expect(await helperPage.locator(`tr[data-agdref="${CALM}"] td.unread`).count()).toBe(0);
    await expectAxeClean(helperPage);
    await fitsThePhone(helperPage);
    await shot(helperPage, '02-list-phone');
    await docsScreenshot(helperPage, 'helper-list.png');

    // The daily e-mail summary: off by default, one button turns it on (no JavaScript), a notice says so.
    expect(await helperPage.getByTestId('digest-status').textContent()).toBe('The daily summary is off.');
    await helperPage.getByRole('button', { name: 'Get the daily summary' }).click();
    await helperPage.waitForURL(`${baseUrl}/helper/applicants?digest=on#digest-title`);
    expect(await helperPage.getByRole('status').textContent()).toContain('Daily summary on');
    expect(await helperPage.getByTestId('digest-status').textContent()).toBe('The daily summary is on.');
    await expectAxeClean(helperPage);
    await fitsThePhone(helperPage);
    await shot(helperPage, '06-digest-on');

    // One person's letters: kinds, dates, deadlines and the step in words — no title, no link to a PDF.
    await helperPage.locator(`a[href="/helper/applicants/${URGENT}"]`).click();
    await helperPage.waitForURL(`${baseUrl}/helper/applicants/${URGENT}`);
    const main = (await helperPage.locator('main').textContent()) ?? '';
    expect(main).toContain('Appointment unread for 12 days — 4 days left before it counts as received');
    expect(main).not.toContain('Private title');
    expect(await helperPage.locator('a[href*="/pdf"], a[href*="/content"]').count()).toBe(0);
    await expectAxeClean(helperPage);
    await fitsThePhone(helperPage);
    await shot(helperPage, '03-letters-phone');
    // R4: the helper's look opened nothing.
    expect((await deps.letters.get('CONV-OLD'))?.firstOpenedAt).toBeNull();

    // The applicant sees the look on /account and removes access.
    await applicantPage.goto(`${baseUrl}/account`);
    const helperCard = (await applicantPage.locator('[data-helper]').textContent()) ?? '';
    expect(helperCard).toContain('dates and deadlines of your letters');
    expect(helperCard).toContain('summary of your letters');
    await expectAxeClean(applicantPage);
    await fitsThePhone(applicantPage);
    await shot(applicantPage, '04-account-helpers');
    await applicantPage.getByRole('button', { name: 'Remove access — Anne Martin' }).click();
    await applicantPage.waitForURL(`${baseUrl}/account?helpers=removed#helpers-title`);
    expect(await applicantPage.locator('[data-helper]').count()).toBe(0);

    // At once, the helper gets "not found" and the person leaves the list.
    const gone = await helperPage.goto(`${baseUrl}/helper/applicants/${URGENT}`);
    expect(gone?.status()).toBe(404);
    await helperPage.goto(`${baseUrl}/helper/applicants`);
    expect(await helperPage.locator(`tr[data-agdref="${URGENT}"]`).count()).toBe(0);
    await shot(helperPage, '05-list-after-removal');

    // Nothing blocked by the Content-Security-Policy, nothing failed — but the 404 asked for above.
    expect(consoleErrors.filter((error) => !error.includes(`404 (Not Found) (${baseUrl}/helper/applicants/${URGENT})`))).toEqual([]);
  }, 120_000);
});
