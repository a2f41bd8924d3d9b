/**
 * On a 360 px phone in a real browser (Debian's Chromium), in French and in Arabic, every page
 * state an applicant meets — blank forms, forms with errors, each step of the forgotten-password
 * flow, the language page, the letters (also for a paper derogation), a letter before and after
 * opening, the legal-aid form with an error, the account page and its warnings, an unknown
 * address, the logged-out page — has 0 violations of axe-core's default rules, a header short
 * enough that content starts in the first screen, no sideways scrolling, and tap targets of at
 * least 44 × 44 px. The language page renders every script with a font that has its glyphs
 * (never boxes): its screenshot is the README's, docs/languages-page.png (refreshed by `npm run screenshots`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/domain/types.ts';
import { LANGUAGE_NAMES } from '../../shared/http/i18n/index.ts';
import { PHONE_VIEWPORT, axeViolations, docsScreenshot, launchChromium, office, pdfBase64, serveApp, closeBrowserAndApp } from './browser-support.ts';
import type { AxeViolation, Served } from './browser-support.ts';

// The page.evaluate callbacks run in the browser; only the DOM names they use are declared here.
declare const document: {
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  querySelector(selector: string): BrowserElement | null;
  readonly documentElement: { readonly scrollWidth: number };
};
interface BrowserElement {
  getBoundingClientRect(): { readonly top: number; readonly width: number; readonly height: number };
  readonly outerHTML: string;
}
declare function getComputedStyle(element: BrowserElement): { readonly visibility: string; readonly display: string };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
const APPLICANT = '7512345678';
const PAPER_APPLICANT = '7512345679';
const PASSWORD = 'Correct&Horse7battery';
/** Where the content starts at the latest on a phone: the old header and ten-button switch took ~230 px. */
const MAX_CONTENT_TOP_PX = 140;
const MIN_TARGET_PX = 44;

let served: Served;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let connectionKey = '';
const audits = new Map<string, AxeViolation[]>();
const layoutProblems: string[] = [];

/** Audits the page as it is: axe-core, where the content starts, sideways scrolling, tap targets; and a screenshot. */
async function check(language: Language, state: string): Promise<void> {
  const label = `${language} ${state}`;
  audits.set(label, await axeViolations(page));
  const layout = await page.evaluate((minimum) => {
    const visible = (element: BrowserElement) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    };
    const selector = 'header a, header button, main a, main button, main select, main input:not([type=hidden]):not([type=radio]), main label.radio';
    const small = Array.from(document.querySelectorAll(selector))
      .filter(visible)
      .map((element) => ({ html: element.outerHTML.slice(0, 90), box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < minimum || box.height < minimum)
      .map(({ html, box }) => `${html} is ${Math.round(box.width)}×${Math.round(box.height)}`);
    return { contentTop: document.querySelector('main')?.getBoundingClientRect().top ?? 0, scrollWidth: document.documentElement.scrollWidth, small };
  }, MIN_TARGET_PX);
  if (layout.contentTop > MAX_CONTENT_TOP_PX) layoutProblems.push(`${label}: content starts at ${Math.round(layout.contentTop)} px`);
  if (layout.scrollWidth > PHONE_VIEWPORT.width) layoutProblems.push(`${label}: ${layout.scrollWidth} px wide`);
  for (const target of layout.small) layoutProblems.push(`${label}: ${target}`);
  await page.screenshot({ path: join(SCREENSHOTS, `phone-${language}-${state}.png`), fullPage: true });
}

/** Fills the login form and sends it. */
async function logInWith(identifier: string, password: string): Promise<void> {
  await page.locator('#identifier').fill(identifier);
  await page.locator('#password').fill(password);
  await submit();
}

async function submit(): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator('main form button[type=submit]').first().click()]);
}

/** Through the header's language link and the language page, as an applicant does it. */
async function chooseLanguage(language: Language): Promise<void> {
  await page.locator('a.lang-link').click();
  await page.waitForURL(/\/language\?back=/);
  await page.getByRole('button', { name: LANGUAGE_NAMES[language] }).click();
  await page.waitForLoadState('load');
}

async function visitorStates(language: Language): Promise<void> {
  await page.goto(`${served.baseUrl}/`);
  if (language !== 'fr') await chooseLanguage(language);
  await check(language, 'login');
  await logInWith('7500000000', 'Wrong&Password1');
  expect(await page.locator('.error-summary').count()).toBe(1);
  await check(language, 'login-error');

  await page.goto(`${served.baseUrl}/activate`);
  await check(language, 'activate');
  await page.locator('#agdref').fill('٧٥٠٠٠٠٠٠٠١');
  await page.locator('#connectionKey').fill('k7qf-9m2x-pr4d-8ztw');
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#confirmPassword').fill(PASSWORD);
  await submit();
  expect(await page.locator('#connectionKey').inputValue()).toBe('k7qf-9m2x-pr4d-8ztw');
  expect(await page.locator('#password').inputValue()).toBe('');
  await check(language, 'activate-error');

  await page.goto(`${served.baseUrl}/password/forgot`);
  await check(language, 'forgot');
  await submit();
  await check(language, 'forgot-error');
  await page.locator('#identifier').fill(APPLICANT);
  await page.locator('#method-key').check();
  await submit();
  await check(language, 'forgot-with-key');
  await page.goto(`${served.baseUrl}/password/forgot`);
  await page.locator('#identifier').fill(APPLICANT);
  await page.locator('#method-sms').check();
  await submit();
  expect(await page.locator('#code').count()).toBe(1);
  await check(language, 'forgot-with-code');

  await page.goto(`${served.baseUrl}/language?back=%2F`);
  await check(language, 'language');
}

