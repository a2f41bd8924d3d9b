/**
 * The real `npm start` for black-box tests: spawned in its own process group on a temporary data
 * folder and a free port, awaited until it says it is running. Tests talk to it over HTTP only.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../shared/adapters/local/dynamodb-local.ts';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const START_TIMEOUT_MS = 90_000;

export interface StartedServer {
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly baseUrl: string;
  /** Everything printed so far. */
  output(): string;
  /** Seconds from spawn to readiness. */
  readonly startSeconds: number;
  /** Kills whatever is left of the process group and removes the data folder. */
  cleanUp(): void;
}

/** The pids still in a process group (empty once it has gone). */
export function processGroupMembers(pgid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
  } catch {
    return []; // ps exits 1 when the group is empty
  }
}

export async function startNpm(env: Readonly<Record<string, string>>): Promise<StartedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailbox-start-'));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const startedAt = performance.now();
  let output = '';
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...env },
    detached: true, // its own process group, so the test can look for leftovers
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const cleanUp = (): void => {
    if (child.pid !== undefined && processGroupMembers(child.pid).length > 0) process.kill(-child.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start not ready in time:\n${output}`)), START_TIMEOUT_MS);
      const check = (): void => {
        if (output.includes('Digital mailbox running at')) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited early (${code}):\n${output}`));
      });
    });
  } catch (error) {
    cleanUp();
    throw error;
  }
  return { child, dataDir, baseUrl, output: () => output, startSeconds: (performance.now() - startedAt) / 1000, cleanUp };
}

/** A JSON request to the running server (no Origin header, like a non-browser client). */
export function jsonInit(method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** `name=value` of the cookie `name` a response sets (empty when it sets none), ready for a Cookie header. */
export function cookieFrom(response: Response, name: string): string {
  return (response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`)) ?? '').split(';')[0] ?? '';
}
