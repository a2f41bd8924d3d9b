import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { standInEnvironment } from '../../bench/functions.ts';
import { FUNCTION_ENTRIES } from '../../infra/bundling.ts';
import { builtBundles } from './support/built-bundles.ts';
import { EXTRA_LANGUAGES } from '../../shared/http/i18n/catalogue.ts';
import { accountHelperTexts, helperTextsFor } from '../../shared/http/i18n/helper-texts.ts';
import { STYLE_CSS } from '../../shared/http/assets/style-css.ts';
import type { Catalogue } from '../../shared/http/i18n/catalogue.ts';
import { catalogueFor } from '../../shared/http/i18n/index.ts';
import { alertWording } from '../../shared/domain/alert-wording/index.ts';
import * as calendarTemporal from '../../shared/domain/calendar-temporal.ts';
import { LANGUAGES } from '../../shared/domain/types.ts';

/** What every function loads from beside its bundle: the alert wording per language and the Temporal calendar. */
const EVERY_FUNCTION_SIDE_FILES = [...LANGUAGES.map((language) => join('alert-wording', `${language}.cjs`)), 'calendar-temporal.cjs'];

/** Cold starts grow with the bundle: each function stays within 800 KB minified (import time is measured by the bench). */
const BUDGET_BYTES = 800 * 1024;
/** The applicant-facing function's target (cloud rehearsal): cold start follows the bundle's size (bench/README.md). */
const API_TARGET_BYTES = 450 * 1024;

/** Every leaf of a catalogue, functions rendered with a sample argument. */
function rendered(catalogue: object): unknown {
  return Object.fromEntries(
    Object.entries(catalogue).map(([key, value]: [string, unknown]) => [
      key,
      typeof value === 'function' ? (value as (arg: number) => string)(3) : typeof value === 'object' && value !== null ? rendered(value) : value,
    ]),
  );
}

