/**
 * docs/evidence.md's worked example is executable: its bash block, run with openssl, jq and xxd on
 * a real export, accepts it and refuses tampered copies — so the document an outsider follows
 * cannot drift from what the service signs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendEvidence, headOf } from '../../../shared/domain/evidence.ts';
import { checkpointEvidence } from '../../../shared/use-cases/checkpoint-evidence.ts';
import { depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { exportEvidence } from '../../../shared/use-cases/export-evidence.ts';
import { openDocument } from '../../../shared/use-cases/open-document.ts';
import { AGDREF, aPdf, deliverQueued, givenApplicant, makeDeps } from '../../support/builders.ts';

const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/evidence.md'), 'utf8');
const script = /<!-- verify-evidence\.sh[^\n]*\n```bash\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';

async function files() {
  const deps = makeDeps();
  await givenApplicant(deps);
  for (const id of ['A-1', 'DEC-1', 'C-3', 'D-4', 'E-5', 'F-6']) {
    await depositDocument(deps, { agdref: AGDREF, documentId: id, type: 'decision', outcome: 'rejection', title: 'Décision « OFPRA » n°1', content: aPdf(id) });
  }
  // The deposits' alerts leave through the paced queue (docs/alerts.md).
  await deliverQueued(deps);
  deps.clock.set('2023-04-22T09:00:00+02:00');
  await openDocument(deps, { agdref: AGDREF, documentId: 'DEC-1' });
  await checkpointEvidence(deps);
  const exported = JSON.parse(JSON.stringify(await exportEvidence(deps, { agdref: AGDREF, documentId: 'DEC-1' }))) as Awaited<ReturnType<typeof exportEvidence>>;
  const dir = mkdtempSync(join(tmpdir(), 'evidence-doc-'));
  writeFileSync(join(dir, 'verify.sh'), script);
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: await deps.evidence.signer.publicKeys() }));
  return { dir, exported };
}

function runScript(dir: string, exported: unknown): { status: number | null; out: string } {
  writeFileSync(join(dir, 'export.json'), JSON.stringify(exported, null, 2));
  const result = spawnSync('bash', [join(dir, 'verify.sh'), join(dir, 'export.json'), join(dir, 'jwks.json')], { encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('docs/evidence.md worked example (openssl, jq, xxd)', () => {
  it('R12 accepts a real export: chain, head, both signatures and the checkpoint proof', async () => {
    const { dir, exported } = await files();
    expect(script).toContain('openssl dgst -sha256 -verify');

    const { status, out } = runScript(dir, exported);

    expect(out).toContain('chain OK (4 events)');
    expect(out).toContain('head OK');
    expect(out.match(/Verified OK/g)).toHaveLength(2);
    expect(out).toContain(`checkpoint proof OK (root ${exported.checkpoint?.checkpoint.rootHash ?? 'none'})`);
    expect(status).toBe(0);
  }, 120_000);

  it('R12 refuses a dropped last event, a rewritten head and a re-hashed changed date', async () => {
    const { dir, exported } = await files();
    const events = exported.events.slice(0, -1);
    let rehashed: typeof events = [];
    for (const { hash: _h, previousHash: _p, ...event } of exported.events.map((e, i) => (i === 1 ? { ...e, at: '2023-04-25T08:00:00.000Z' } : e))) {
      rehashed = appendEvidence(rehashed, event);
    }

    const dropped = runScript(dir, { ...exported, events });
    const rewritten = runScript(dir, { ...exported, events, head: headOf(events) });
    const redated = runScript(dir, { ...exported, events: rehashed, head: headOf(rehashed) });

    expect([dropped.status, dropped.out]).toEqual([1, expect.stringContaining('head does not match the chain')]);
    expect([rewritten.status, rewritten.out]).toEqual([1, expect.stringContaining('Verification failure')]);
    expect([redated.status, redated.out]).toEqual([1, expect.stringContaining('Verification failure')]);
    // Three runs of the script, each a few dozen openssl/jq processes: minutes on a loaded machine.
  }, 180_000);
});
