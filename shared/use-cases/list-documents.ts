/** The applicant's letters (docs/api.md `GET /api/v1/documents`), R6 for each. */
import type { Deps } from '../ports.ts';
import { type DocumentView, toDocumentView } from './document-view.ts';

/**
 * Every letter of the session's applicant, newest first, with its status, dates and deadlines
 * now (R6–R9). Two store calls, in parallel: the applicant (language) and one query of letters.
 */
export async function listDocuments(
  deps: Pick<Deps, 'applicants' | 'letters' | 'clock' | 'config'>,
  input: { readonly agdref: string },
): Promise<DocumentView[]> {
  const [applicant, letters] = await Promise.all([deps.applicants.get(input.agdref), deps.letters.listForApplicant(input.agdref)]);
  const now = deps.clock.now();
  const language = applicant?.language ?? 'fr';
  return letters.map((letter) => toDocumentView(letter, language, deps.config.rules, now));
}
