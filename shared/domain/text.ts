/**
 * docs/api.md text hygiene: no identifier or free text may carry a C0/C1 control character or a Unicode
 * bidirectional control — they hide or reorder what a reader sees (a title shown as
 * `Convocation exe.pdf`, a NUL written into a page). Such input is refused, never cleaned.
 */

/** C0 and C1 controls (with DEL), and the bidi embeddings, overrides, isolates and marks. */
const UNSAFE_CHARACTER = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F]/u;

/** The first unsafe character of `value` as `U+XXXX`, or null when there is none. */
export function unsafeCharacter(value: string): string | null {
  const match = UNSAFE_CHARACTER.exec(value);
  if (match === null) return null;
  return `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What a refused field is told. */
export function unsafeCharacterMessage(codePoint: string): string {
  return `Control and bidirectional formatting characters are not accepted (${codePoint}).`;
}

/** Text made safe to place in HTML, in an element or a quoted attribute. The one definition. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
