/**
 * The office's command line for local testing: calls the office API of the running local server
 * (`npm start`) so a tester can act as the office without writing HTTP by hand.
 *
 *   npm run office -- register --agdref 7512345678 [--file 2201234567] [--phone 0612345678] [--email a@b.fr] [--language en] [--paper]
 *   npm run office -- deposit --agdref 7512345678 --id DOC-1 --type decision --outcome rejection (--pdf letter.pdf | --demo-pdf)
 *     (a PDF over 3 MiB goes through the two-step upload: POST /api/v1/agent/uploads, PUT, deposit by uploadId)
 *   npm run office -- reissue-key --agdref 7512345678
 *   npm run office -- evidence --agdref 7512345678 --id DOC-1 [--out EXPORT.json]
 *   npm run office -- checkpoint
 *   npm run office -- keys [--out JWKS.json]
 *
 * Server: OFFICE_URL if set; else the server `npm start` announced in $DATA_DIR/server.json (the
 * same DATA_DIR, default .data, finds it on whatever port it runs); else http://localhost:$PORT
 * (PORT default 3000). Token: AGENT_TOKEN, or the one `npm start` keeps in $DATA_DIR/agent-token.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { makeDemoPdf } from './local/demo-pdf.ts';
import { SERVER_FILE, findRunningServer } from '../shared/adapters/local/server-file.ts';

const usage = `usage: npm run office -- <command> [options]
  register     --agdref N [--file N] [--phone 06…] [--email x@y] [--language fr|en|…] [--paper]
  deposit      --agdref N --id DOCUMENT_ID --type TYPE [--outcome OUTCOME] [--title T] (--pdf FILE | --demo-pdf)
  reissue-key  --agdref N
  evidence     --agdref N --id DOCUMENT_ID [--out EXPORT.json]   (signed export, R12)
  checkpoint   commit every letter's chain head to a signed checkpoint now (R12)
  keys         [--out JWKS.json]   the public evidence keys

The server: OFFICE_URL=http://host:port if set; else the one \`npm start\` runs with the same
DATA_DIR (found in DATA_DIR/${SERVER_FILE}); else http://localhost:$PORT (PORT default 3000).`;

const DATA_DIR = process.env.DATA_DIR ?? '.data';

/** Where the office API is, and how that was decided (said when nothing answers there). */
function officeServer(): { url: string; from: string } {
  if (process.env.OFFICE_URL) return { url: process.env.OFFICE_URL, from: 'OFFICE_URL' };
  const running = findRunningServer(DATA_DIR);
  if (running !== null) return { url: running.url, from: `${join(DATA_DIR, SERVER_FILE)} (npm start, pid ${running.pid})` };
  return { url: `http://localhost:${process.env.PORT ?? '3000'}`, from: process.env.PORT === undefined ? 'the default port' : 'PORT' };
}

async function agentToken(): Promise<string> {
  if (process.env.AGENT_TOKEN) return process.env.AGENT_TOKEN;
  const file = join(DATA_DIR, 'agent-token');
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

/**
 * Above this size a PDF is deposited through the two-step upload: in base64 inside JSON it would
 * grow by a third, and API Gateway and Lambda cap a request near 6 MB (docs/api.md).
 */
export const INLINE_DEPOSIT_MAX_BYTES = 3 * 1024 * 1024;

export interface OfficeServer {
  readonly baseUrl: string;
  readonly token: string;
}

function send(server: OfficeServer, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(new URL(path, server.baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export interface DepositRequest {
  readonly agdref: string;
  readonly id: string;
  readonly type: string;
  readonly outcome?: string;
  readonly title?: string;
  readonly content: Uint8Array;
}

/**
 * Deposits a PDF, inline (`contentBase64`) up to {@link INLINE_DEPOSIT_MAX_BYTES}, else by the
 * two-step upload (declare length and SHA-256, PUT the bytes to the URL given, deposit by
 * `uploadId`). Returns the deposit's response and which way it went.
 */
export async function depositPdf(server: OfficeServer, request: DepositRequest): Promise<{ response: Response; via: 'inline' | 'upload' }> {
  const fields = {
    type: request.type,
    ...(request.outcome === undefined ? {} : { outcome: request.outcome }),
    ...(request.title === undefined ? {} : { title: request.title }),
  };
  const path = `/api/v1/agent/applicants/${encodeURIComponent(request.agdref)}/documents/${encodeURIComponent(request.id)}`;
  if (request.content.byteLength <= INLINE_DEPOSIT_MAX_BYTES) {
    return { response: await send(server, 'PUT', path, { ...fields, contentBase64: Buffer.from(request.content).toString('base64') }), via: 'inline' };
  }
  const declared = await send(server, 'POST', '/api/v1/agent/uploads', {
    contentLength: request.content.byteLength,
    contentSha256: createHash('sha256').update(request.content).digest('hex'),
  });
  if (declared.status !== 201) return { response: declared, via: 'upload' };
  const ticket = (await declared.json()) as { uploadId: string; url: string; method: string; headers: Record<string, string> };
  const uploaded = await fetch(ticket.url, { method: ticket.method, headers: ticket.headers, body: request.content });
  if (!uploaded.ok) return { response: uploaded, via: 'upload' };
  return { response: await send(server, 'PUT', path, { ...fields, uploadId: ticket.uploadId }), via: 'upload' };
}

async function localServer(): Promise<OfficeServer & { from: string }> {
  const { url, from } = officeServer();
  return { baseUrl: url, from, token: await agentToken() };
}

async function call(method: string, path: string, body?: unknown, out?: string): Promise<void> {
  const server = await localServer();
  const response = await send(server, method, path, body).catch((error: unknown) => {
    throw new Error(
      `No server answered at ${server.baseUrl} (from ${server.from}): ${error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)}.\n` +
        'Start one with `npm start`, run this command with the same DATA_DIR as that server, or point it elsewhere: OFFICE_URL=http://host:port npm run office -- …',
    );
  });
  await show(response, out);
}

/** Prints the answer, or writes it to `out` (then only the status line is printed) when it succeeded. */
async function show(response: Response, out?: string): Promise<void> {
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
      const { response, via } = await depositPdf(await localServer(), {
        agdref: required(values.agdref, 'agdref'),
        id,
        type,
        ...(values.outcome === undefined ? {} : { outcome: values.outcome }),
        ...(values.title === undefined ? {} : { title: values.title }),
        content,
      });
      if (via === 'upload') console.log(`(${content.byteLength} bytes: deposited through the two-step upload)`);
      return show(response);
    }
    case 'reissue-key':
      return call('POST', `/api/v1/agent/applicants/${agdref}/connection-key`);
    case 'evidence':
      return call('GET', `/api/v1/agent/applicants/${agdref}/documents/${encodeURIComponent(required(values.id, 'id'))}/evidence`, undefined, values.out);
    default:
      throw new Error(`unknown command "${command}".\n${usage}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  });
}
