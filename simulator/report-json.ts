/**
 * `--json`: the full result in docs/timelines.md's shape (`files[]` with `passed`, `failed`,
 * `applicants[].documents[]`, `failures[]`, then the totals), plus extra fields the contract
 * allows (evidence hashes, alerts, refused events, what the faults injected).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunResult } from './runner.ts';

export function toJson(result: RunResult | object): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export async function writeJsonReport(path: string, result: RunResult | object): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, toJson(result), 'utf8');
}
