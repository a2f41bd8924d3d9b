/**
 * R4: the applicant reads a letter (docs/api.md `GET /api/v1/documents/{id}/content`). The first
 * opening is recorded — with `firstOpened` evidence at its exact instant — before any byte of
 * the content is handed out.
 */
import { decide } from '../domain/lifecycle.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { type DocumentView, toDocumentView } from './document-view.ts';
import { updateLetter, withEvidence, withFacts } from './letter-updates.ts';
import { settleCursor } from './reminder-cursor.ts';

/** docs/api.md: a link to the content is valid 60 seconds at most. */
export const CONTENT_URL_SECONDS = 60;

export interface OpenedDocument {
  readonly document: DocumentView;
  /** The PDF, when the store serves bytes itself (else null and `url` is set). */
  readonly content: Uint8Array | null;
  /** A URL valid ≤ 60 s, when the store gives one. */
  readonly url: string | null;
}

/**
 * R4/R5: records the first opening, then hands out the content. The domain decides by instants:
 * an opening at or after the window's end is never a consultation in time, even if the deem
 * trigger has not run yet (the deemed transition is applied with it); later openings change nothing.
 * Store calls: the letter and the applicant (in parallel), one conditional write on the first
 * opening only, then the blob.
 * @throws NotFoundError if the session's applicant has no letter with this id.
 */
export async function openDocument(
  deps: Pick<Deps, 'applicants' | 'letters' | 'blobs' | 'clock' | 'config'>,
  input: { readonly agdref: string; readonly documentId: string },
): Promise<OpenedDocument> {
  const [applicant, letter] = await Promise.all([deps.applicants.get(input.agdref), deps.letters.get(input.documentId)]);
  if (letter === null || letter.agdref !== input.agdref) throw new NotFoundError('document');
  const now = deps.clock.now();
  const { record } = await updateLetter(
    deps.letters,
    letter.id,
    (current) => {
      const decision = decide(current, { kind: 'open', at: now }, now);
      if (!decision.changed) return null;
      // R11: no reminder for a letter that has been read (alerts still being delivered are finished).
      return settleCursor(withEvidence(withFacts(current, decision.next), decision.evidence), deps.config.rules, now);
    },
    letter,
  );
  const document = toDocumentView(record, applicant?.language ?? 'fr', deps.config.rules, now);
  const url = await deps.blobs.temporaryUrl(record.blobKey, CONTENT_URL_SECONDS);
  if (url !== null) return { document, content: null, url };
  const content = await deps.blobs.get(record.blobKey);
  if (content === null) throw new Error(`The content of letter ${record.id} is missing from the blob store.`);
  return { document, content, url: null };
}
