/**
 * A letter's content as the applicant opens it, shared by the API (`GET /api/v1/documents/{id}/content`)
 * and the pages' "open the letter" link.
 */
import type { Context } from 'hono';
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { openDocument } from '../use-cases/open-document.ts';
import { DOCUMENT_ID } from './schemas.ts';

/** Ids that cannot be an office document id are simply not found (never a hint about others' ids). */
export function documentIdOf(id: string): string {
  if (!DOCUMENT_ID.test(id)) throw new NotFoundError('document');
  return id;
}

/**
 * R4: records the first opening, then sends the PDF (or a redirect to a URL valid ≤ 60 s). Shared
 * by the API and the pages' "open the letter" link.
 */
export async function sendLetterContent(c: Context, deps: Deps, agdref: string, id: string): Promise<Response> {
  const opened = await openDocument(deps, { agdref, documentId: documentIdOf(id) });
  if (opened.url !== null) return c.redirect(opened.url, 302);
  if (opened.content === null) throw new NotFoundError('document');
  const fileName = `${opened.document.id.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
  return new Response(opened.content.slice().buffer, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(opened.content.byteLength),
      'Content-Disposition': `inline; filename="${fileName}"`,
    },
  });
}
