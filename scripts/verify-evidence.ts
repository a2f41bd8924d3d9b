/**
 * `npm run verify-evidence -- EXPORT.json --keys JWKS.json`: checks a letter's evidence export
 * offline — no store, no network (R12, docs/evidence.md): the chain, its head, the signature and,
 * when present, the checkpoint and its inclusion proof.
 * Exit 0: valid. Exit 1: invalid, the reason on one line. Exit 2: unreadable input or usage.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { UnreadableEvidenceError, verifyEvidence } from '../shared/use-cases/verify-evidence.ts';

const USAGE = 'usage: npm run verify-evidence -- EXPORT.json --keys JWKS.json';

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UnreadableEvidenceError(`cannot read the ${what} ${path}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UnreadableEvidenceError(`the ${what} ${path} is not JSON`);
  }
}

async function main(): Promise<number> {
  let exportPath: string | undefined;
  let keysPath: string | undefined;
  try {
    const { positionals, values } = parseArgs({ allowPositionals: true, options: { keys: { type: 'string' } } });
    exportPath = positionals[0];
    keysPath = values.keys;
    if (positionals.length !== 1) throw new Error('one export file expected');
  } catch {
    console.error(USAGE);
    return 2;
  }
  if (exportPath === undefined || keysPath === undefined) {
    console.error(USAGE);
    return 2;
  }
  try {
    const verdict = await verifyEvidence(await readJson(exportPath, 'export'), await readJson(keysPath, 'key set'));
    if (verdict.valid) {
      console.log(`valid: ${exportPath}`);
      return 0;
    }
    console.log(`invalid: ${verdict.reason}`);
    return 1;
  } catch (error) {
    if (error instanceof UnreadableEvidenceError) {
      console.error(`unreadable: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`unreadable: ${error instanceof Error ? error.message : String(error)}`);
  return 2;
});
