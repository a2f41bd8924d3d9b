/**
 * Where the running local server is: `npm start` writes `server.json` in its data folder
 * (`{url, pid, startedAt}`) and removes it when it stops, so the office CLI (`npm run office`)
 * finds the server on whatever port it was started, from the same `DATA_DIR`.
 */
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SERVER_FILE = 'server.json';

export interface RunningServer {
  readonly url: string;
  readonly pid: number;
  readonly startedAt: string;
}

/** Announces a started server; returns what removes the announcement. */
export async function announceServer(dataDir: string, server: RunningServer): Promise<() => Promise<void>> {
  const file = join(dataDir, SERVER_FILE);
  await writeFile(file, `${JSON.stringify(server, null, 2)}\n`, 'utf8');
  return () => rm(file, { force: true });
}

/** The server announced in `dataDir`, if its process is still alive (a crash leaves a stale file behind). */
export function findRunningServer(dataDir: string): RunningServer | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dataDir, SERVER_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { url, pid, startedAt } = parsed as Record<string, unknown>;
  if (typeof url !== 'string' || typeof pid !== 'number' || typeof startedAt !== 'string') return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but someone else's process; ESRCH: gone.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { url, pid, startedAt };
}
