/**
 * Reads timeline files (JSON, or YAML for `.yaml`/`.yml`) and validates them. Every problem is
 * reported with the file's name and the JSON path of the bad field; callers run nothing unless
 * every file is valid.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { jsonErrorOffset, positionOf } from './json-position.ts';
import { validateTimeline, type TimelineFile, type ValidationIssue } from './schema.ts';

export type LoadedTimeline =
  | { readonly ok: true; readonly path: string; readonly file: TimelineFile }
  | { readonly ok: false; readonly path: string; readonly issues: readonly ValidationIssue[] };

/** Parses and validates one file's text; `path` only decides JSON vs YAML and names the file. */
export function parseTimeline(path: string, text: string): LoadedTimeline {
  let raw: unknown;
  const extension = extname(path).toLowerCase();
  try {
    // YAML 1.2 (the package's default core schema) keeps instants and dates as strings.
    raw = extension === '.yaml' || extension === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const yaml = extension === '.yaml' || extension === '.yml';
    // The yaml package's messages already say "at line L, column C".
    return { ok: false, path, issues: [{ path: '', message: yaml ? `not valid YAML: ${(error as Error).message}` : jsonSyntaxMessage(text, error) }] };
  }
  const outcome = validateTimeline(raw);
  return outcome.ok ? { ok: true, path, file: outcome.file } : { ok: false, path, issues: outcome.issues };
}

/** `not valid JSON at line 4, column 3: Expected ',' or '}' after property value` */
function jsonSyntaxMessage(text: string, error: unknown): string {
  const offset = jsonErrorOffset(text) ?? Number(/at position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
  const { line, column } = positionOf(text, offset);
  const reason = (error as Error).message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
  return `not valid JSON at line ${line}, column ${column}: ${reason}`;
}

export async function loadTimeline(path: string): Promise<LoadedTimeline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, path, issues: [{ path: '', message: `cannot read the file: ${(error as Error).message}` }] };
  }
  return parseTimeline(path, text);
}

/** One line per problem: `file.json: applicants[0].events[3].at: not an ISO-8601 instant with offset`. */
export function formatIssues(loaded: LoadedTimeline): string[] {
  if (loaded.ok) return [];
  return loaded.issues.map((issue) => `${loaded.path}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`);
}
