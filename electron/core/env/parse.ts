/**
 * parseEnv: a lossless reading of a .env file that reports exactly what dotenv (18, default mode)
 * reads. It runs dotenv's own line pattern over the text dotenv sees, locates each key and value the
 * way that pattern must have matched them, and maps them back to byte offsets; everything between assignments is kept verbatim.
 */
import type { EnvDocument, EnvEntry, EnvEntrySpan, EnvQuote } from './types.js';
import { decodeForDotenv, toBytes } from './text-map.js';

/** dotenv's LINE pattern (lib/main.js), verbatim. */
const DOTENV_LINE_SOURCE =
  "(?:^|^)\\s*(?:export\\s+)?([\\w.-]+)(?:\\s*=\\s*?|:\\s+?)(\\s*'(?:\\\\'|[^'])*'|\\s*\"(?:\\\\\"|[^\"])*\"|\\s*`(?:\\\\`|[^`])*`|[^#\\r\\n]+)?\\s*(?:#.*)?(?:$|$)";
export const DOTENV_LINE = new RegExp(DOTENV_LINE_SOURCE, 'mg');
/** dotenv strips one pair of surrounding quotes with this (multiline!) pattern. */
const SURROUNDING_QUOTES = /^(['"`])([\s\S]*)\1$/gm;

const BOM0 = 0xef;

/** The value dotenv derives from the trimmed raw value text. */
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
  if (first === 34 && v.indexOf('\\') !== -1) v = v.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return v;
}

function quoteOf(trimmed: string): EnvQuote | null {
  const c = trimmed[0];
  const n = trimmed.length;
  if (n >= 2 && (c === '"' || c === "'" || c === '`') && trimmed[n - 1] === c) return c;
  return null;
}

function isTrimmable(code: number): boolean {
  // Exactly the characters String#trim removes.
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Text index where the key starts: after leading blanks and, when the pattern took it, `export `. */
function keyStartOf(text: string, matchStart: number, key: string): number {
  let p = matchStart;
  while (isTrimmable(text.charCodeAt(p))) p++;
  // `(?:export\s+)?` is tried first: it was taken iff blanks follow `export` and the key comes next.
  if (text.startsWith('export', p) && isTrimmable(text.charCodeAt(p + 6))) {
    let q = p + 6;
    while (isTrimmable(text.charCodeAt(q))) q++;
    if (text.startsWith(key, q)) return q;
  }
  return p;
}

/**
 * Text index where the value group starts. The separator is `\s*=` (then a lazy `\s*?` that
 * stays empty, since the value group or an empty value always matches there) or `:` plus exactly
 * one blank (the lazy `\s+?` likewise stays at one).
 */
function valueStartOf(text: string, keyEnd: number): number {
  if (text.charCodeAt(keyEnd) === 58) return keyEnd + 2; // ':' + one blank
  let p = keyEnd;
  while (text.charCodeAt(p) !== 61) p++; // blanks, then '='
  return p + 1;
}

const SPAN_FIELDS = 6; // textStart, textKeyStart, textKeyEnd, textValueStart, textValueEnd, hasValue

export function parseEnv(input: string | Uint8Array): EnvDocument {
  const raw = toBytes(input);
  const { text, offsets } = decodeForDotenv(raw, typeof input === 'string' ? input : undefined);
  const entries: EnvEntry[] = [];
  const values: Record<string, string> = {};
  const re = DOTENV_LINE;
  re.lastIndex = 0;
  let line = 1;
  let lineStart = 0; // text index of the start of `line`
  let scanned = 0; // text index up to which newlines were counted
  let positions = new Int32Array(64 * SPAN_FIELDS);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const key = m[1] as string;
    const keyStart = keyStartOf(text, m.index, key);
    const keyEnd = keyStart + key.length;
    let start = m.index;
    while (start < keyStart && isTrimmable(text.charCodeAt(start))) start++;
    const exported = start < keyStart;
    // Count lines up to the assignment start.
    let nl = text.indexOf('\n', scanned);
    while (nl !== -1 && nl < start) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    scanned = start;
    const written = m[2];
    let vs = 0;
    let ve = 0;
    let trimmed = '';
    if (written !== undefined) {
      vs = valueStartOf(text, keyEnd);
      ve = vs + written.length;
      while (vs < ve && isTrimmable(text.charCodeAt(vs))) vs++;
      while (ve > vs && isTrimmable(text.charCodeAt(ve - 1))) ve--;
      trimmed = text.slice(vs, ve);
    }
    if (trimmed === '') {
      // No value: it would go right after the separator (`=`, or `:` and one blank).
      vs = keyEnd;
      while (text.charCodeAt(vs) !== 61 && text.charCodeAt(vs) !== 58) vs++;
      vs += text.charCodeAt(vs) === 58 && (text.charCodeAt(vs + 1) === 32 || text.charCodeAt(vs + 1) === 9) ? 2 : 1;
      ve = vs;
    }
    const value = trimmed === '' ? '' : dotenvValue(trimmed);
    values[key] = value;
    // A byte order mark is not a column.
    const column = start - lineStart + (lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 0 : 1);
    entries.push({ key, value, line, column, quote: quoteOf(trimmed), exported });
    const at = (entries.length - 1) * SPAN_FIELDS;
    if (at + SPAN_FIELDS > positions.length) {
      const grown = new Int32Array(positions.length * 2);
      grown.set(positions);
      positions = grown;
    }
    positions[at] = start;
    positions[at + 1] = keyStart;
    positions[at + 2] = keyEnd;
    positions[at + 3] = vs;
    positions[at + 4] = ve;
    positions[at + 5] = trimmed === '' ? 0 : 1;
  }
  const bom = raw.length >= 3 && raw[0] === BOM0 && raw[1] === 0xbb && raw[2] === 0xbf;
  return new ParsedEnvDocument(entries, values, detectEol(raw), bom, raw, text, positions, offsets);
}

/** A parsed document whose byte spans are built on first use (edits, diagnostics): reading values never pays for them. */
class ParsedEnvDocument implements EnvDocument {
  private built: EnvEntrySpan[] | undefined;
  constructor(
    readonly entries: EnvEntry[],
    readonly values: Record<string, string>,
    readonly eol: '\n' | '\r\n',
    readonly bom: boolean,
    readonly raw: Uint8Array,
    readonly text: string,
    private readonly positions: Int32Array,
    private readonly offsets: Uint32Array | null,
  ) {}

  get spans(): EnvEntrySpan[] {
    return (this.built ??= buildSpans(this.positions, this.entries.length, this.offsets));
  }
}

function buildSpans(positions: Int32Array, count: number, offsets: Uint32Array | null): EnvEntrySpan[] {
  const at = offsets ? (i: number): number => offsets[i] as number : (i: number): number => i;
  const spans: EnvEntrySpan[] = new Array(count);
  for (let e = 0; e < count; e++) {
    const p = e * SPAN_FIELDS;
    const [start, keyStart, keyEnd, vs, ve, has] = [positions[p], positions[p + 1], positions[p + 2], positions[p + 3], positions[p + 4], positions[p + 5]] as number[] as [number, number, number, number, number, number];
    spans[e] = {
      start: at(start), keyStart: at(keyStart), keyEnd: at(keyEnd), valueStart: at(vs), valueEnd: at(ve),
      textStart: start, textKeyStart: keyStart, textKeyEnd: keyEnd, textValueStart: vs, textValueEnd: ve,
      hasValue: has === 1,
    };
  }
  return spans;
}

/** The file's own line break: the first one decides (`\n` when there is none). */
export function detectEol(raw: Uint8Array): '\n' | '\r\n' {
  const i = raw.indexOf(10);
  return i > 0 && raw[i - 1] === 13 ? '\r\n' : '\n';
}

/** The document's bytes: identical to the input for an unchanged document, whatever it held. */
export function printEnv(doc: EnvDocument): Uint8Array {
  return new Uint8Array(doc.raw);
}

/** The assignment that wins for `key` (dotenv: the last one), if any. */
export function effectiveEntry(doc: EnvDocument, key: string): EnvEntry | undefined {
  const i = effectiveIndex(doc, key);
  return i === -1 ? undefined : doc.entries[i];
}

export function effectiveIndex(doc: EnvDocument, key: string): number {
  for (let i = doc.entries.length - 1; i >= 0; i--) if ((doc.entries[i] as EnvEntry).key === key) return i;
  return -1;
}
