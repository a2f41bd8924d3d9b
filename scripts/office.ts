/**
 * The office's command line for local testing: calls the office API of the running local server
 * (`npm start`) so a tester can act as the office without writing HTTP by hand.
 *
 *   npm run office -- register --agdref 7512345678 [--file 2201234567] [--phone 0612345678] [--email a@b.fr] [--language en] [--paper]
 *   npm run office -- deposit --agdref 7512345678 --id DOC-1 --type decision --outcome rejection (--pdf letter.pdf | --demo-pdf)
 *   npm run office -- reissue-key --agdref 7512345678
 *   npm run office -- evidence --agdref 7512345678 --id DOC-1 [--out EXPORT.json]
 *   npm run office -- checkpoint
 *   npm run office -- keys [--out JWKS.json]
 *
 * Server: OFFICE_URL (default http://localhost:$PORT, PORT default 3000). Token: AGENT_TOKEN, or
 * the one `npm start` keeps in $DATA_DIR/agent-token.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeDemoPdf } from '../shared/adapters/local/demo-pdf.ts';

const usage = `usage: npm run office -- <command> [options]
  register     --agdref N [--file N] [--phone 06…] [--email x@y] [--language fr|en|…] [--paper]
  deposit      --agdref N --id DOCUMENT_ID --type TYPE [--outcome OUTCOME] [--title T] (--pdf FILE | --demo-pdf)
  reissue-key  --agdref N
  evidence     --agdref N --id DOCUMENT_ID [--out EXPORT.json]   (signed export, R12)
  checkpoint   commit every letter's chain head to a signed checkpoint now (R12)
  keys         [--out JWKS.json]   the public evidence keys`;

async function agentToken(): Promise<string> {
  if (process.env.AGENT_TOKEN) return process.env.AGENT_TOKEN;
  const file = join(process.env.DATA_DIR ?? '.data', 'agent-token');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    throw new Error(`No office token: set AGENT_TOKEN, or start the server once with \`npm start\` (it writes ${file}).`);
  }
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new Error(`--${name} is required.\n${usage}`);
  return value;
}

async function call(method: string, path: string, body?: unknown, out?: string): Promise<void> {
  const base = process.env.OFFICE_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;
  const response = await fetch(new URL(path, base), {
    method,
    headers: {
      authorization: `Bearer ${await agentToken()}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: show as is
  }
  console.log(`${response.status} ${response.statusText}`);
  if (out !== undefined && response.ok) {
    await writeFile(out, `${shown}\n`);
    console.log(`written to ${out}`);
  } else if (shown !== '') console.log(shown);
  if (!response.ok) process.exitCode = 1;
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      agdref: { type: 'string' },
      file: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      language: { type: 'string' },
      paper: { type: 'boolean' },
      id: { type: 'string' },
      type: { type: 'string' },
      outcome: { type: 'string' },
      title: { type: 'string' },
      pdf: { type: 'string' },
      'demo-pdf': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || command === undefined) {
    console.log(usage);
    return;
  }
  if (command === 'checkpoint') return call('POST', '/api/v1/agent/evidence/checkpoints');
  if (command === 'keys') return call('GET', '/.well-known/evidence-keys.json', undefined, values.out);
  const agdref = encodeURIComponent(required(values.agdref, 'agdref'));
  switch (command) {
    case 'register':
      return call('POST', '/api/v1/agent/applicants', {
        agdref: values.agdref,
        ...(values.file === undefined ? {} : { ofpraFileNumber: values.file }),
        ...(values.phone === undefined ? {} : { phone: values.phone }),
        ...(values.email === undefined ? {} : { email: values.email }),
        ...(values.language === undefined ? {} : { language: values.language }),
        ...(values.paper ? { paperDerogation: true } : {}),
      });
    case 'deposit': {
      const id = required(values.id, 'id');
      const type = required(values.type, 'type');
      let content: Uint8Array;
      if (values.pdf !== undefined) content = await readFile(values.pdf);
      else if (values['demo-pdf']) content = makeDemoPdf(['OFPRA', `Document ${id}`, `Type: ${type}`]);
      else throw new Error(`deposit needs --pdf FILE or --demo-pdf.\n${usage}`);
      return call('PUT', `/api/v1/agent/applicants/${agdref}/documents/${encodeURIComponent(id)}`, {
        type,
        ...(values.outcome === undefined ? {} : { outcome: values.outcome }),
        ...(values.title === undefined ? {} : { title: values.title }),
        contentBase64: Buffer.from(content).toString('base64'),
      });
    }
    case 'reissue-key':
      return call('POST', `/api/v1/agent/applicants/${agdref}/connection-key`);
    case 'evidence':
      return call('GET', `/api/v1/agent/applicants/${agdref}/documents/${encodeURIComponent(required(values.id, 'id'))}/evidence`, undefined, values.out);
    default:
      throw new Error(`unknown command "${command}".\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
