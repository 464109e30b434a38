/**
 * A hand-written scanner that finds exactly the assignments dotenv's (18, default mode) line
 * pattern finds, in one pass over character codes, without running the regex:
 *
 *   (?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)
 *   (\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)   (flags mg)
 *
 * How the pattern behaves, and so what the scanner does (the text is already `\n`-normalised):
 *  - it can only start at a line start: 0, or after `\n`, U+2028 or U+2029 (the `m` flag);
 *  - `\s*` skips every blank, line breaks included; then `export` + blanks when a key follows and
 *    the rest matches, else the key is read from where the blanks end (so `export=1` is key `export`);
 *  - the separator is blanks then `=`, or `:` right after the key plus one blank;
 *  - once the separator matched, the rest always matches: a quoted value (after any blanks, line
 *    breaks included) closes at the furthest candidate quote — the first one not preceded by `\`,
 *    or an earlier `\`-preceded one — that only blanks, a `#` or a line end follow; else the value
 *    is the unquoted run up to `#` or `\n` (U+2028/2029 included), or there is none;
 *  - the next match is searched from the first line start at or after where the value ended (the
 *    lines the pattern's trailing `\s*(?:#.*)?` may swallow are blank or comments: they hold none).
 * A line whose pattern fails is skipped from the first line start after its first non-blank.
 */

/** Entry fields in `ScanResult.positions` (text indices). */
export const SPAN_FIELDS = 6; // start, keyStart, keyEnd, valueStart, valueEnd, hasValue

export interface ScanResult {
  /** Every assignment's key, in file order. */
  keys: string[];
  /** dotenv's result: the last assignment of a key wins. */
  values: Record<string, string>;
  /** SPAN_FIELDS numbers per entry. */
  positions: Int32Array;
}

const KEY_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) KEY_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) KEY_CHAR[c] = 1;
for (let c = 97; c <= 122; c++) KEY_CHAR[c] = 1;
KEY_CHAR[45] = 1; // -
KEY_CHAR[46] = 1; // .
KEY_CHAR[95] = 1; // _
const KEY_BYTE = new Uint8Array(256);
KEY_BYTE.set(KEY_CHAR);

