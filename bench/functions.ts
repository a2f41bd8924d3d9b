/**
 * Lambda bundles: size and module initialisation. Builds the bundles exactly as they are deployed
 * (scripts/build.ts, same options as the CDK bundling) and, for each function, imports its
 * `index.mjs` in a fresh `node` process, again and again, with the environment the stacks set
 * (deploy-time values replaced by plausible stand-ins, as test/infra/bundling.test.ts does).
 * The time measured is the import alone — what a cold start spends in `INIT` once the runtime is
 * up: parsing the bundle, evaluating it, reading the configuration and building the clients (no
 * network: the SDK clients connect on first use). Target: ≤ 100 ms per function.
 *
 * The same run also times a floor bundle (bench/floor.ts: Hono and the DynamoDB client, nothing
 * else, built the same way). Imports of all bundles are interleaved, in a new random order each round, so that the
 * machine's load drifts alike for each; the applicant-facing `api` function's target is a median
 * within 1.5× of the floor's, with a bundle of at most 450 KB.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { stageConfig } from '../infra/config.ts';
import { functionEnvironment } from '../infra/function-environment.ts';
import type { FunctionName } from '../infra/bundling.ts';
import { buildFunctions, bundleLikeAFunction } from '../scripts/build.ts';

const run = promisify(execFile);

/** Imports per function; the first of each is discarded (disk cache warm-up). */
export const INIT_RUNS = 15;

const ACCOUNT = '123456789012';
const REGION = 'eu-west-3';

/** What a function's process sees in Lambda: the stacks' variables with stand-ins, and the runtime's own. */
export function standInEnvironment(name: FunctionName): Record<string, string> {
  const prefix = `mailbox-pilot`;
  return {
    ...functionEnvironment(name, {
      config: stageConfig(),
      tableName: `${prefix}-table`,
      bucketName: `${prefix}-letters-${ACCOUNT}`,
      keyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000000-0000-4000-8000-000000000000`,
      scheduleGroupName: `${prefix}-deadlines`,
      deadlineFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${prefix}-deadline`,
      schedulerRoleArn: `arn:aws:iam::${ACCOUNT}:role/${prefix}-scheduler`,
      deadLetterQueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${prefix}-dead-letters`,
      alertQueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${prefix}-alerts`,
    }),
    // R12: what DataStack.addEvidenceEnvironment adds to every function.
    EVIDENCE_KEY_ID: `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-1111-4111-8111-111111111111`,
    CHECKPOINT_BUCKET: `${prefix}-checkpoints-${ACCOUNT}-${REGION}`,
    CHECKPOINT_RETENTION_YEARS: '10',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'stand-in-session-token',
    AWS_LAMBDA_FUNCTION_NAME: `${prefix}-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Imports the bundle and prints how long the import took (ms), measured inside the child. */
const IMPORT_AND_TIME = `
const started = performance.now();
const bundle = await import(process.argv[1]);
const elapsed = performance.now() - started;
if (typeof bundle.handler !== 'function') throw new Error('no handler exported');
process.stdout.write(String(elapsed));
`;

/** One cold import of the bundle in a fresh node process: milliseconds. */
export async function timeInit(file: string, environment: Record<string, string>): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_AND_TIME, pathToFileURL(file).href], {
    // Only what Lambda would give (PATH for good measure): none of this machine's AWS settings.
    env: { PATH: process.env.PATH ?? '', ...environment },
  });
  return Number(stdout);
}

/** The value at `fraction` of an ascending list (0.5: the median; the lower one of an even list). */
export function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/**
 * Times each bundle's cold import `runs` times: one discarded warm-up import each (disk cache),
 * then rounds over all bundles, each round in a new random order — a process started right after
 * another one runs slower on this VM, so a fixed order would favour some bundles. Returns the
 * times of each bundle, in the order given.
 */
export async function interleavedInits(
  bundles: readonly { readonly file: string; readonly environment: Record<string, string> }[],
  runs: number,
  progress?: (round: number) => void,
): Promise<number[][]> {
  const times = bundles.map(() => [] as number[]);
  for (const bundle of bundles) await timeInit(bundle.file, bundle.environment);
  for (let run = 0; run < runs; run += 1) {
    progress?.(run + 1);
    const order = bundles.map((_, index) => index);
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
    }
    for (const index of order) {
      const bundle = bundles[index];
      if (bundle !== undefined) times[index]?.push(await timeInit(bundle.file, bundle.environment));
    }
  }
  return times;
}

/** The floor bundle's name in the results. */
export const FLOOR = 'floor (Hono + DynamoDB client)';

export interface FunctionBench {
  readonly name: FunctionName | typeof FLOOR;
  readonly bytes: number;
  readonly sideBytes: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly runs: number;
}

/** Builds the bundles into a temporary directory and times their initialisation. */
export async function measureFunctions(runs: number = INIT_RUNS): Promise<FunctionBench[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'mailbox-bench-bundles-'));
  try {
    const floorFile = join(outdir, 'floor', 'index.mjs');
    await bundleLikeAFunction(fileURLToPath(new URL('./floor.ts', import.meta.url)), floorFile);
    const bundles = [
      ...(await buildFunctions(outdir)).map((bundle) => ({ ...bundle, environment: standInEnvironment(bundle.name) })),
      { name: FLOOR as FunctionBench['name'], file: floorFile, bytes: statSync(floorFile).size, sideFiles: {}, environment: standInEnvironment('api') },
    ];
    const times = await interleavedInits(bundles, runs);
    return bundles.map((bundle, index) => {
      const sorted = [...(times[index] ?? [])].sort((a, b) => a - b);
      return {
        name: bundle.name,
        bytes: bundle.bytes,
        sideBytes: Object.values(bundle.sideFiles).reduce((sum, bytes) => sum + bytes, 0),
        medianMs: percentile(sorted, 0.5),
        p90Ms: percentile(sorted, 0.9),
        runs,
      };
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The applicant-facing function against the floor: its median init over the floor's. */
export function applicantRatio(results: readonly FunctionBench[]): number {
  const api = results.find((result) => result.name === 'api');
  const floor = results.find((result) => result.name === FLOOR);
  return api === undefined || floor === undefined ? Number.NaN : api.medianMs / floor.medianMs;
}

export function formatFunctionsBench(results: readonly FunctionBench[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const api = results.find((result) => result.name === 'api');
  const lines = [
    `Lambda bundles: module initialisation, ${results[0]?.runs ?? INIT_RUNS} cold imports each in a fresh node ${process.version} (budget 800 KB, target ≤ 100 ms)`,
    '',
    '| function | bytes | median init (ms) | p90 init (ms) |',
    '|---|---:|---:|---:|',
    ...results.map(
      (result) =>
        `| ${result.name} | ${result.bytes} (${kb(result.bytes)}${result.sideBytes === 0 ? '' : `; + ${kb(result.sideBytes)} loaded on demand`}) | ${result.medianMs.toFixed(1)} | ${result.p90Ms.toFixed(1)} |`,
    ),
    '',
    `applicant-facing api: ${api === undefined ? '?' : kb(api.bytes)} (target ≤ 450 KB), median init ${applicantRatio(results).toFixed(2)}× the floor's (target ≤ 1.5×)`,
  ];
  return lines.join('\n');
}

/** For bench/run.ts: builds, measures and returns the markdown table. */
export async function benchFunctions(): Promise<string> {
  return formatFunctionsBench(await measureFunctions());
}
