/** One letter of the applicant (docs/api.md `GET /api/v1/documents/{id}`), R6–R9. */
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { type DocumentView, toDocumentView } from './document-view.ts';

/**
 * The letter as the applicant sees it now. Looking at it does not open it (R4: only reading the content does).
 * @throws NotFoundError if the session's applicant has no letter with this id (another applicant's id included).
 */
export async function getDocument(
  deps: Pick<Deps, 'applicants' | 'letters' | 'clock' | 'config'>,
  input: { readonly agdref: string; readonly documentId: string },
): Promise<DocumentView> {
  const [applicant, letter] = await Promise.all([deps.applicants.get(input.agdref), deps.letters.get(input.documentId)]);
  if (letter === null || letter.agdref !== input.agdref) throw new NotFoundError('document');
  return toDocumentView(letter, applicant?.language ?? 'fr', deps.config.rules, deps.clock.now());
}
