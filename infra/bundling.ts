/**
 * How a Lambda function is bundled, shared by the CDK stacks (NodejsFunction) and
 * scripts/build.ts (the bundle budget), so the measured bundle is the deployed one.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../shared/domain/types.ts';
import { EXTRA_LANGUAGES } from '../shared/http/i18n/catalogue.ts';

/** The Lambda entry points, by function name. */
export const FUNCTION_ENTRIES = {
  api: 'functions/api.ts',
  office: 'functions/office.ts',
  deadline: 'functions/deadline.ts',
  sweep: 'functions/sweep.ts',
  alerts: 'functions/alerts.ts',
} as const;

export type FunctionName = keyof typeof FUNCTION_ENTRIES;

/** The repository root (where package-lock.json is). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export function entryPath(name: FunctionName): string {
  return fileURLToPath(new URL(`../${FUNCTION_ENTRIES[name]}`, import.meta.url));
}

/** esbuild target matching the Lambda runtime (nodejs22.x). */
export const NODE_TARGET = 'node22';

/**
 * The bundled AWS SDK (CommonJS inside) calls `require('node:https')`; an ESM bundle has no
 * `require`, so esbuild's shim throws "Dynamic require of node:https" unless one is defined.
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * In Lambda the credentials are always in the environment, so the SDK's default provider chain
 * (SSO, STS web identity, INI files, IMDS… about 90 KB minified, with their nested clients) is
 * replaced in the bundles by the environment provider alone.
 */
export const LAMBDA_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': fileURLToPath(new URL('./lambda-credentials.ts', import.meta.url)),
};

/**
 * esbuild conditions of the Lambda bundles. `lambda` selects the bundle side of package.json
 * `imports` (`#extra-catalogues`: the catalogues other than fr/en are loaded from files beside the
 * bundle, see shared/http/i18n/index.ts); `module` is the condition esbuild applies by default
 * when none is given, kept so that every package resolves exactly as before.
 */
export const LAMBDA_CONDITIONS: readonly string[] = ['lambda', 'module'];

/** Files a function loads at run time from beside its `index.mjs`, each built from one source entry. */
export interface SideBundle {
  /** Source files, relative to the project root. */
  readonly entries: readonly string[];
  /** Where the built files go, relative to the function's output directory. */
  readonly outdir: string;
}

/** R12: the KMS client, required on the first evidence signature or public-key read (`#kms-sdk`), ships as `sdk/kms-sdk.cjs`. */
const KMS_SDK: SideBundle = { entries: ['shared/adapters/aws/kms-sdk.ts'], outdir: 'sdk' };

/** argon2id (hash-wasm, ~30 KB), required on the first hash or verification (`#password-hasher`), ships as `argon2-hasher.cjs`. */
const ARGON2_HASHER: SideBundle = { entries: ['shared/adapters/secrets/argon2-hasher.ts'], outdir: '.' };

/**
 * The alert wording (shared/domain/alert-wording/), one file per language as
 * `alert-wording/<language>.cjs` (`#alert-wording`: package.json `imports`), loaded the first time
 * an alert in that language is composed. Every function can compose alerts (the api a reset code,
 * the alerts function the deposit alerts and reminders it sends, the deadline function retries
 * scheduled before the alert queue existed), and inside every Lambda bundle `#alert-wording`
 * resolves to the loader: each ships the files.
 */
const ALERT_WORDING: SideBundle = {
  entries: LANGUAGES.map((language) => `shared/domain/alert-wording/${language}.ts`),
  outdir: 'alert-wording',
};

/**
 * The Paris calendar's Temporal computations with the Temporal polyfill (~54 KB),
 * `calendar-temporal.cjs` (`#calendar-temporal`), loaded the first time a date is computed.
 * Like the wording, every function's bundle resolves to the loader, so every function ships it.
 */
const CALENDAR_TEMPORAL: SideBundle = { entries: ['shared/domain/calendar-temporal.ts'], outdir: '.' };

/** The page catalogues beyond French (`#extra-catalogues`), one `i18n/<language>.cjs` each, English included (the API's messages). */
const EXTRA_CATALOGUES: SideBundle = { entries: EXTRA_LANGUAGES.map((language) => `shared/http/i18n/${language}.ts`), outdir: 'i18n' };

