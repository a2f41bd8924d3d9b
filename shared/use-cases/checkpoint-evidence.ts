/**
 * R12 daily checkpoint: every letter's chain head committed in one Merkle tree (RFC 9162) whose
 * root is signed and written to write-once storage — one object per checkpoint, not one per
 * letter. Run by the hourly sweep once a day (dailyCheckpoint) and on demand by the office
 * (`npm run office -- checkpoint`).
 */
import { parisDate } from '../domain/calendar.ts';
import { merkleRoot, orderLeaves } from '../domain/merkle.ts';
import type { CheckpointBody, Deps, SignedCheckpoint } from '../ports.ts';
import { signDetached } from './evidence-seal.ts';

/** R12: commits every chain head now; returns the checkpoint written. */
export async function checkpointEvidence(deps: Pick<Deps, 'letters' | 'clock' | 'evidence'>): Promise<SignedCheckpoint> {
  const at = deps.clock.now();
  const leaves = orderLeaves(await deps.letters.chainHeads());
  const checkpoint: CheckpointBody = {
    type: 'evidence-checkpoint',
    version: 1,
    at,
    date: parisDate(at),
    treeSize: leaves.length,
    rootHash: merkleRoot(leaves),
  };
  const signed: SignedCheckpoint = { checkpoint, signature: await signDetached(deps.evidence.signer, checkpoint), leaves };
  await deps.evidence.checkpoints.append(signed);
  return signed;
}

/**
 * R12: the sweep runs every hour, the checkpoint is daily: written on the first run of each Paris
 * day, i.e. when the latest checkpoint (daily or on demand) is of an earlier date; else null.
 */
export async function dailyCheckpoint(deps: Pick<Deps, 'letters' | 'clock' | 'evidence'>): Promise<SignedCheckpoint | null> {
  const latest = await deps.evidence.checkpoints.latest();
  if (latest !== null && latest.checkpoint.date === parisDate(deps.clock.now())) return null;
  return checkpointEvidence(deps);
}