/** Runs the api bundle in a fresh node with the stacks' environment and sends it one API Gateway request. */
async function requestThroughBundle(file: string, path: string, headers: Record<string, string>): Promise<{ statusCode: number; body: string }> {
  const script = `
const { handler } = await import(process.argv[1]);
const [path, headers] = JSON.parse(process.argv[2]);
const http = { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'bundle-test' };
const event = { version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '', headers, isBase64Encoded: false,
  requestContext: { accountId: '123456789012', apiId: 'api', domainName: headers.host, domainPrefix: 'mailbox', http, requestId: 'r', routeKey: '$default', stage: '$default', time: '01/Jan/2024:00:00:00 +0000', timeEpoch: 0 } };
process.stdout.write(JSON.stringify(await handler(event, {})));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(file).href, JSON.stringify([path, headers])], {
    env: { PATH: process.env.PATH ?? '', ...standInEnvironment('api') },
  });
  return JSON.parse(stdout) as { statusCode: number; body: string };
}

/** Loads `argon2-hasher.cjs` from beside `bundleFile`, as the bundle does on its first hash, and hashes and verifies `secret` with it. */
async function expectArgon2idBeside(bundleFile: string, secret: string): Promise<void> {
  const hasher = createRequire(bundleFile)('./argon2-hasher.cjs') as { Argon2Hasher?: new () => { hash(s: string): Promise<string>; verify(h: string, s: string): Promise<boolean> } };
  const Hasher = hasher.Argon2Hasher;
  if (Hasher === undefined) throw new Error(`argon2-hasher.cjs beside ${bundleFile} exports no Argon2Hasher`);
  const hashed = await new Hasher().hash(secret);
  expect(hashed).toMatch(/^\$argon2id\$/);
  expect(await new Hasher().verify(hashed, secret)).toBe(true);
}

describe('bundle budget', () => {
  const bundle = builtBundles();

  it.each(Object.keys(FUNCTION_ENTRIES))('keeps the %s bundle within 800 KB minified', (name) => {
    expect(bundle(name).bytes).toBeGreaterThan(0);
    expect(bundle(name).bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('keeps the applicant-facing api bundle within 450 KB minified (cold start: the rest loads on first use)', () => {
    expect(bundle('api').bytes).toBeLessThanOrEqual(API_TARGET_BYTES);
  });

  it('ships the api’s catalogues beyond fr, its stylesheet, helper texts and argon2id beside its bundle (no SMS/e-mail senders: it sends nothing), built from the same sources', () => {
    const api = bundle('api');
    const catalogues = EXTRA_LANGUAGES.map((language) => join('i18n', `${language}.cjs`));
    expect(Object.keys(api.sideFiles).sort()).toEqual(
      [
        ...catalogues,
        'style-css.cjs',
        'helper-texts.cjs',
        'argon2-hasher.cjs',
        join('sdk', 'kms-sdk.cjs'),
        ...EVERY_FUNCTION_SIDE_FILES,
      ].sort(),
    );
    const requireBeside = createRequire(api.file);
    for (const language of EXTRA_LANGUAGES) {
      const shipped = (requireBeside(`./i18n/${language}.cjs`) as Record<string, Catalogue>)[language];
      expect(shipped, language).toBeDefined();
      expect(rendered(shipped ?? {}), language).toEqual(rendered(catalogueFor(language)));
    }
    // The office, deadline, sweep and alerts functions share functions/deps.ts: argon2id beside each, loaded on the first hash (only the office hashes).
    for (const name of ['deadline', 'alerts']) {
      expect(Object.keys(bundle(name).sideFiles).sort(), name).toEqual(['argon2-hasher.cjs', ...EVERY_FUNCTION_SIDE_FILES].sort());
    }
    // R12: the office signs exports and the sweep the daily checkpoint with the KMS client beside them.
    expect(Object.keys(bundle('sweep').sideFiles).sort()).toEqual(['argon2-hasher.cjs', join('sdk', 'kms-sdk.cjs'), ...EVERY_FUNCTION_SIDE_FILES].sort());
    expect(Object.keys(bundle('office').sideFiles).sort()).toEqual(
      ['argon2-hasher.cjs', join('sdk', 'kms-sdk.cjs'), ...catalogues, 'style-css.cjs', ...EVERY_FUNCTION_SIDE_FILES].sort(),
    );
    expect((requireBeside('./style-css.cjs') as { STYLE_CSS?: string }).STYLE_CSS).toBe(STYLE_CSS);
    const helperTexts = requireBeside('./helper-texts.cjs') as { helperTextsFor: typeof helperTextsFor; accountHelperTexts: typeof accountHelperTexts };
    expect(rendered(helperTexts.helperTextsFor('en'))).toEqual(rendered(helperTextsFor('en')));
    expect(rendered(helperTexts.accountHelperTexts('ar'))).toEqual(rendered(accountHelperTexts('ar')));
    const kms = requireBeside('./sdk/kms-sdk.cjs') as { loadKmsSdk(): Promise<{ client: { send: unknown }; SignCommand: unknown }> };
    expect(typeof kms.loadKmsSdk).toBe('function');
  });

  it.each(Object.keys(FUNCTION_ENTRIES))('R11: loads the alert wording and the Temporal calendar of the %s function from beside its bundle, built from the same sources', (name) => {
    const file = bundle(name).file;
    const source = readFileSync(file, 'utf8');
    const requireBeside = createRequire(file);
    for (const language of LANGUAGES) {
      const wording = alertWording(language);
      expect(source.includes(wording.email.securityFooter[0] ?? ''), `${language} wording inside index.mjs`).toBe(false);
      expect((requireBeside(`./alert-wording/${language}.cjs`) as Record<string, unknown>)[language], language).toEqual(wording);
    }
    // The others still carry their own Temporal for EventBridge Scheduler's `at()` expressions.
    if (name === 'api') expect(source.includes('getTimeZoneTransition'), 'Temporal inside index.mjs').toBe(false);
    const shipped = requireBeside('./calendar-temporal.cjs') as typeof calendarTemporal;
    // 2023-03-19T23:30Z is already 20 March in Paris; 26 March 2023 is the switch to summer time.
    for (const probe of [calendarTemporal, shipped]) {
      expect(probe.parisDate('2023-03-19T23:30:00.000Z')).toBe('2023-03-20');
      expect(probe.parisInstant('2023-03-26', '10:00')).toBe('2023-03-26T08:00:00.000Z');
    }
    expect(shipped.parisOffsetSpan(Date.parse('2023-06-01T00:00:00Z'))).toEqual(calendarTemporal.parisOffsetSpan(Date.parse('2023-06-01T00:00:00Z')));
  });

  it('keeps argon2id out of the office, deadline, sweep and alerts bundles, and the office hashes with the file beside it', async () => {
    const { readFileSync } = await import('node:fs');
    // hash-wasm's licence header names it: present in the side file, absent from the bundles.
    expect(readFileSync(join(dirname(bundle('office').file), 'argon2-hasher.cjs'), 'utf8')).toContain('hash-wasm');
    for (const name of ['office', 'deadline', 'sweep', 'alerts']) expect(readFileSync(bundle(name).file, 'utf8'), name).not.toContain('hash-wasm');
    await expectArgon2idBeside(bundle('office').file, 'ABCD-EFGH-JKMN-PQRS');
  }, 30_000);

  it('R12: keeps the S3 client out of the deadline bundle (only the office and the sweep get the checkpoint store)', async () => {
    const { readFileSync } = await import('node:fs');
    // The S3 client's operation names survive minification ('PutObject', the checkpoints' 'ObjectLock…').
    expect(readFileSync(bundle('deadline').file, 'utf8')).not.toContain('PutObject');
    for (const name of ['office', 'sweep']) expect(readFileSync(bundle(name).file, 'utf8'), name).toContain('ObjectLock');
  });

  it('keeps the office code, the S3 and Scheduler clients out of the applicant-facing bundle, and loads the side files it uses', async () => {
    const source = (await import('node:fs')).readFileSync(bundle('api').file, 'utf8');
    for (const absent of ['PutObjectCommand', 'CreateScheduleCommand', 'PublishCommand', 'SendEmailCommand', 'SendMessageCommand', 'argon2id']) {
      expect(source, absent).not.toContain(absent);
    }
    await expectArgon2idBeside(bundle('api').file, 'Correct horse 1;');
  }, 30_000);

  it('answers from the bundle in a language whose catalogue is loaded from beside it', async () => {
    const file = bundle('api').file;
    const georgian = await requestThroughBundle(file, '/', { host: 'mailbox.example.org', 'accept-language': 'ka' });
    const french = await requestThroughBundle(file, '/', { host: 'mailbox.example.org' });

    expect(georgian.statusCode).toBe(200);
    expect(georgian.body).toContain('lang="ka"');
    expect(georgian.body).toContain(catalogueFor('ka').siteName);
    expect(french.body).toContain(catalogueFor('fr').siteName);
  }, 30_000);

  it('serves the stylesheet from the file beside the bundle', async () => {
    const css = await requestThroughBundle(bundle('api').file, '/assets/style.css', { host: 'mailbox.example.org' });

    expect(css.statusCode).toBe(200);
    expect(css.body).toBe(STYLE_CSS);
  }, 30_000);
});
