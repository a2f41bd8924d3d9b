/**
 * The real `npm start` as a child process (its own process group, a temporary DATA_DIR), and an
 * HTTP client that can speak from any loopback address (127.x.y.z: each address is one client for
 * the per-client rate limit). Shared by the black-box security tests and `npm run bench`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../shared/adapters/local/dynamodb-local.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json<T = { error: { code: string; message: string; fields?: Record<string, string> } }>(): T;
}

export interface SendOptions {
  readonly body?: unknown;
  /** A body sent as is (JSON content type). */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  /** The loopback address the request comes from (default 127.0.0.1). */
  readonly from?: string;
}

export interface LocalServer {
  readonly port: number;
  readonly dataDir: string;
  /** Everything the server printed so far. */
  output(): string;
  send(method: string, path: string, options?: SendOptions): Promise<Answer>;
  stop(): Promise<void>;
}

/** Starts `npm start` with `env` added; resolves once it prints that it is running. */
export async function startLocalServer(env: Record<string, string>, timeoutMs = 120_000): Promise<LocalServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailbox-server-'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const stopped = new Promise((done) => child.once('exit', done));
      process.kill(-child.pid, 'SIGINT');
      await Promise.race([stopped, new Promise((done) => setTimeout(done, 15_000))]);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the whole group is gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((ready, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start not ready in time:\n${output}`)), timeoutMs);
      child.stdout?.on('data', () => {
        if (output.includes('Digital mailbox running at')) {
          clearTimeout(timer);
          ready();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited early (${code}):\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, dataDir, output: () => output, send: (method, path, options) => send(port, method, path, options), stop };
}

/** One HTTP request to 127.0.0.1:`port`. */
export function send(port: number, method: string, path: string, options: SendOptions = {}): Promise<Answer> {
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolveAnswer, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: options.from ?? '127.0.0.1',
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