const SURROUNDING_QUOTES = /^(['"`])([\s\S]*)\1$/gm;

/** Exactly `\s` (and what String#trim removes). */
export function isBlank(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isLineEnd(c: number): boolean {
  return c === 10 || c === 0x2028 || c === 0x2029;
}

function isKeyChar(c: number): boolean {
  return c < 128 && KEY_CHAR[c] === 1;
}

/** The value dotenv derives from the trimmed written value. */
export function dotenvValue(trimmed: string): string {
  let v = trimmed;
  const first = v.charCodeAt(0);
  const n = v.length;
  if (n >= 2 && (first === 39 || first === 34 || first === 96) && v.charCodeAt(n - 1) === first) {
    // Starts and ends with the same quote: the greedy pattern strips exactly that pair.
    v = v.slice(1, n - 1);
  } else if (n >= 2 && (v.indexOf('\u2028') !== -1 || v.indexOf('\u2029') !== -1)) {
    // U+2028/2029 are line ends for the multiline pattern: let dotenv's own pattern decide.
    v = v.replace(SURROUNDING_QUOTES, '$2');
  }
  return first === 34 ? unescapeLineBreaks(v) : v;
}

/** dotenv's `\\n` → line feed and `\\r` → carriage return in a double-quoted value, without a regex. */
function unescapeLineBreaks(v: string): string {
  let i = v.indexOf('\\');
  if (i === -1) return v;
  let out = '';
  let from = 0;
  const n = v.length;
  while (i !== -1 && i + 1 < n) {
    const next = v.charCodeAt(i + 1);
    if (next === 110 || next === 114) {
      out += v.slice(from, i) + (next === 110 ? '\n' : '\r');
      from = i + 2;
      i = v.indexOf('\\', from);
    } else {
      i = v.indexOf('\\', i + 1);
    }
  }
  return from === 0 ? v : out + v.slice(from);
}

/** Where the separator ends (the value group starts) for a key at [keyStart, keyEnd), or -1 (-2: the blanks ran to the end of the text). */
function separatorEnd(t: string, keyEnd: number, n: number): number {
  let p = keyEnd;
  while (p < n && isBlank(t.charCodeAt(p))) p++;
  if (p === n) return -2;
  if (t.charCodeAt(p) === 61) return p + 1; // blanks, '='
  if (t.charCodeAt(keyEnd) === 58 && keyEnd + 1 < n && isBlank(t.charCodeAt(keyEnd + 1))) return keyEnd + 2; // ':' + one blank
  return -1;
}

function indexOrEnd(t: string, ch: string, from: number, n: number): number {
  const i = t.indexOf(ch, from);
  return i === -1 ? n : i;
}

function keyEndFrom(t: string, p: number, n: number): number {
  while (p < n && isKeyChar(t.charCodeAt(p))) p++;
  return p;
}

/** keyEndFrom, reading the bytes: `b[d + i]` is text unit `i` (one byte per unit). */
function keyEndInBytes(b: Uint8Array, d: number, p: number, n: number): number {
  while (p < n && KEY_BYTE[b[d + p] as number] === 1) p++;
  return p;
}

/**
 * The closing quote of a quoted value opened at `open`, or -1 when the quoted reading fails;
 * -2 when `more` text follows and every candidate was `\`-preceded (a later one could close it).
 */
function closingQuote(t: string, open: number, n: number, more: boolean): number {
  const q = t[open] as string;
  let best = -1;
  let s = t.indexOf(q, open + 1);
  while (s !== -1) {
    let w = s + 1;
    while (w < n && !isLineEnd(t.charCodeAt(w)) && isBlank(t.charCodeAt(w))) w++;
    if (w === n || isLineEnd(t.charCodeAt(w)) || t.charCodeAt(w) === 35) best = s;
    if (t.charCodeAt(s - 1) !== 92) return best; // the first quote not after `\` ends the run
    s = t.indexOf(q, s + 1);
  }
  return more ? -2 : best;
}

/** `onlyLf`: the caller knows the text holds no U+2028/2029 (when unsure, leave it out). */
export function scanDotenv(t: string, onlyLf = hasOnlyLf(t), bytes?: Uint8Array): ScanResult {
  const into = newScan(t.length);
  scanInto(into, t, onlyLf, 0, false, bytes);
  return into;
}

export function hasOnlyLf(t: string): boolean {
  return t.indexOf('\u2028') === -1 && t.indexOf('\u2029') === -1;
}

/** A scan being filled, piece by piece; `at` is where the next entry's positions go. */
export interface ScanState extends ScanResult {
  at: number;
}

export function newScan(textLength: number): ScanState {
  return { keys: [], values: {}, positions: new Int32Array(SPAN_FIELDS * (textLength < 4096 ? 64 : textLength >> 5)), at: 0 };
}

/**
 * Scans `t`, a piece of the text starting at text index `base` (a line start), into `into`.
 * `more`: text follows the piece (which then ends with `\n`). Returns false, leaving `into` half
 * filled, when the reading at the piece's end depends on what follows (blanks before a separator
 * or a value running into the next piece, a quoted value whose end lies beyond it): scan the
 * whole text instead. Pieces that return true read exactly as they would in the whole text.
 * `bytes`: given when every unit of `t` is one byte, unit `i` being `bytes[bytesAt + i]`; key
 * characters are then read from the bytes (cheaper than charCodeAt). A byte and its unit differ
 * only where neither is a key character (a lone `\r` read as `\n`, a byte from 0x80 up as U+FFFD).
 */
export function scanInto(into: ScanState, t: string, onlyLf: boolean, base: number, more: boolean, bytes?: Uint8Array, bytesAt = 0): boolean {
  const n = t.length;
  const { keys, values } = into;
  let { positions, at } = into;
  // Without U+2028/2029 the only line end is `\n`, and indexOf finds it.
  const nextLineStart = (x: number): number => {
    if (x === 0 || x >= n) return x;
    if (isLineEnd(t.charCodeAt(x - 1))) return x;
    if (onlyLf) {
      const i = t.indexOf('\n', x);
      return i === -1 ? n : i + 1;
    }
    for (; x < n; x++) if (isLineEnd(t.charCodeAt(x))) return x + 1;
    return n;
  };

  let nextHash = -1;
  let nextLf = -1;
  let pos = 0;
  while (pos < n) {
    let p = pos;
    let c = t.charCodeAt(p);
    while (isBlank(c)) c = t.charCodeAt(++p);
    if (p >= n) break;
    let keyStart = p;
    let keyEnd = -1;
    let sep = -1;
    if (c === 101 && t.startsWith('export', p) && isBlank(t.charCodeAt(p + 6))) {
      let q = p + 7;
      while (q < n && isBlank(t.charCodeAt(q))) q++;
      if (q === n && more) return false;
      const e = bytes ? keyEndInBytes(bytes, bytesAt, q, n) : keyEndFrom(t, q, n);
      if (e > q) {
        sep = separatorEnd(t, e, n);
        if (sep === -2 && more) return false;
        if (sep >= 0) {
          keyStart = q;
          keyEnd = e;
        }
      }
    }
    if (sep < 0) {
      keyEnd = bytes ? keyEndInBytes(bytes, bytesAt, p, n) : keyEndFrom(t, p, n);
      if (keyEnd > p) sep = separatorEnd(t, keyEnd, n);
      if (sep === -2 && more) return false;
      if (sep < 0) {
        pos = nextLineStart(p + 1);
        continue;
      }
    }
    // The value group.
    let l = sep;
    while (l < n && isBlank(t.charCodeAt(l))) l++;
    if (l === n && more) return false;
    const open = t.charCodeAt(l);
    let vs = sep;
    let ve = sep;
    let value = '';
    let has = 0;
    const close = open === 39 || open === 34 || open === 96 ? closingQuote(t, l, n, more) : -1;
    if (close === -2) return false;
    if (close !== -1) {
      vs = l;
      ve = close + 1;
      has = 1;
      value = t.slice(l + 1, close);
      if (open === 34) value = unescapeLineBreaks(value);
      pos = t.charCodeAt(ve) === 10 ? ve + 1 : nextLineStart(ve); // the closing quote ends its line
    } else {
      let e = sep;
      let sawSeparator = false;
      if (onlyLf) {
        // The unquoted run ends at the next `#` or `\n`: both found by indexOf, each search reused.
        if (nextHash < sep) nextHash = indexOrEnd(t, '#', sep, n);
        if (nextLf < sep) nextLf = indexOrEnd(t, '\n', sep, n);
        e = nextHash < nextLf ? nextHash : nextLf;
      } else {
        for (; e < n; e++) {
          const ch = t.charCodeAt(e);
          if (ch === 35 || ch === 10) break;
          if (ch === 0x2028 || ch === 0x2029) sawSeparator = true;
        }
      }
      vs = sep;
      ve = e;
      while (vs < ve && isBlank(t.charCodeAt(vs))) vs++;
      while (ve > vs && isBlank(t.charCodeAt(ve - 1))) ve--;
      if (ve > vs) {
        has = 1;
        const first = t.charCodeAt(vs);
        if (ve - vs >= 2 && (first === 39 || first === 34 || first === 96) && t.charCodeAt(ve - 1) === first) {
          value = t.slice(vs + 1, ve - 1);
        } else {
          value = t.slice(vs, ve);
          if (sawSeparator && ve - vs >= 2) value = value.replace(SURROUNDING_QUOTES, '$2');
        }
        if (first === 34) value = unescapeLineBreaks(value);
      }
      // The next line starts after the first `\n` at or after `e`: known when indexOf found it.
      pos = onlyLf && e < n && t.charCodeAt(e - 1) !== 10 ? (nextLf < n ? nextLf + 1 : n) : nextLineStart(e);
    }
    if (has === 0) {
      // No value: it would go right after the separator (`=`, or `:` and one blank).
      vs = keyEnd;
      while (t.charCodeAt(vs) !== 61 && t.charCodeAt(vs) !== 58) vs++;
      vs += t.charCodeAt(vs) === 58 && (t.charCodeAt(vs + 1) === 32 || t.charCodeAt(vs + 1) === 9) ? 2 : 1;
      ve = vs;
    }
    const key = t.slice(keyStart, keyEnd);
    values[key] = value;
    keys.push(key);
    if (at + SPAN_FIELDS > positions.length) {
      const grown = new Int32Array(positions.length * 2);
      grown.set(positions);
      positions = grown;
    }
    positions[at] = base + p;
    positions[at + 1] = base + keyStart;
    positions[at + 2] = base + keyEnd;
    positions[at + 3] = base + vs;
    positions[at + 4] = base + ve;
    positions[at + 5] = has;
    at += SPAN_FIELDS;
  }
  into.positions = positions;
  into.at = at;
  return true;
}