async function applicantStates(language: Language): Promise<void> {
  if (language === 'fr') {
    // Activation logs the applicant in: the letters come next.
    await page.goto(`${served.baseUrl}/activate`);
    await page.locator('#agdref').fill(APPLICANT);
    await page.locator('#connectionKey').fill(connectionKey.toLowerCase());
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#confirmPassword').fill(PASSWORD);
    await submit();
    await page.waitForURL(`${served.baseUrl}/documents?notice=activated`);
    await check(language, 'letters-after-activation');
  } else {
    await page.goto(`${served.baseUrl}/`);
    await logInWith(APPLICANT, PASSWORD);
    await page.waitForURL(`${served.baseUrl}/documents`);
    await chooseLanguage(language);
  }
  await page.goto(`${served.baseUrl}/documents`);
  await check(language, 'letters');
  await page.goto(`${served.baseUrl}/documents/CONV-1`);
  await check(language, 'letter-unread');
  expect((await page.request.get(`${served.baseUrl}/documents/DEC-1/pdf`)).status()).toBe(200);
  await page.goto(`${served.baseUrl}/documents/DEC-1`);
  await check(language, 'decision-notified');
  await page.locator('#requestedOn').fill('2023-04-19');
  await submit();
  expect(await page.locator('.error-summary').count()).toBe(1);
  await check(language, 'legal-aid-error');

  await page.goto(`${served.baseUrl}/account`);
  await check(language, 'account');
  await page.locator('#phone').fill('01 23');
  await page.locator('main form').first().locator('button[type=submit]').click();
  await page.waitForLoadState('load');
  await check(language, 'account-error');
  await page.locator('#phone').fill('');
  await page.locator('#email').fill('');
  await page.locator('main form').first().locator('button[type=submit]').click();
  await page.waitForLoadState('load');
  await check(language, 'confirm-remove-contact');

  await page.goto(`${served.baseUrl}/no-such-page`);
  expect(await page.locator('header form[action="/logout"]').count()).toBe(1);
  await check(language, 'not-found-logged-in');
  await page.locator('header form[action="/logout"] button').click();
  await page.waitForURL(/notice=logged-out/);
  await check(language, 'logged-out');

  await logInWith(PAPER_APPLICANT, PASSWORD);
  await page.waitForURL(`${served.baseUrl}/documents`);
  if (language !== 'fr') await chooseLanguage(language);
  await check(language, 'letters-paper-derogation');
  await page.locator('header form[action="/logout"] button').click();
  await page.waitForURL(/notice=logged-out/);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  served = await serveApp();
  const registered = await office(served.baseUrl, '/api/v1/agent/applicants', 'POST', { agdref: APPLICANT, phone: '0612345678', email: 'a@example.org' });
  connectionKey = ((await registered.json()) as { connectionKey: string }).connectionKey;
  await office(served.baseUrl, `/api/v1/agent/applicants/${APPLICANT}/documents/CONV-1`, 'PUT', { type: 'convocation', contentBase64: pdfBase64('Convocation') });
  await office(served.baseUrl, `/api/v1/agent/applicants/${APPLICANT}/documents/DEC-1`, 'PUT', { type: 'decision', outcome: 'rejection', contentBase64: pdfBase64('Decision') });
  const paper = await office(served.baseUrl, '/api/v1/agent/applicants', 'POST', { agdref: PAPER_APPLICANT, paperDerogation: true });
  const paperKey = ((await paper.json()) as { connectionKey: string }).connectionKey;
  await office(served.baseUrl, '/api/v1/account/activate', 'POST', { agdref: PAPER_APPLICANT, connectionKey: paperKey, password: PASSWORD });
  await office(served.baseUrl, `/api/v1/agent/applicants/${PAPER_APPLICANT}/documents/CONV-P`, 'PUT', { type: 'convocation', contentBase64: pdfBase64('Convocation') });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'fr-FR' });
  page = await context.newPage();
}, 60_000);

afterAll(() => closeBrowserAndApp(browser, served));

describe('a 360 px phone, in French and in Arabic', () => {
  it.each(['fr', 'ar'] as const)(
    '%s: every page state has 0 axe-core violations, content in the first screen and 44 px tap targets',
    async (language) => {
      await visitorStates(language);
      await applicantStates(language);

      const visited = [...audits.keys()].filter((label) => label.startsWith(`${language} `));
      expect(visited.length).toBeGreaterThanOrEqual(19);
      const violations = visited.flatMap((label) =>
        (audits.get(label) ?? []).map((v) => `${label}: ${v.id} (${v.impact ?? '?'}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      );
      expect(violations).toEqual([]);
      expect(layoutProblems.filter((problem) => problem.startsWith(`${language} `))).toEqual([]);
    },
    180_000,
  );

  it('renders every language’s name with a font that has its script (no boxes), and makes the README screenshot', async () => {
    await page.goto(`${served.baseUrl}/language?back=%2F`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const fonts: Record<string, string[]> = {};
    for (const language of Object.keys(LANGUAGE_NAMES) as Language[]) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `button[value="${language}"]` });
      const used = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      fonts[language] = used.fonts.filter((font) => font.glyphCount > 0).map((font) => font.familyName);
    }

    // The scripts a phone needs fonts for, beyond Latin and Cyrillic: Arabic (ar, prs, ps), Bengali, Georgian, Ethiopic (ti).
    for (const [language, script] of [['ar', /Arabic/], ['prs', /Arabic/], ['ps', /Arabic/], ['bn', /Bengali/], ['ka', /Georgian/], ['ti', /Ethiopic/]] as const) {
      expect(fonts[language]?.some((family) => script.test(family)), `${language}: ${fonts[language]?.join(', ')}`).toBe(true);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-languages.png'), fullPage: true });
    await docsScreenshot(page, 'languages-page.png');
  }, 60_000);
});
