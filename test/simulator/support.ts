/** Paths and helpers shared by the simulator tests. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { CliIo } from '../../simulator/cli.ts';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
/** The example timelines of the README's quick start (docs/timelines.md). */
export const exampleTimelines = path.join(repoRoot, 'simulator', 'examples');
export const scenariosDir = path.join(repoRoot, 'simulator', 'scenarios');

/** Every timeline file of a folder (not its sub-folders). */
export function timelineFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(json|ya?ml)$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

export interface CapturedIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
}

/** A CLI io that keeps what the command prints. */
export function capture(): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (text) => stderr.push(text), isTTY: false };
}
