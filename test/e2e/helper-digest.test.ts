/**
 * The helpers' daily e-mail digest through the real `npm start` (DynamoDB Local), over HTTP only:
 * a helper turns it on with the API; the local system sends digests on start (and hourly) from
 * HELPER_DIGEST_TIME — 00:00 here, so the proof does not depend on the hour it runs. A restart
 * sends the one digest of the day (counts only, read in /dev/outbox.json); a second restart the
 * same day sends nothing more.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDemoPdf } from '../../scripts/local/demo-pdf.ts';
import { START_TIMEOUT_MS, cookieFrom, jsonInit, startNpm, type StartedServer } from '../support/npm-start.ts';

const TOKEN = 'helper-digest-office-token-0123456789ab';
const AGDREF = '7522222222';
const PASSWORD = 'Correct&Horse7battery';
const EMAIL = 'digest.e2e@cada-example.org';
const TITLE = 'Confidential convocation title';

const json = jsonInit;
const office = { authorization: `Bearer ${TOKEN}` };

interface OutboxMessage {
  readonly channel: string;
  readonly to: string;
  readonly subject?: string;
  readonly text: string;
}

describe('helper daily digest through npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailbox-digest-'));
  let server: StartedServer | undefined;

  const start = async (): Promise<string> => {
    server = await startNpm({ AGENT_TOKEN: TOKEN, SEED_DEMO: 'false', DATA_DIR: dataDir, HELPER_DIGEST_TIME: '00:00' });
    return server.baseUrl;
  };
  /** Ctrl-C, as in a terminal; resolves once npm has exited. */
  const stop = async (): Promise<void> => {
    const running = server;
    server = undefined;
    if (running?.child.pid === undefined) return;
    const exited = new Promise<void>((resolveExit) => running.child.once('exit', () => resolveExit()));
    process.kill(-running.child.pid, 'SIGINT');
    await exited;
    running.cleanUp();
  };
  const digestsIn = async (base: string): Promise<OutboxMessage[]> => {
    const { messages } = (await (await fetch(`${base}/dev/outbox.json`)).json()) as { messages: OutboxMessage[] };
    return messages.filter((message) => message.channel === 'email' && message.to === EMAIL);
  };

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'sends one digest a day after a restart, counts only, and none on a second restart',
    async () => {
      let base = await start();
      const registered = await fetch(`${base}/api/v1/agent/applicants`, json('POST', { agdref: AGDREF, language: 'en' }, office));
      const { connectionKey: applicantKey } = (await registered.json()) as { connectionKey: string };
      expect((await fetch(`${base}/api/v1/account/activate`, json('POST', { agdref: AGDREF, connectionKey: applicantKey, password: PASSWORD }))).status).toBe(204);
      const applicant = cookieFrom(await fetch(`${base}/api/v1/session`, json('POST', { identifier: AGDREF, password: PASSWORD })), 'session');
      const letter = { type: 'convocation', title: TITLE, contentBase64: Buffer.from(makeDemoPdf(['OFPRA', 'DIGEST-1'])).toString('base64') };
      expect((await fetch(`${base}/api/v1/agent/applicants/${AGDREF}/documents/DIGEST-1`, json('PUT', letter, office))).status).toBe(201);

      const created = await fetch(`${base}/api/v1/agent/helpers`, json('POST', { email: EMAIL, name: 'Digest Helper', organisation: 'CADA Example' }, office));
      const { connectionKey } = (await created.json()) as { connectionKey: string };
      expect((await fetch(`${base}/api/v1/helper/activate`, json('POST', { email: EMAIL, connectionKey, password: PASSWORD }))).status).toBe(204);
      const helper = cookieFrom(await fetch(`${base}/api/v1/helper/session`, json('POST', { email: EMAIL, password: PASSWORD })), 'helper_session');
      const { grantCode } = (await (await fetch(`${base}/api/v1/helper/me`, { headers: { cookie: helper } })).json()) as { grantCode: string };
      expect((await fetch(`${base}/api/v1/me/helpers`, json('POST', { grantCode }, { cookie: applicant }))).status).toBe(201);
      const on = await fetch(`${base}/api/v1/helper/digest`, json('PUT', { enabled: true, language: 'en' }, { cookie: helper }));
      expect([on.status, await on.json()]).toEqual([200, { enabled: true, language: 'en' }]);
      expect(await digestsIn(base)).toEqual([]);

      await stop();
      base = await start();
      const [digest, ...more] = await digestsIn(base);
      expect(more).toEqual([]);
      expect(digest?.subject).toBe('Helpers’ space: your daily summary');
      expect(digest?.text).toContain('- 1 person you follow;');
      expect(digest?.text).toContain('- 1 unread letter;');
      expect(digest?.text).toContain(`${base}/helper`);
      for (const secret of [AGDREF, TITLE, 'Digest Helper', 'DIGEST-1']) expect(digest?.text).not.toContain(secret);
      // The applicant sees the digest in their access log; their letter is still unread (R4).
      const relogged = cookieFrom(await fetch(`${base}/api/v1/session`, json('POST', { identifier: AGDREF, password: PASSWORD })), 'session');
      const { helpers } = (await (await fetch(`${base}/api/v1/me/helpers`, { headers: { cookie: relogged } })).json()) as { helpers: Array<{ views: Array<{ what: string }> }> };
      expect(helpers[0]?.views.map((view) => view.what)).toEqual(['digest']);
      const { documents } = (await (await fetch(`${base}/api/v1/documents`, { headers: { cookie: relogged } })).json()) as { documents: Array<{ status: string }> };
      expect(documents.map((document) => document.status)).toEqual(['unread']);

      await stop();
      base = await start();
      expect(await digestsIn(base)).toHaveLength(1);
    },
    3 * START_TIMEOUT_MS + 60_000,
  );
});
