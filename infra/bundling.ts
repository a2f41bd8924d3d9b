/**
 * How a Lambda function is bundled, shared by the CDK stacks (NodejsFunction) and
 * scripts/build.ts (the bundle budget), so the measured bundle is the deployed one.
 */
import { fileURLToPath } from 'node:url';

/** The three Lambda entry points, by function name. */
export const FUNCTION_ENTRIES = {
  api: 'functions/api.ts',
  deadline: 'functions/deadline.ts',
  sweep: 'functions/sweep.ts',
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
