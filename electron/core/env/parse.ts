/**
 * parseEnv: a lossless reading of a .env file that reports exactly what dotenv (18, default mode)
 * reads. scan.ts finds each assignment the way dotenv's line pattern matches it (one pass over
 * character codes, no regex); positions map back to byte offsets; the bytes are kept verbatim.
 */
import type { EnvDocument, EnvEntry, EnvEntrySpan, EnvQuote } from './types.js';
import { decodeForDotenv, decodePieces, toBytes, type DecodedText } from './text-map.js';
import { dotenvValue, hasOnlyLf, newScan, scanDotenv, scanInto, SPAN_FIELDS, type ScanResult } from './scan.js';

const BOM0 = 0xef;
/** Files larger than this are decoded and scanned in pieces of about this many bytes. */
const PIECE_BYTES = 60_000;

function quoteOf(text: string, vs: number, ve: number): EnvQuote | null {
  const c = text.charCodeAt(vs);
  if (ve - vs >= 2 && (c === 34 || c === 39 || c === 96) && text.charCodeAt(ve - 1) === c) return text[vs] as EnvQuote;
  return null;
}

export function parseEnv(input: string | Uint8Array): EnvDocument {
  return parseEnvInPieces(input, PIECE_BYTES);
}

/** parseEnv, reading bytes longer than `pieceBytes` piece by piece (exported for tests). */
export function parseEnvInPieces(input: string | Uint8Array, pieceBytes: number): EnvDocument {
  const raw = toBytes(input);
  const bom = raw.length >= 3 && raw[0] === BOM0 && raw[1] === 0xbb && raw[2] === 0xbf;
  if (typeof input !== 'string' && raw.length > pieceBytes) {
    const scan = scanPieces(raw, pieceBytes);
    if (scan) return new ParsedEnvDocument(scan.keys, scan.values, bom, raw, undefined, scan.positions);
  }
  const decoded = decodeForDotenv(raw, typeof input === 'string' ? input : undefined);
  const { text } = decoded;
  // One unit per byte means no multi-byte character, so no U+2028/2029 either.
  const { keys, values, positions } = text.length === raw.length ? scanDotenv(text, true, raw) : scanDotenv(text);
  return new ParsedEnvDocument(keys, values, bom, raw, decoded, positions);
}

/** The scan of the whole text, done piece by piece; null when a piece's end needs the next piece (exported for tests). */
export function scanPieces(raw: Uint8Array, pieceBytes: number): ScanResult | null {
  const { pieces, ends } = decodePieces(raw, pieceBytes);
  const into = newScan(raw.length);
  let base = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    const from = i === 0 ? 0 : (ends[i - 1] as number);
    const oneByteEach = piece.length === (ends[i] as number) - from;
    if (!scanInto(into, piece, oneByteEach || hasOnlyLf(piece), base, i < pieces.length - 1, oneByteEach ? raw : undefined, from)) return null;
    base += piece.length;
  }
  return into;
}

/**
 * A parsed document: the scan gives keys, values and positions; entries (line, column, quote…)
 * and byte spans are built on first use (edits, diagnostics), so reading values never pays for them.
 */
class ParsedEnvDocument implements EnvDocument {
  private builtEntries: EnvEntry[] | undefined;
  private builtSpans: EnvEntrySpan[] | undefined;
  private eolSeen: '\n' | '\r\n' | undefined;
  constructor(
    readonly keys: string[],
    readonly values: Record<string, string>,
    readonly bom: boolean,
    readonly raw: Uint8Array,
    /** The whole text and its byte offsets; decoded on first use when the scan read pieces. */
    private decoded: DecodedText | undefined,
    private readonly positions: Int32Array,
  ) {}

  get text(): string {
    return (this.decoded ??= decodeForDotenv(this.raw)).text;
  }

  get eol(): '\n' | '\r\n' {
    return (this.eolSeen ??= detectEol(this.raw));
  }

  get entries(): EnvEntry[] {
    return (this.builtEntries ??= buildEntries(this.text, this.keys, this.positions));
  }

  get spans(): EnvEntrySpan[] {
    return (this.builtSpans ??= buildSpans(this.positions, this.keys.length, (this.decoded ??= decodeForDotenv(this.raw)).offsets));
  }
}

function buildEntries(text: string, keys: string[], positions: Int32Array): EnvEntry[] {
  const entries: EnvEntry[] = new Array(keys.length);
  const bomColumn = text.charCodeAt(0) === 0xfeff ? 0 : 1; // a byte order mark is not a column
  let line = 1;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  for (let e = 0; e < keys.length; e++) {
    const p = e * SPAN_FIELDS;
    const start = positions[p] as number;
    while (nl !== -1 && nl < start) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    const vs = positions[p + 3] as number;
    const ve = positions[p + 4] as number;
    const has = positions[p + 5] === 1;
    entries[e] = {
      key: keys[e] as string,
      value: has ? dotenvValue(text.slice(vs, ve)) : '',
      line,
      column: start - lineStart + (lineStart === 0 ? bomColumn : 1),
      quote: has ? quoteOf(text, vs, ve) : null,
      exported: start < (positions[p + 1] as number),
    };
  }
  return entries;
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
  if (doc instanceof ParsedEnvDocument) return doc.keys.lastIndexOf(key);
  for (let i = doc.entries.length - 1; i >= 0; i--) if ((doc.entries[i] as EnvEntry).key === key) return i;
  return -1;
}
