/**
 * What the real-browser tests share: the app served by @hono/node-server on in-memory deps, Debian's
 * Chromium driven by playwright-core on a 360 px phone, the office calls that arrange a test, and
 * axe-core (its source injected into the page) for accessibility audits, and the README's
 * screenshots in docs/ (written only by `npm run screenshots`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { makeDemoPdf } from '../../scripts/local/demo-pdf.ts';
import { createApp } from '../../shared/http/create-app.ts';
import { makeDeps } from '../support/builders.ts';
import type { TestDeps } from '../support/builders.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Where the README's screenshots are (docs/ at the repository's root). */
export const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');

/** True only when asked to refresh the README's screenshots (`npm run screenshots` sets UPDATE_SCREENSHOTS=1). */
export function updatingDocsScreenshots(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPDATE_SCREENSHOTS === '1';
}

/** The README's screenshot `docs/<name>`: written only when asked, so that `npm test` never changes the repository. */
export async function docsScreenshot(page: Pick<Page, 'screenshot'>, name: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!updatingDocsScreenshots(env)) return false;
  await page.screenshot({ path: join(DOCS_DIR, name), fullPage: true });
  return true;
}
export const AGENT_TOKEN = 'e2e-agent-token-0123456789abcdef';
export const PHONE_VIEWPORT = { width: 360, height: 740 } as const;

export interface Served {
  readonly deps: TestDeps;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The app on a free local port, with in-memory deps (a fixed clock: 2023-04-20 10:00 Paris). */
export async function serveApp(): Promise<Served> {
  const deps = makeDeps();
  const app = createApp({ deps, agentAuth: { kind: 'bearer', token: AGENT_TOKEN }, secureCookies: false });
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  return {
    deps,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install -y chromium); it is missing.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** An office API call (Bearer token), as the office's systems make it. */
export function office(baseUrl: string, path: string, method: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export function pdfBase64(text: string): string {
  return Buffer.from(makeDemoPdf(['OFPRA', text])).toString('base64');
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: readonly string[] }>;
}

/**
 * axe-core's default rules on the page as it is now. The source is evaluated through the DevTools
 * protocol (the pages' Content-Security-Policy allows no inline script, and must not be relaxed).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** Collects the page's console errors into `errors` (the pages must log none), each prefixed with `label`. */
export function collectConsoleErrors(page: Page, errors: string[], label = ''): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${label}${message.text()} (${message.location().url})`);
  });
}

/** Closes what a browser test file started; either may be missing when its set-up failed. */
export async function closeBrowserAndApp(browser: Browser | undefined, served: Served | undefined): Promise<void> {
  await browser?.close();
  await served?.close();
}
