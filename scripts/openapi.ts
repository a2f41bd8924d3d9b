/**
 * `npm run docs:openapi`: writes docs/openapi.json, the OpenAPI document the app serves at
 * `GET /api/v1/openapi.json` (generated from the route table, shared/http/openapi.ts), so that a
 * reader of the repository has it without running anything. test/docs/openapi-committed.test.ts
 * fails when the committed file differs from what the code serves.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createApp } from '../shared/http/create-app.ts';
import type { Deps } from '../shared/ports.ts';

export const OPENAPI_FILE = path.resolve(import.meta.dirname, '..', 'docs', 'openapi.json');
export const REGENERATE_COMMAND = 'npm run docs:openapi';

/**
 * The document exactly as served, pretty-printed. The app is built on dependencies that refuse
 * every use: describing the API must not touch a store, a clock or a provider.
 */
export async function servedOpenApiText(): Promise<string> {
  const unused = new Proxy({} as Deps, {
    get(_target, name) {
      throw new Error(`The OpenAPI document must not need deps.${String(name)}.`);
    },
  });
  const app = createApp({ deps: unused, agentAuth: { kind: 'iam' }, publicOrigin: 'https://mailbox.example.org' });
  const response = await app.request('/api/v1/openapi.json');
  if (response.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${response.status}.`);
  return `${JSON.stringify(await response.json(), null, 2)}\n`;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  await writeFile(OPENAPI_FILE, await servedOpenApiText(), 'utf8');
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
