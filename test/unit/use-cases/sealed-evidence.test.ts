import { describe, expect, it } from 'vitest';
import { KeyPairEvidenceSigner } from '../../../shared/adapters/local/key-pair-evidence-signer.ts';
import { appendEvidence, headOf } from '../../../shared/domain/evidence.ts';
import { checkpointEvidence, dailyCheckpoint } from '../../../shared/use-cases/checkpoint-evidence.ts';
import { depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { exportEvidence } from '../../../shared/use-cases/export-evidence.ts';
import { openDocument } from '../../../shared/use-cases/open-document.ts';
import { UnreadableEvidenceError, verifyEvidence } from '../../../shared/use-cases/verify-evidence.ts';
import { AGDREF, aPdf, deliverQueued, givenApplicant, makeDeps } from '../../support/builders.ts';

type Exported = Awaited<ReturnType<typeof exportEvidence>>;

/** A letter deposited, alerted, opened; a checkpoint taken; then exported — as plain JSON, as a court gets it. */
async function anExport(options: { checkpoint?: boolean; moreAfterCheckpoint?: boolean } = {}) {
  const deps = makeDeps();
  await givenApplicant(deps);
  await depositDocument(deps, { agdref: AGDREF, documentId: 'DEC-1', type: 'decision', outcome: 'rejection', content: aPdf('DEC-1') });
  await depositDocument(deps, { agdref: AGDREF, documentId: 'CONV-1', type: 'convocation', content: aPdf('CONV-1') });
  // The deposits' alerts leave through the paced queue (docs/alerts.md).
  await deliverQueued(deps);
  if (options.checkpoint ?? true) await checkpointEvidence(deps);
  if (options.moreAfterCheckpoint ?? true) {
    deps.clock.set('2023-04-22T09:00:00+02:00');
    await openDocument(deps, { agdref: AGDREF, documentId: 'DEC-1' });
  }
  const exported = JSON.parse(JSON.stringify(await exportEvidence(deps, { agdref: AGDREF, documentId: 'DEC-1' }))) as Exported;
  const keys = JSON.parse(JSON.stringify({ keys: await deps.evidence.signer.publicKeys() })) as unknown;
  return { deps, exported, keys };
}

describe('R12 sealed evidence: export and offline verification', () => {
  it('exports the head, a valid chain, a signature and the checkpoint proof, and verifies offline', async () => {
    const { exported, keys } = await anExport();

    expect(exported.head).toEqual(headOf(exported.events));
    expect(exported.chainValid).toBe(true);
    expect(exported.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(exported.checkpoint?.leaf).toEqual({ documentId: 'DEC-1', count: 3, hash: exported.events[2]?.hash });
    expect(exported.checkpoint?.checkpoint.treeSize).toBe(2);
    expect(exported.events.map((e) => e.event)).toEqual(['deposited', 'alertSent', 'alertSent', 'firstOpened']);
    expect(await verifyEvidence(exported, keys)).toEqual({ valid: true });
  });

  it('the export says chainValid false when the stored chain lost its last event', async () => {
    const { deps } = await anExport();
    const letter = await deps.letters.get('DEC-1');
    if (letter === null) throw new Error('no letter');
    // Tampering below the store port: the item's evidence cut short, its head left as written.
    (deps.letters as unknown as { byId: Map<string, unknown> }).byId.set('DEC-1', { ...letter, evidence: letter.evidence.slice(0, -1) });

    expect((await exportEvidence(deps, { agdref: AGDREF, documentId: 'DEC-1' })).chainValid).toBe(false);
  });

  it('refuses the export with its last event dropped', async () => {
    const { exported, keys } = await anExport();

    const verdict = await verifyEvidence({ ...exported, events: exported.events.slice(0, -1) }, keys);

    expect(verdict).toEqual({ valid: false, reason: 'chain: the chain has 3 events but its head says 4' });
  });

  it('refuses the export with its last event dropped and the head rewritten to match (the signature breaks)', async () => {
    const { exported, keys } = await anExport();
    const events = exported.events.slice(0, -1);

    const verdict = await verifyEvidence({ ...exported, events, head: headOf(events) }, keys);

    expect(verdict).toEqual({ valid: false, reason: 'signature: it does not match the content' });
  });

  it('refuses an event whose date was changed, even with the whole chain re-hashed and the head rewritten', async () => {
    const { exported, keys } = await anExport();
    const changed = exported.events.map((event, i) => (i === 3 ? { ...event, at: '2023-05-10T07:00:00.000Z' } : event));
    let rehashed: typeof exported.events = [];
    for (const { hash: _h, previousHash: _p, ...event } of changed) rehashed = appendEvidence(rehashed, event);

    expect(await verifyEvidence({ ...exported, events: changed }, keys)).toEqual({ valid: false, reason: 'chain: event 4 (firstOpened) does not match its hash' });
    expect(await verifyEvidence({ ...exported, events: rehashed, head: headOf(rehashed) }, keys)).toEqual({
      valid: false,
      reason: 'signature: it does not match the content',
    });
  });

  it('refuses a signature by a key that is not in the key set, and accepts it with a past key kept there', async () => {
    const { exported, keys } = await anExport();
    const other = { keys: await KeyPairEvidenceSigner.generate().publicKeys() };
    const rotated = { keys: [...other.keys, ...(keys as { keys: unknown[] }).keys] };

    expect(await verifyEvidence(exported, other)).toEqual({ valid: false, reason: 'signature: it was made by none of the given keys' });
    expect(await verifyEvidence(exported, rotated)).toEqual({ valid: true });
  });

  it('refuses an operator-rewritten chain re-signed as a whole, through the checkpoint taken before', async () => {
    const { deps, exported, keys } = await anExport();
    // The operator drops the alerts in the table itself (below the store port, which refuses a
    // shorter chain), re-hashes and moves the head: the service key then signs the export.
    let chain: typeof exported.events = [];
    for (const { hash: _h, previousHash: _p, ...event } of exported.events.filter((e) => e.event !== 'alertSent')) chain = appendEvidence(chain, event);
    const letter = await deps.letters.get('DEC-1');
    if (letter === null) throw new Error('no letter');
    (deps.letters as unknown as { byId: Map<string, unknown> }).byId.set('DEC-1', { ...letter, evidence: chain, head: headOf(chain) });
    const forged = JSON.parse(JSON.stringify(await exportEvidence(deps, { agdref: AGDREF, documentId: 'DEC-1' }))) as Exported;

    expect(forged.chainValid).toBe(true);
    expect(await verifyEvidence(forged, keys)).toEqual({ valid: false, reason: 'checkpoint: it committed 3 events, the export has 2' });
  });

  it('refuses a checkpoint proof that does not lead to the signed root', async () => {
    const { exported, keys } = await anExport();
    const checkpoint = exported.checkpoint;
    if (checkpoint === undefined) throw new Error('no checkpoint');

    const verdict = await verifyEvidence({ ...exported, checkpoint: { ...checkpoint, leafIndex: 1 - checkpoint.leafIndex } }, keys);

    expect(verdict).toEqual({ valid: false, reason: 'checkpoint: the inclusion proof does not lead to the signed root' });
  });

  it('exports no checkpoint before the first one and still verifies', async () => {
    const { exported, keys } = await anExport({ checkpoint: false });

    expect(exported.checkpoint).toBeUndefined();
    expect(await verifyEvidence(exported, keys)).toEqual({ valid: true });
  });

  it('calls junk unreadable, not invalid', async () => {
    const { exported, keys } = await anExport();

    await expect(verifyEvidence('junk', keys)).rejects.toBeInstanceOf(UnreadableEvidenceError);
    await expect(verifyEvidence({ ...exported, events: 'x' }, keys)).rejects.toBeInstanceOf(UnreadableEvidenceError);
    await expect(verifyEvidence(exported, { nokeys: [] })).rejects.toBeInstanceOf(UnreadableEvidenceError);
  });
});

describe('R12 checkpointEvidence', () => {
  it('commits every letter\'s head in one signed checkpoint written once to the store', async () => {
    const { deps } = await anExport({ checkpoint: false });

    const written = await checkpointEvidence(deps);

    expect(written.checkpoint).toMatchObject({ type: 'evidence-checkpoint', version: 1, date: '2023-04-22', treeSize: 2 });
    expect(written.leaves.map((leaf) => [leaf.documentId, leaf.count])).toEqual([['CONV-1', 3], ['DEC-1', 4]]);
    expect(await deps.evidence.checkpoints.latest()).toEqual(written);
  });

  it('writes the daily checkpoint once per Paris day, however often the hourly sweep runs', async () => {
    const { deps } = await anExport({ checkpoint: false, moreAfterCheckpoint: false });

    deps.clock.set('2023-04-22T00:10:00+02:00');
    const first = await dailyCheckpoint(deps);
    deps.clock.set('2023-04-22T23:30:00+02:00');
    const laterThatDay = await dailyCheckpoint(deps);
    deps.clock.set('2023-04-23T00:05:00+02:00');
    const nextDay = await dailyCheckpoint(deps);

    expect(first?.checkpoint.date).toBe('2023-04-22');
    expect(laterThatDay).toBeNull();
    expect(nextDay?.checkpoint.date).toBe('2023-04-23');
    expect(await deps.evidence.checkpoints.latest()).toEqual(nextDay);
  });
});
