/**
 * docs/api.md `POST /api/v1/agent/uploads`, locally and end to end: the office CLI's deposit function
 * (scripts/office.ts) sends a 9 MiB PDF — too large for one JSON request in the cloud — through
 * the two-step upload to the real local server (`startLocalSystem`, real HTTP on 127.0.0.1), and
 * the applicant then downloads exactly those bytes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depositPdf, INLINE_DEPOSIT_MAX_BYTES } from '../../scripts/office.ts';
import { readLocalConfig } from '../../shared/config.ts';
import { makeDemoPdf } from '../../scripts/local/demo-pdf.ts';
import { DEMO_APPLICANT } from '../../scripts/local/demo-seed.ts';
import { freePort } from '../../shared/adapters/local/dynamodb-local.ts';
import { startLocalSystem } from '../../scripts/local/local-system.ts';
import type { LocalSystem } from '../../scripts/local/local-system.ts';

const MIB = 1024 * 1024;
const TOKEN = 'large-upload-office-token-0123456789';

/** A real PDF padded with comment lines to `size` bytes. */
function pdfOf(size: number): Uint8Array {
  const letter = makeDemoPdf(['OFPRA', 'A long decision with its annexes']);
  const padding = Buffer.alloc(size - letter.byteLength, '%'.padEnd(80, 'x') + '\n');
  return new Uint8Array(Buffer.concat([letter, padding]));
}

describe('two-step upload on the local server', () => {
  let system: LocalSystem;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mailbox-upload-'));
    const port = await freePort();
    const config = readLocalConfig({ PORT: String(port), DATA_DIR: dataDir, STORE: 'memory', AGENT_TOKEN: TOKEN, SEED_DEMO: 'true' });
    system = await startLocalSystem(config, () => undefined);
  }, 60_000);

  afterAll(async () => {
    await system?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('deposits a 9 MiB PDF through the upload, and the applicant downloads exactly those bytes', async () => {
    const content = pdfOf(9 * MIB);
    const server = { baseUrl: system.url, token: TOKEN };

    const { response, via } = await depositPdf(server, { agdref: DEMO_APPLICANT.agdref, id: 'OFPRA-BIG-1', type: 'convocation', content });

    expect(via).toBe('upload');
    expect(response.status).toBe(201);
    const login = await fetch(`${system.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: DEMO_APPLICANT.agdref, password: DEMO_APPLICANT.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const download = await fetch(`${system.url}/api/v1/documents/OFPRA-BIG-1/content`, { headers: { cookie } });
    expect(download.status).toBe(200);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.byteLength).toBe(9 * MIB);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
  }, 60_000);

  it('keeps small PDFs inline, and refuses an upload whose bytes differ from the declaration or is over 10 MiB', async () => {
    const small = pdfOf(64 * 1024);
    expect(small.byteLength).toBeLessThan(INLINE_DEPOSIT_MAX_BYTES);
    const inline = await depositPdf({ baseUrl: system.url, token: TOKEN }, { agdref: DEMO_APPLICANT.agdref, id: 'OFPRA-SMALL-1', type: 'introduction', content: small });
    expect(inline.via).toBe('inline');
    expect(inline.response.status).toBe(201);

    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const declared = pdfOf(4 * MIB);
    const ticket = (await (
      await fetch(`${system.url}/api/v1/agent/uploads`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ contentLength: declared.byteLength, contentSha256: createHash('sha256').update(declared).digest('hex') }),
      })
    ).json()) as { uploadId: string; url: string; headers: Record<string, string>; expiresAt: string };
    expect(Date.parse(ticket.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(Date.parse(ticket.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const other = pdfOf(4 * MIB);
    other[100] = 0x41;
    const wrongBytes = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: other });
    const truncated = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: declared.slice(0, MIB) });
    const notUploaded = await fetch(`${system.url}/api/v1/agent/applicants/${DEMO_APPLICANT.agdref}/documents/OFPRA-NONE`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ type: 'introduction', uploadId: ticket.uploadId }),
    });
    const tooLarge = await fetch(`${system.url}/api/v1/agent/uploads`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ contentLength: 10 * MIB + 1, contentSha256: '0'.repeat(64) }),
    });
    const both = await fetch(`${system.url}/api/v1/agent/applicants/${DEMO_APPLICANT.agdref}/documents/OFPRA-BOTH`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ type: 'introduction', uploadId: ticket.uploadId, contentBase64: 'JVBERi0=' }),
    });

    expect(wrongBytes.status).toBe(400);
    expect(truncated.status).toBe(400);
    expect(notUploaded.status).toBe(400);
    expect(((await notUploaded.json()) as { error: { code: string } }).error.code).toBe('unknown_upload');
    expect(tooLarge.status).toBe(413);
    expect(both.status).toBe(400);
  }, 60_000);
});
