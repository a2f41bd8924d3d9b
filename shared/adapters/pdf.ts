/**
 * Every `BlobStore.put` calls `assertPdf` before storing anything (defined once in
 * shared/use-cases/pdf-content.ts, which the deposit use case checks too; the rule itself is
 * `shared/domain/pdf.ts`).
 */
export { MAX_PDF_BYTES } from '../domain/pdf.ts';
export { assertPdf } from '../use-cases/pdf-content.ts';
