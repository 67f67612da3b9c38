// Decoding of pack text files. A pack is written by hand or generated, and its text ends up in
// tree labels, webviews and the user's practice folder: bytes that are not UTF-8 would show as
// "Soft��max", and control characters (NUL above all) are invisible or cut strings short in
// some places but not others. Such a file is rejected with its line and column rather than
// loaded half-right.

export type PackTextResult =
  | { ok: true; text: string }
  | { ok: false; line: number; column: number; message: string };

/**
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
 * (overlong forms, UTF-16 surrogates and code points above U+10FFFF count as ill-formed), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      // only the first continuation byte has the narrowed range
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Names for the control characters people are most likely to meet. */
const CONTROL_NAMES: Record<number, string> = { 0x00: 'NUL', 0x07: 'BEL', 0x08: 'backspace', 0x0b: 'vertical tab', 0x0c: 'form feed', 0x1b: 'ESC', 0x7f: 'DEL' };

/**
 * True for characters a pack file may not contain: C0 controls other than tab, line feed and
 * carriage return; DEL; and C1 controls other than NEL (YAML's own printable set).
 */
export function isForbiddenControl(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  return code === 0x7f || (code >= 0x80 && code <= 0x9f && code !== 0x85);
}

function lineAndColumn(bytes: Uint8Array, end: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // column in characters: count the bytes that start a character
  let column = 1;
  for (let i = lineStart; i < end; i++) if ((bytes[i] & 0xc0) !== 0x80) column++;
  return { line, column };
}

/**
 * Decodes a pack file's bytes as UTF-8 (a leading byte-order mark is dropped). Returns the text,
 * or the 1-based line and column of the first invalid byte or forbidden control character with
 * a message that says which.
 */
/** Forbidden control characters (isForbiddenControl) as a pattern: the common case is tested natively. */
// eslint-disable-next-line no-control-regex -- finding control characters is what this pattern is for
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/;

export function decodePackText(bytes: Uint8Array): PackTextResult {
  // Fast path (nearly every file): the platform's strict decoder and one pattern test. Only a
  // file that fails either is walked byte by byte, to say where.
  let fast: string | undefined;
  try {
    fast = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fast = undefined;
  }
  if (fast !== undefined && !FORBIDDEN_CONTROL.test(fast)) return { ok: true, text: fast.charCodeAt(0) === 0xfeff ? fast.slice(1) : fast };
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const at = lineAndColumn(bytes, bad);
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, ...at, message: `is not valid UTF-8: byte 0x${hex} at line ${at.line}, column ${at.column}; file rejected (save it as UTF-8)` };
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let line = 1;
  let column = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isForbiddenControl(code)) {
      const name = CONTROL_NAMES[code] ? ` (${CONTROL_NAMES[code]})` : '';
      const u = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      return { ok: false, line, column, message: `contains the control character ${u}${name} at line ${line}, column ${column}; file rejected` };
    }
    if (code === 0x0a) {
      line++;
      column = 1;
    } else if (code < 0xdc00 || code > 0xdfff) column++; // a surrogate pair is one column
  }
  return { ok: true, text };
}
