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

/** docs/api.md: a PDF naming any of these is refused (`unsafe_pdf`): scripts, launched files, attachments, embedded media. */
export const ACTIVE_CONTENT_NAMES = ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia'] as const;

/** PDF delimiters and white space (ISO 32000-1 §7.2.2): a name token ends at one of them. */
const NAME_END = /[\s()<>[\]{}/%]/;

/**
 * The active-content names (`/JavaScript`, `/JS`, `/Launch`, `/EmbeddedFile`, `/RichMedia`) the
 * bytes carry, with `#xx` escapes in names decoded (`/J#61vaScript` is `/JavaScript`). `inflate`
 * opens FlateDecode streams (object streams can hold whole dictionaries): every stream it can
 * decode is scanned too.
 */
export function pdfActiveContent(content: Uint8Array, inflate?: (bytes: Uint8Array) => Uint8Array | null): string[] {
  const found = new Set<string>();
  scanNames(latin1(content), found);
  if (inflate !== undefined) {
    for (const stream of streamsOf(content)) {
      const opened = inflate(stream);
      if (opened !== null) scanNames(latin1(opened), found);
    }
  }
  return [...found].map((name) => `/${name}`);
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 0x8000;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    text += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return text;
}

function scanNames(text: string, found: Set<string>): void {
  const wanted = new Set<string>(ACTIVE_CONTENT_NAMES);
  for (let at = text.indexOf('/'); at >= 0; at = text.indexOf('/', at + 1)) {
    let end = at + 1;
    while (end < text.length && !NAME_END.test(text.charAt(end))) end += 1;
    const name = text.slice(at + 1, end).replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (wanted.has(name)) found.add(name === 'EmbeddedFiles' ? 'EmbeddedFile' : name);
  }
}

/** The raw bytes between each `stream` keyword's end of line and the next `endstream`. */
function streamsOf(content: Uint8Array): Uint8Array[] {
  const text = latin1(content);
  const streams: Uint8Array[] = [];
  const start = /stream\r?\n/g;
  for (let match = start.exec(text); match !== null; match = start.exec(text)) {
    if (match.index >= 3 && text.slice(match.index - 3, match.index) === 'end') continue;
    const from = match.index + match[0].length;
    const to = text.indexOf('endstream', from);
    if (to < 0) break;
    streams.push(content.subarray(from, to));
    start.lastIndex = to + 'endstream'.length;
  }
  return streams;
}
