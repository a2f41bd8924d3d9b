/**
 * The two-step upload (docs/api.md `POST /api/v1/agent/uploads`): the office declares a PDF's size and
 * SHA-256, PUTs it to the URL it gets back (valid 15 minutes), then deposits it by `uploadId`
 * (deposit-document.ts, R1). The bytes are checked against the declaration twice: by the store
 * that receives them (S3 verifies the signed length and checksum; the local server compares) and
 * here, when the deposit reads them.
 */
import { hash } from 'node:crypto';
import { MAX_PDF_BYTES } from '../domain/pdf.ts';
import type { Instant } from '../domain/types.ts';
import { ValidationError } from '../errors.ts';
import type { Deps, UploadStore, UploadTicket } from '../ports.ts';
import { MINUTE_MS, plusMs } from './instants.ts';

/** How long an upload URL works. */
export const UPLOAD_URL_LIFETIME_MS = 15 * MINUTE_MS;

export interface PreparedUpload extends UploadTicket {
  readonly uploadId: string;
  readonly expiresAt: Instant;
}

export type UploadDeps = Pick<Deps, 'clock' | 'ids'> & { readonly uploads: UploadStore };

/**
 * A URL to PUT exactly `contentLength` bytes of SHA-256 `contentSha256` (≤ 10 MiB: the caller
 * answers 413 above that, see {@link MAX_PDF_BYTES}).
 */
export async function prepareUpload(
  deps: UploadDeps,
  input: { readonly contentLength: number; readonly contentSha256: string },
): Promise<PreparedUpload> {
  const uploadId = deps.ids.uniqueId();
  const expiresAt = plusMs(deps.clock.now(), UPLOAD_URL_LIFETIME_MS);
  const ticket = await deps.uploads.prepare({
    uploadId,
    contentLength: input.contentLength,
    contentSha256: input.contentSha256.toLowerCase(),
    expiresAt,
  });
  return { uploadId, expiresAt, ...ticket };
}

/**
 * The content of upload `uploadId`, checked against what was declared for it.
 * @throws ValidationError `unknown_upload` (nothing was uploaded under this id, or it expired
 *   unused), `upload_mismatch` (length or SHA-256 differ from the declaration).
 */
export async function uploadedContent(deps: Pick<UploadDeps, 'uploads'>, uploadId: string): Promise<Uint8Array> {
  const upload = await deps.uploads.read(uploadId);
  if (upload === null) {
    throw new ValidationError({ uploadId: 'Nothing was uploaded under this id (or the upload expired).' }, 'unknown_upload', 'Nothing was uploaded under this id.');
  }
  if (upload.content.byteLength !== upload.declaredLength || hash('sha256', upload.content, 'hex') !== upload.declaredSha256) {
    throw new ValidationError(
      { uploadId: 'The uploaded bytes differ from the declared length or SHA-256.' },
      'upload_mismatch',
      'The uploaded content is not the one declared.',
    );
  }
  return upload.content;
}

export { MAX_PDF_BYTES as MAX_UPLOAD_BYTES };
