/**
 * R12: the office exports a letter's evidence for a court (docs/api.md `GET …/evidence`).
 */
import { verifyChain } from '../domain/evidence.ts';
import type { EvidenceEvent } from '../domain/types.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { type DocumentView, toDocumentView } from './document-view.ts';

export interface EvidenceExport {
  readonly document: DocumentView;
  readonly events: readonly EvidenceEvent[];
  /** R12: false if any event was altered, removed or reordered. */
  readonly chainValid: boolean;
}

/**
 * R12: the letter as the applicant sees it (labels in French, the office's language), its
 * append-only evidence chain and whether the chain is intact.
 * @throws NotFoundError if the applicant has no letter with this id.
 */
export async function exportEvidence(
  deps: Pick<Deps, 'letters' | 'clock' | 'config'>,
  input: { readonly agdref: string; readonly documentId: string },
): Promise<EvidenceExport> {
  const letter = await deps.letters.get(input.documentId);
  if (letter === null || letter.agdref !== input.agdref) throw new NotFoundError('document');
  return {
    document: toDocumentView(letter, 'fr', deps.config.rules, deps.clock.now()),
    events: letter.evidence,
    chainValid: verifyChain(letter.evidence),
  };
}
