/**
 * The small PDF the simulator deposits for a document: its bytes are a function of the document
 * id only, so two deposits with the same id are the office repeating one deposit (same content).
 */
const encoder = new TextEncoder();

export function pdfFor(documentId: string): Uint8Array {
  const text = `BT /F1 12 Tf 72 720 Td (Simulated letter ${documentId.replace(/[()\\]/g, '_')}) Tj ET`;
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj',
    `4 0 obj << /Length ${text.length} >> stream`,
    text,
    'endstream endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  return encoder.encode(body);
}
