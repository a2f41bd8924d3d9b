/**
 * `npm run build`: bundles each Lambda entry the way the CDK stacks do (minified ESM for
 * Node.js 22 with the AWS SDK inside) into dist/functions/<name>/index.mjs, writes esbuild's
 * metafile beside it (inspect with https://esbuild.github.io/analyze/), builds the files a
 * function loads from beside its bundle (the api's extra catalogues, `i18n/*.cjs`, as the CDK
 * bundling's afterBundling hook does) and prints the sizes.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Metafile, Plugin } from 'esbuild';
import {
  CREATE_REQUIRE_BANNER,
  entryPath,
  FUNCTION_ENTRIES,
  LAMBDA_ALIASES,
  LAMBDA_CONDITIONS,
  NODE_TARGET,
  PROJECT_ROOT,
  SIDE_BUNDLE_OPTIONS,
  SIDE_BUNDLES,
} from '../infra/bundling.ts';
import type { FunctionName } from '../infra/bundling.ts';

export interface BundleReport {
  readonly name: FunctionName;
  readonly file: string;
  /** Size of `index.mjs`, what the budget limits. */
  readonly bytes: number;
  /** Files deployed beside the bundle and loaded on demand (relative path → bytes); none for most functions. */
  readonly sideFiles: Readonly<Record<string, number>>;
}

export const DEFAULT_OUTDIR = join(PROJECT_ROOT, 'dist', 'functions');

/** The function's side files, as sideBundleCommand builds them in the CDK bundling. */
async function buildSideFiles(name: FunctionName, functionDir: string): Promise<Record<string, number>> {
  const files: Record<string, number> = {};
  for (const side of SIDE_BUNDLES[name] ?? []) {
    const result = await build({
      ...SIDE_BUNDLE_OPTIONS,
      mainFields: [...SIDE_BUNDLE_OPTIONS.mainFields],
      entryPoints: side.entries.map((entry) => join(PROJECT_ROOT, entry)),
      outdir: join(functionDir, side.outdir),
      metafile: true,
    });
    for (const [output, { bytes }] of Object.entries(result.metafile.outputs)) files[relative(functionDir, resolve(output))] = bytes;
  }
  return files;
}

/**
 * Bundles `entry` into `file` exactly as a function is bundled (the bench's floor bundle uses it
 * too; bench/init-parts.ts adds plugins that take one part out); returns the metafile.
 */
export async function bundleLikeAFunction(entry: string, file: string, plugins: readonly Plugin[] = []): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: NODE_TARGET,
    mainFields: ['module', 'main'],
    charset: 'utf8',
    alias: LAMBDA_ALIASES,
    conditions: [...LAMBDA_CONDITIONS],
    banner: { js: CREATE_REQUIRE_BANNER },
    metafile: true,
    logLevel: 'warning',
    plugins: [...plugins],
  });
  return result.metafile;
}

export async function buildFunctions(outdir: string = DEFAULT_OUTDIR): Promise<BundleReport[]> {
  const names = Object.keys(FUNCTION_ENTRIES) as FunctionName[];
  return Promise.all(
    names.map(async (name) => {
      const file = join(outdir, name, 'index.mjs');
      rmSync(join(outdir, name), { recursive: true, force: true });
      mkdirSync(join(outdir, name), { recursive: true });
      const metafile = await bundleLikeAFunction(entryPath(name), file);
      writeFileSync(join(outdir, name, 'meta.json'), JSON.stringify(metafile));
      return { name, file, bytes: statSync(file).size, sideFiles: await buildSideFiles(name, join(outdir, name)) };
    }),
  );
}

async function main(): Promise<void> {
  const outdir = resolve(process.argv[2] ?? DEFAULT_OUTDIR);
  for (const bundle of await buildFunctions(outdir)) {
    const side = Object.values(bundle.sideFiles).reduce((sum, bytes) => sum + bytes, 0);
    const beside = side === 0 ? '' : `  (+ ${(side / 1024).toFixed(1)} KB in ${Object.keys(bundle.sideFiles).length} files beside it, loaded on demand)`;
    console.log(`${bundle.name.padEnd(10)} ${(bundle.bytes / 1024).toFixed(1).padStart(8)} KB  ${bundle.file}${beside}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
