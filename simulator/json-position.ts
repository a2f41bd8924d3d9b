/**
 * Where a JSON text stops being JSON, as a line and a column (both from 1), for docs/timelines.md's
 * "a syntax error names the line and column". V8's own messages give an offset for most errors
 * but not all (`Unexpected token '}', "…" is not valid JSON` has none), so this small scanner
 * walks the grammar of RFC 8259 and reports the offset of the first character that breaks it.
 */

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** The offset of the first character that is not valid JSON at its place (the text's length if it ends too early), or null if the text is JSON. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new ScanStop(i);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i += 1;
  };
  const literal = (word: string): void => {
    for (const expected of word) {
      if (text[i] !== expected) fail();
      i += 1;
    }
  };
  const string = (): void => {
    i += 1; // opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') {
        i += 1;
        return;
      }
      if (c === '\\') {
        i += 1;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k += 1) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail();
      }
      i += 1;
    }
  };
  const number = (): void => {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (match === null) fail();
    i += match?.[0].length ?? 0;
  };
  /** An object's members or an array's elements: `item` separated by commas, up to `close`. */
  const items = (close: '}' | ']', item: () => void): void => {
    i += 1;
    space();
    if (text[i] === close) {
      i += 1;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === close) {
        i += 1;
        return;
      }
      if (text[i] !== ',') fail();
      i += 1;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      return items('}', () => {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i += 1;
        value();
      });
    }
    if (c === '[') return items(']', value);
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof ScanStop) return error.offset;
    throw error;
  }
}

/** Line and column (from 1) of an offset; a column counts characters (code points), as editors do. */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: [...(lines.at(-1) ?? '')].length + 1 };
}

class ScanStop extends Error {
  constructor(readonly offset: number) {
    super(`JSON stops at ${offset}`);
  }
}
