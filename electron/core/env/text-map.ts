/**
 * From bytes to the text dotenv reads, and back. dotenv decodes the bytes as UTF-8 (invalid
 * sequences become U+FFFD, a BOM stays) and turns `\r\n` and lone `\r` into `\n`. The engine works
 * on that text and maps every text position back to a byte offset, so it can cut the original
 * bytes exactly where a key or value sits.
 */

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

export interface DecodedText {
  /** The newline-normalised text. */
  text: string;
  /** Byte offset of each text index (length text.length + 1), or null when index === offset. */
  offsets: Uint32Array | null;
}

export function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? encoder.encode(input) : input;
}

export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Byte offset where each UTF-16 unit of the decoded text starts, following the WHATWG UTF-8
 * decoder (maximal subparts of an invalid sequence become one U+FFFD each), as TextDecoder and
 * Buffer#toString do.
 */
export function unitByteOffsets(bytes: Uint8Array, units: number): Uint32Array {
  const map = new Uint32Array(units + 1);
  let u = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let seqStart = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (needed === 0) {
      if (b <= 0x7f) {
        map[u++] = i;
      } else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        seqStart = i;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        seqStart = i;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        seqStart = i;
      } else {
        map[u++] = i;
      }
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one U+FFFD; this byte starts afresh.
      map[u++] = seqStart;
      needed = 0;
      seen = 0;
      lower = 0x80;
      upper = 0xbf;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    seen++;
    if (seen === needed) {
      map[u++] = seqStart;
      if (needed === 3) map[u++] = seqStart; // a supplementary code point is a surrogate pair
      needed = 0;
      seen = 0;
    }
  }
  if (needed !== 0) map[u++] = seqStart;
  if (u !== units) throw new Error(`UTF-8 offset map disagrees with the decoder (${u} vs ${units} units)`);
  map[units] = n;
  return map;
}

/** The text dotenv reads from these bytes, with the byte offset of every text position. */
export function decodeForDotenv(bytes: Uint8Array, decoded?: string): DecodedText {
  const s = decoded ?? decoder.decode(bytes);
  // Every unit one byte (ASCII or lone invalid bytes): index === offset.
  let unitMap: Uint32Array | null = s.length === bytes.length ? null : unitByteOffsets(bytes, s.length);
  if (s.indexOf('\r') === -1) return { text: s, offsets: unitMap };
  const text = s.replace(/\r\n?/g, '\n');
  const map = new Uint32Array(text.length + 1);
  let j = 0;
  const sl = s.length;
  for (let i = 0; i < sl; i++) {
    map[j++] = unitMap ? (unitMap[i] as number) : i;
    if (s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10) i++;
  }
  map[j] = bytes.length;
  unitMap = map;
  return { text, offsets: unitMap };
}

/**
 * The text dotenv reads from these bytes as pieces that each end right after a line feed (the last
 * one at the end), none much longer than `size` bytes unless a line is. Joined, they are exactly
 * `decodeForDotenv(bytes).text`: a line feed byte never sits inside a UTF-8 sequence and ends any
 * unfinished one, and `\r\n` never spans two pieces. Small strings are far cheaper to make than one
 * large one (which V8 puts in freshly mapped memory), so a big file is read piece by piece.
 */
export function decodePieces(bytes: Uint8Array, size: number): { pieces: string[]; ends: number[] } {
  const pieces: string[] = [];
  const ends: number[] = [];
  const n = bytes.length;
  for (let from = 0; from < n;) {
    const lf = from + size >= n ? -1 : bytes.indexOf(10, from + size - 1);
    const to = lf === -1 ? n : lf + 1;
    const s = decoder.decode(bytes.subarray(from, to));
    pieces.push(s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n'));
    ends.push(to);
    from = to;
  }
  return { pieces, ends };
}
