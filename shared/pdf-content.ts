/**
 * The one `assertPdf`, beside the ports: both sides of the BlobStore port check a letter's content
 * with it — the deposit use case before storing, every `BlobStore.put` again (the rule itself is
 * `shared/domain/pdf.ts`; this adds the error the callers expect).
 */
import { pdfContentProblem } from './domain/pdf.ts';
import { InvalidDocumentContentError } from './errors.ts';

export { MAX_PDF_BYTES } from './domain/pdf.ts';

/**
 * Throws InvalidDocumentContentError unless `content` starts like a PDF and is at most 10 MiB.
 * @example assertPdf(new TextEncoder().encode('%PDF-1.7\n…'))
 */
export function assertPdf(content: Uint8Array): void {
  const problem = pdfContentProblem(content);
  if (problem !== null) throw new InvalidDocumentContentError(problem);
}
