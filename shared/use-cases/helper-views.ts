/**
 * What a helper sees (docs/api.md "Helpers"): metadata and deadlines of the applicants who granted
 * access — never a title, never the content. These functions only read letters (listForApplicant)
 * and never call openDocument, so a helper's look never counts as an opening (R4) and changes no
 * date; they send nothing. Every look is written to the applicant's access log.
 */
import { parisDate } from '../domain/calendar.ts';
import type { Instant } from '../domain/types.ts';
import { type ApplicantWatch, bySoonestDeadline, watchOf } from '../domain/watch.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps, Grant } from '../ports.ts';
import { type DocumentView, toDocumentView } from './document-view.ts';
import { accessEntries } from './helper-grants.ts';

/** docs/api.md: a helper's Document is the applicant's without the title (and there is no content route). */
export type HelperDocumentView = Omit<DocumentView, 'title'>;

export interface WatchedApplicant extends ApplicantWatch {
  readonly agdref: string;
}

/** How many applicants' letters are read at once for the list. */
const LIST_CONCURRENCY = 8;

async function mapBounded<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await map(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** R6–R9 at `now` for a letter, minus the title: what a helper may see of it. */
function metadataViews(deps: Pick<Deps, 'letters' | 'clock' | 'config'>, agdref: string): Promise<HelperDocumentView[]> {
  return deps.letters.listForApplicant(agdref).then((letters) => {
    const now = deps.clock.now();
    return letters.map((letter) => {
      const { title: _title, ...metadata } = toDocumentView(letter, 'en', deps.config.rules, now);
      return metadata;
    });
  });
}

/**
 * The helper's applicants (those with a live grant: one Query), each with its unread count, next
 * deadline and the oldest unread letter's days left, soonest deadline first. One access-log line
 * per applicant listed.
 */
export async function listHelperApplicants(
  deps: Pick<Deps, 'grants' | 'letters' | 'clock' | 'config'>,
  input: { readonly helperId: string },
): Promise<WatchedApplicant[]> {
  const now = deps.clock.now();
  const grants = await deps.grants.grantsOfHelper(input.helperId, now);
  const watched = await watchGranted(deps, grants, now);
  await deps.grants.logAccess(accessEntries(grants, 'list', now));
  return watched.sort((a, b) => bySoonestDeadline(a, b) || (a.agdref < b.agdref ? -1 : 1));
}

/** Each granted applicant's summary at `now` (one Query of letters each, a few at a time); reads only. */
export function watchGranted(deps: Pick<Deps, 'letters' | 'clock' | 'config'>, grants: readonly Grant[], now: Instant): Promise<WatchedApplicant[]> {
  const today = parisDate(now);
  return mapBounded(grants, LIST_CONCURRENCY, async (grant) => ({
    agdref: grant.agdref,
    ...watchOf(await metadataViews(deps, grant.agdref), today),
  }));
}

/**
 * One applicant's letters as metadata, newest first, if that applicant granted this helper access.
 * @throws NotFoundError — the same for no grant, an expired or revoked one, and an unknown AGDREF.
 */
export async function helperApplicantDocuments(
  deps: Pick<Deps, 'grants' | 'letters' | 'clock' | 'config'>,
  input: { readonly helperId: string; readonly agdref: string },
): Promise<{ grant: Grant; watch: ApplicantWatch; documents: HelperDocumentView[] }> {
  const now = deps.clock.now();
  const grant = await deps.grants.getGrant(input.helperId, input.agdref, now);
  if (grant === null) throw new NotFoundError('applicant');
  const documents = await metadataViews(deps, grant.agdref);
  await deps.grants.logAccess(accessEntries([grant], 'documents', now));
  return { grant, watch: watchOf(documents, parisDate(now)), documents };
}
