/**
 * The one `assertPdf`: every `BlobStore.put` (through shared/adapters/pdf.ts) and the deposit use
 * case check a letter's content with it (the rule itself is `shared/domain/pdf.ts`).
 */
import { pdfContentProblem } from '../domain/pdf.ts';
import { InvalidDocumentContentError } from '../errors.ts';

/**
 * Throws InvalidDocumentContentError unless `content` starts like a PDF and is at most 10 MiB.
 * @example assertPdf(new TextEncoder().encode('%PDF-1.7\n…'))
 */
export function assertPdf(content: Uint8Array): void {
  const problem = pdfContentProblem(content);
  if (problem !== null) throw new InvalidDocumentContentError(problem);
}
