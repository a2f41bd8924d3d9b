/**
 * Where the applicant-facing function's initialisation goes beyond the floor (`npm run bench --
 * --only init-parts`). The api bundle is built as deployed, then again with one part taken out at
 * a time (an esbuild plugin answers the part's module with a stand-in that does nothing), and
 * every variant is imported in interleaved rounds with the floor (bench/floor.ts). What a part
 * costs is the full bundle's median minus the variant's: the time a cold start would save if
 * that part were not initialised at all — the most that deferring or removing it could give.
 *
 * The stand-ins only serve the measurement: a variant's handler is never called.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { entryPath, PROJECT_ROOT } from '../infra/bundling.ts';
import { bundleLikeAFunction } from '../scripts/build.ts';
import { interleavedInits, percentile, standInEnvironment } from './functions.ts';

interface Part {
  readonly name: string;
  /** The imports (paths as written) this part answers with `stub`. */
  readonly matches: (path: string) => boolean;
  readonly stub: string;
}

const PARTS: readonly Part[] = [
  {
    name: 'the pages (applicants’ and helpers’)',
    matches: (path) => /pages\/(helper-)?routes\.tsx$/.test(path),
    stub: 'export const registerPages = () => undefined; export const registerHelperPages = () => undefined;',
  },
  {
    name: 'the helpers’ pages and API',
    matches: (path) => /(pages|api)\/helper-routes\.tsx?$/.test(path),
    stub: 'export const registerHelperPages = () => undefined; export const registerHelperRoutes = () => []; export const HELPER_SESSION_PATHS = [];',
  },
  {
    name: 'the whole app (routes, pages, schemas, use cases)',
    matches: (path) => /(^|\/)applicant-app\.ts$/.test(path),
    stub: "import { Hono } from 'hono'; export const createApplicantApp = () => new Hono();",
  },
  {
    name: 'Powertools Logger',
    matches: (path) => path === '@aws-lambda-powertools/logger',
    stub: 'export class Logger { info() {} warn() {} error() {} debug() {} }',
  },
];

function without(part: Part): Plugin {
  return {
    name: 'without-part',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => (part.matches(args.path) ? { path: 'stand-in', namespace: 'without-part' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'without-part' }, () => ({ contents: part.stub, loader: 'js', resolveDir: PROJECT_ROOT }));
    },
  };
}

export interface PartCost {
  readonly name: string;
  readonly bytes: number;
  readonly medianMs: number;
}

export async function measureInitParts(runs = 25): Promise<PartCost[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'mailbox-bench-parts-'));
  try {
    const variants = [
      { name: 'floor (Hono + DynamoDB client)', entry: fileURLToPath(new URL('./floor.ts', import.meta.url)), plugins: [] as Plugin[] },
      { name: 'api as deployed', entry: entryPath('api'), plugins: [] as Plugin[] },
      ...PARTS.map((part) => ({ name: `api without ${part.name}`, entry: entryPath('api'), plugins: [without(part)] })),
    ];
    const built = await Promise.all(
      variants.map(async (variant, index) => {
        const file = join(outdir, String(index), 'index.mjs');
        await bundleLikeAFunction(variant.entry, file, variant.plugins);
        return { ...variant, file, bytes: statSync(file).size, environment: standInEnvironment('api') };
      }),
    );
    const times = await interleavedInits(built, runs, (round) => process.stderr.write(`\rinit parts: round ${round}/${runs}`));
    process.stderr.write('\n');
    return built.map((variant, index) => ({ name: variant.name, bytes: variant.bytes, medianMs: percentile([...(times[index] ?? [])].sort((a, b) => a - b), 0.5) }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function formatInitParts(results: readonly PartCost[]): string {
  const [floor, api] = results;
  if (floor === undefined || api === undefined) return '';
  const lines = [
    `Applicant-facing api: init beyond the floor, by part (${process.version}; median of interleaved cold imports)`,
    '',
    '| bundle | bytes | median init (ms) | × floor | saved vs api (ms) |',
    '|---|---:|---:|---:|---:|',
    ...results.map(
      (result) =>
        `| ${result.name} | ${result.bytes} | ${result.medianMs.toFixed(1)} | ${(result.medianMs / floor.medianMs).toFixed(2)} | ${
          result === floor || result === api ? '' : (api.medianMs - result.medianMs).toFixed(1)
        } |`,
    ),
    '',
    `target: api ≤ 1.5 × floor = ${(1.5 * floor.medianMs).toFixed(1)} ms; as deployed: ${api.medianMs.toFixed(1)} ms (${(api.medianMs / floor.medianMs).toFixed(2)}×)`,
  ];
  return lines.join('\n');
}
