/**
 * `npm run build`: bundles each Lambda entry the way the CDK stacks do (minified ESM for
 * Node.js 22 with the AWS SDK inside) into dist/functions/<name>/index.mjs, writes esbuild's
 * metafile beside it (inspect with https://esbuild.github.io/analyze/) and prints the sizes.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CREATE_REQUIRE_BANNER, entryPath, LAMBDA_ALIASES, FUNCTION_ENTRIES, NODE_TARGET, PROJECT_ROOT } from '../infra/bundling.ts';
import type { FunctionName } from '../infra/bundling.ts';

export interface BundleReport {
  readonly name: FunctionName;
  readonly file: string;
  readonly bytes: number;
}

export const DEFAULT_OUTDIR = join(PROJECT_ROOT, 'dist', 'functions');

export async function buildFunctions(outdir: string = DEFAULT_OUTDIR): Promise<BundleReport[]> {
  const names = Object.keys(FUNCTION_ENTRIES) as FunctionName[];
  return Promise.all(
    names.map(async (name) => {
      const file = join(outdir, name, 'index.mjs');
      mkdirSync(join(outdir, name), { recursive: true });
      const result = await build({
        entryPoints: [entryPath(name)],
        outfile: file,
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        target: NODE_TARGET,
        mainFields: ['module', 'main'],
        charset: 'utf8',
        alias: LAMBDA_ALIASES,
        banner: { js: CREATE_REQUIRE_BANNER },
        metafile: true,
        logLevel: 'warning',
      });
      writeFileSync(join(outdir, name, 'meta.json'), JSON.stringify(result.metafile));
      return { name, file, bytes: statSync(file).size };
    }),
  );
}

async function main(): Promise<void> {
  const outdir = resolve(process.argv[2] ?? DEFAULT_OUTDIR);
  for (const bundle of await buildFunctions(outdir)) {
    console.log(`${bundle.name.padEnd(10)} ${(bundle.bytes / 1024).toFixed(1).padStart(8)} KB  ${bundle.file}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
