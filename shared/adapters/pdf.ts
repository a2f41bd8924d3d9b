/**
 * What a letter's content must be before any blob store keeps it: a PDF of at most 10 MiB.
 * Every `BlobStore.put` and the deposit use case call `assertPdf`, so nothing else is ever stored.
 */
import { InvalidDocumentContentError } from '../errors.ts';

/** Largest accepted document: 10 MiB. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

/** Every PDF file starts with these bytes (`%PDF-`, ISO 32000-1 §7.5.2). */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] as const;

/**
 * Throws InvalidDocumentContentError unless `content` starts like a PDF and is at most 10 MiB.
 * @example assertPdf(new TextEncoder().encode('%PDF-1.7\n…'))
 */
export function assertPdf(content: Uint8Array): void {
  if (content.byteLength > MAX_PDF_BYTES) {
    throw new InvalidDocumentContentError(`The document is larger than ${MAX_PDF_BYTES} bytes (10 MiB).`);
  }
  const startsLikePdf =
    content.byteLength >= PDF_MAGIC.length && PDF_MAGIC.every((byte, index) => content[index] === byte);
  if (!startsLikePdf) {
    throw new InvalidDocumentContentError('The document is not a PDF.');
  }
}
