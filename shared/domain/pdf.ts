/**
 * What a letter's content must be (docs/api.md, issue "store"): a PDF of at most 10 MiB. The deposit
 * use case and every blob store check it, so nothing else is ever stored.
 */

/** Largest accepted document: 10 MiB. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

/** Every PDF file starts with these bytes (`%PDF-`, ISO 32000-1 §7.5.2). */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] as const;

/** Why `content` is not an acceptable letter, or null when it is a PDF of at most 10 MiB. */
export function pdfContentProblem(content: Uint8Array): string | null {
  if (content.byteLength > MAX_PDF_BYTES) return `The document is larger than ${MAX_PDF_BYTES} bytes (10 MiB).`;
  const startsLikePdf = content.byteLength >= PDF_MAGIC.length && PDF_MAGIC.every((byte, index) => content[index] === byte);
  return startsLikePdf ? null : 'The document is not a PDF.';
}
