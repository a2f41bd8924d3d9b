/**
 * R12: the office exports a letter's evidence for a court (docs/api.md `GET …/evidence`, "Evidence
 * that a third party can check"), sealed so that a third party can check it offline
 * (`npm run verify-evidence`, docs/evidence.md).
 */
import { verifyChain } from '../domain/evidence.ts';
import { inclusionProof } from '../domain/merkle.ts';
import type { EvidenceEvent, EvidenceHead } from '../domain/types.ts';
import { NotFoundError } from '../errors.ts';
import type { CheckpointBody, Deps, LetterHead } from '../ports.ts';
import { type DocumentView, toDocumentView } from './document-view.ts';
import { signDetached } from './evidence-seal.ts';

/** The latest checkpoint that committed this letter's head, with the inclusion proof of that head. */
export interface CheckpointProof {
  readonly checkpoint: CheckpointBody;
  /** The checkpoint's own compact JWS (detached payload: the JCS of `checkpoint`). */
  readonly signature: string;
  /** The head as committed then (it may be shorter than today's head: events came after). */
  readonly leaf: LetterHead;
  readonly leafIndex: number;
  /** RFC 9162 audit path, hex, from the leaf up. */
  readonly proof: readonly string[];
}

export interface EvidenceExport {
  readonly document: DocumentView;
  readonly events: readonly EvidenceEvent[];
  /** The chain head kept on the letter record. */
  readonly head: EvidenceHead;
  /** R12: false if any event was altered, removed (the last ones included) or reordered. */
  readonly chainValid: boolean;
  /** Compact JWS with detached payload over the JCS of `{document, events, head}`. */
  readonly signature: string;
  /** Absent until a checkpoint has committed this letter. */
  readonly checkpoint?: CheckpointProof;
}

/**
 * R12: the letter as the applicant sees it (labels in French, the office's language, then as
 * `present` shows it), its evidence chain and head, whether the chain re-hashes to the head, the
 * service's signature over `{document, events, head}` and the latest checkpoint covering it.
 * @throws NotFoundError if the applicant has no letter with this id.
 */
export async function exportEvidence(
  deps: Pick<Deps, 'letters' | 'clock' | 'config' | 'evidence'>,
  input: { readonly agdref: string; readonly documentId: string; readonly present?: (document: DocumentView) => DocumentView },
): Promise<EvidenceExport> {
  const letter = await deps.letters.get(input.documentId);
  if (letter === null || letter.agdref !== input.agdref) throw new NotFoundError('document');
  const view = toDocumentView(letter, 'fr', deps.config.rules, deps.clock.now());
  const document = input.present === undefined ? view : input.present(view);
  const events = letter.evidence;
  const head = letter.head;
  const [signature, checkpoint] = await Promise.all([
    signDetached(deps.evidence.signer, { document, events, head }),
    latestCheckpointCovering(deps, letter.id),
  ]);
  return {
    document,
    events,
    head,
    chainValid: verifyChain(events, head),
    signature,
    ...(checkpoint === null ? {} : { checkpoint }),
  };
}

async function latestCheckpointCovering(deps: Pick<Deps, 'evidence'>, documentId: string): Promise<CheckpointProof | null> {
  const latest = await deps.evidence.checkpoints.latest();
  if (latest === null) return null;
  const included = inclusionProof(latest.leaves, documentId);
  if (included === null) return null;
  return { checkpoint: latest.checkpoint, signature: latest.signature, ...included };
}
