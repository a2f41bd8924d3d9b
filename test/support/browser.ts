/**
 * What the real-browser tests share: the app served by @hono/node-server on a free local port, and
 * Debian's Chromium driven by playwright-core (headless, nothing fetched from outside).
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { createApp } from '../../shared/http/create-app.ts';
import type { Deps } from '../../shared/ports.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots of the browser tests (git-ignored). */
export const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');

export interface ServedApp {
  readonly server: ServerType;
  readonly baseUrl: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** The app on these deps at http://127.0.0.1:<free port>, and a headless Chromium. */
export async function serveWithBrowser(deps: Deps, agentToken: string): Promise<ServedApp> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install -y chromium); it is missing.`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const app = createApp({ deps, agentAuth: { kind: 'bearer', token: agentToken }, secureCookies: false });
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
