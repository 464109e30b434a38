/**
 * parseEnv: a lossless reading of a .env file that reports exactly what dotenv (18, default mode)
 * reads. It runs dotenv's own line pattern, with match indices, over the text dotenv sees and maps
 * every key and value back to byte offsets; everything between assignments is kept verbatim.
 */
import type { EnvDocument, EnvEntry, EnvEntrySpan, EnvQuote } from './types.js';
import { decodeForDotenv, toBytes } from './text-map.js';

/** dotenv's LINE pattern (lib/main.js), verbatim, plus the `d` flag for match indices. */
const DOTENV_LINE_SOURCE =
  "(?:^|^)\\s*(?:export\\s+)?([\\w.-]+)(?:\\s*=\\s*?|:\\s+?)(\\s*'(?:\\\\'|[^'])*'|\\s*\"(?:\\\\\"|[^\"])*\"|\\s*`(?:\\\\`|[^`])*`|[^#\\r\\n]+)?\\s*(?:#.*)?(?:$|$)";
export const DOTENV_LINE = new RegExp(DOTENV_LINE_SOURCE, 'mg');
const DOTENV_LINE_D = new RegExp(DOTENV_LINE_SOURCE, 'mgd');
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

export function parseEnv(input: string | Uint8Array): EnvDocument {
  const raw = toBytes(input);
  const { text, offsets } = decodeForDotenv(raw, typeof input === 'string' ? input : undefined);
  const at = offsets ? (i: number): number => offsets[i] as number : (i: number): number => i;
  const entries: EnvEntry[] = [];
  const spans: EnvEntrySpan[] = [];
  const values: Record<string, string> = {};
  const re = DOTENV_LINE_D;
  re.lastIndex = 0;
  let line = 1;
  let lineStart = 0; // text index of the start of `line`
  let scanned = 0; // text index up to which newlines were counted
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const key = m[1] as string;
    const idx = m.indices as RegExpIndicesArray;
    const keyRange = idx[1] as [number, number];
    let start = m.index;
    while (isTrimmable(text.charCodeAt(start)) && start < keyRange[0]) start++;
    const exported = start < keyRange[0];
    // Count lines up to the assignment start.
    let nl = text.indexOf('\n', scanned);
    while (nl !== -1 && nl < start) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    scanned = start;
    const valueRange = idx[2];
    let vs: number;
    let ve: number;
    let trimmed: string;
    vs = 0;
    ve = 0;
    trimmed = '';
    if (valueRange) {
      vs = valueRange[0];
      ve = valueRange[1];
      while (vs < ve && isTrimmable(text.charCodeAt(vs))) vs++;
      while (ve > vs && isTrimmable(text.charCodeAt(ve - 1))) ve--;
      trimmed = text.slice(vs, ve);
    }
    if (trimmed === '') {
      // No value: it would go right after the separator (`=`, or `:` and one blank).
      vs = keyRange[1];
      while (text.charCodeAt(vs) !== 61 && text.charCodeAt(vs) !== 58) vs++;
      vs += text.charCodeAt(vs) === 58 && (text.charCodeAt(vs + 1) === 32 || text.charCodeAt(vs + 1) === 9) ? 2 : 1;
      ve = vs;
    }
    const value = trimmed === '' ? '' : dotenvValue(trimmed);
    values[key] = value;
    // A byte order mark is not a column.
    const column = start - lineStart + (lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 0 : 1);
    entries.push({ key, value, line, column, quote: quoteOf(trimmed), exported });
    spans.push({
      start: at(start), keyStart: at(keyRange[0]), keyEnd: at(keyRange[1]), valueStart: at(vs), valueEnd: at(ve),
      textStart: start, textKeyStart: keyRange[0], textKeyEnd: keyRange[1], textValueStart: vs, textValueEnd: ve,
      hasValue: trimmed !== '',
    });
  }
  return { entries, values, eol: detectEol(raw), bom: raw.length >= 3 && raw[0] === BOM0 && raw[1] === 0xbb && raw[2] === 0xbf, raw, text, spans };
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
