/**
 * `npm run office` with no server to talk to: it says where it looked, why there, and how to point
 * it elsewhere (the test with a running server is in npm-start.test.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../shared/adapters/local/dynamodb-local.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'office-cli-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function office(env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  const clean: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, AGENT_TOKEN: 'test-office-token-0123456789abcdef', ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete clean[name];
  try {
    await promisify(execFile)(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/office.ts', 'reissue-key', '--agdref', '7512345678'], { cwd: repoRoot, env: clean });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe('npm run office without a server', () => {
  it('names the address it tried, where it came from, and how to point it elsewhere', async () => {
    const port = await freePort();

    const { code, stderr } = await office({ PORT: String(port), OFFICE_URL: undefined });

    expect(code).toBe(2);
    expect(stderr).toContain(`No server answered at http://localhost:${port} (from PORT)`);
    expect(stderr).toContain('OFFICE_URL=http://host:port');
  }, 30_000);

  it('ignores a server.json left by a server that is gone', async () => {
    const port = await freePort();
    writeFileSync(join(dataDir, 'server.json'), JSON.stringify({ url: 'http://localhost:1', pid: 2 ** 22 + 12345, startedAt: '2023-01-01T00:00:00Z' }));

    const { stderr } = await office({ PORT: String(port), OFFICE_URL: undefined });

    expect(stderr).toContain(`http://localhost:${port}`);
    expect(stderr).not.toContain('http://localhost:1 ');
  }, 30_000);
});