/** The pages' stylesheet (`#style-css`), read on its first request. */
const STYLE_SHEET: SideBundle = { entries: ['shared/http/assets/style-css.ts'], outdir: '.' };

/**
 * The api renders pages in ten languages: the nine catalogues beyond fr ship as
 * `i18n/<language>.cjs`. It sends nothing (a password-reset code is handed to the alert queue),
 * so it ships no SMS/e-mail client. argon2id, used only by log-in, activation and resets, ships as
 * `argon2-hasher.cjs` (`#password-hasher`: package.json `imports`). The KMS
 * client ships beside the api (public evidence keys), the office (signed exports) and the sweep
 * (daily checkpoint) as `sdk/kms-sdk.cjs` (`#kms-sdk`). argon2id ships beside the office (connection
 * keys of new applicants and helpers, reissued keys) and beside the deadline, sweep and alerts
 * functions, which share its composition root (functions/deps.ts) but never hash.
 */
export const SIDE_BUNDLES: Readonly<Partial<Record<FunctionName, readonly SideBundle[]>>> = {
  api: [
    ALERT_WORDING,
    CALENDAR_TEMPORAL,
    EXTRA_CATALOGUES,
    STYLE_SHEET,
    // The helpers' texts (`#helper-texts`): only the helper pages and the account's helpers section show them.
    { entries: ['shared/http/i18n/helper-texts.ts'], outdir: '.' },
    ARGON2_HASHER,
    KMS_SDK,
  ],
  // The office app shares the app shell (error pages, the stylesheet route) and the API's English messages.
  office: [ALERT_WORDING, CALENDAR_TEMPORAL, ARGON2_HASHER, KMS_SDK, EXTRA_CATALOGUES, STYLE_SHEET],
  deadline: [ALERT_WORDING, CALENDAR_TEMPORAL, ARGON2_HASHER],
  alerts: [ALERT_WORDING, CALENDAR_TEMPORAL, ARGON2_HASHER],
  sweep: [ALERT_WORDING, CALENDAR_TEMPORAL, ARGON2_HASHER, KMS_SDK],
};

/**
 * How side files are built (CommonJS, so that the ESM bundle can `require` them synchronously on
 * first use), as esbuild API options for scripts/build.ts; sideBundleCommand turns the very same
 * object into the command line that NodejsFunction's `afterBundling` hook runs.
 */
export const SIDE_BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'cjs',
  platform: 'node',
  target: NODE_TARGET,
  charset: 'utf8',
  outExtension: { '.js': '.cjs' },
  // ESM builds of the packages where they have one (the AWS SDK's), so that esbuild can drop what is unused.
  mainFields: ['module', 'main'],
  // Side files with the AWS SDK get the same reduced credential chain as the bundles.
  alias: LAMBDA_ALIASES,
  logLevel: 'warning',
} as const;

const isList = (value: unknown): value is readonly string[] => Array.isArray(value);
const kebab = (name: string) => name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/** esbuild command-line flags for API options (booleans, strings, lists, and maps such as `outExtension`). */
export function esbuildFlags(
  options: Readonly<Record<string, boolean | string | readonly string[] | Readonly<Record<string, string>>>>,
): string[] {
  return Object.entries(options).flatMap(([name, value]) => {
    if (value === true) return [`--${kebab(name)}`];
    if (value === false) return [];
    if (typeof value === 'string') return [`--${kebab(name)}=${value}`];
    if (isList(value)) return [`--${kebab(name)}=${value.join(',')}`];
    return Object.entries(value).map(([key, mapped]) => `--${kebab(name)}:${key}=${mapped}`);
  });
}

/** The shell command building a function's side files into `outputDir` (paths as the bundling sees them). */
export function sideBundleCommand(side: SideBundle, inputDir: string, outputDir: string): string {
  return [
    join(inputDir, 'node_modules', '.bin', 'esbuild'),
    ...side.entries.map((entry) => join(inputDir, entry)),
    ...esbuildFlags(SIDE_BUNDLE_OPTIONS),
    `--outdir=${join(outputDir, side.outdir)}`,
  ]
    .map(quote)
    .join(' ');
}
