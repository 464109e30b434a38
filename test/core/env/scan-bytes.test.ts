import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnv, parseEnvInPieces } from '../../../electron/core/env/parse.js';
import { scanDotenv } from '../../../electron/core/env/scan.js';
import { decodeForDotenv } from '../../../electron/core/env/text-map.js';
import { envBytes, envText } from './env-arbitrary.js';
import { regexEntries } from './regex-oracle.js';

/**
 * When every text unit is one byte, the scanner reads key characters (and so the key's end) from
 * the bytes instead of the text. The unit and the byte can differ there: a lone `\r` byte is a
 * `\n` unit, a byte from 0x80 up is a lone invalid byte and so a U+FFFD unit (0xA0 is no blank
 * then, though U+00A0 is). None of those is a key character either way, so the scan must be the
 * one the text alone gives.
 */
const bytesOf = (s: string, encoding: BufferEncoding = 'utf8'): Uint8Array => new Uint8Array(Buffer.from(s, encoding));

function sameScanFromBytes(raw: Uint8Array): void {
  const { text } = decodeForDotenv(raw);
  if (text.length !== raw.length) return; // not one byte per unit: the bytes are never read
  const fromText = scanDotenv(text);
  const fromBytes = scanDotenv(text, true, raw);
  expect(fromBytes.keys).toEqual(fromText.keys);
  expect(Object.entries(fromBytes.values)).toEqual(Object.entries(fromText.values));
  expect(fromBytes.positions).toEqual(fromText.positions);
}

/** The document read from bytes matches dotenv's own pattern, position for position. */
function matchesOracle(doc: ReturnType<typeof parseEnv>): void {
  expect(doc.entries.map((e, i) => {
    const s = doc.spans[i]!;
    return { key: e.key, value: e.value, start: s.textStart, keyStart: s.textKeyStart, keyEnd: s.textKeyEnd, valueStart: s.textValueStart, valueEnd: s.textValueEnd, hasValue: s.hasValue };
  })).toEqual(regexEntries(doc.text));
}

describe('reading key characters from the bytes', () => {
  it.each([
    ['plain lines', 'A=1\nexport B_2.c-d="x"\n# c\nKEY_ONLY\n  C : y\nD=\n'],
    ['a lone CR ends a key as the LF it becomes', 'A\r=1\rB=2\r\rexport C\r=3\rD=4'],
    ['invalid bytes end a key and are no blanks', 'A\xa0=1\nB=\xa02\n\xa0C=3\nD\x85=4\nE=\xff\nF\xe9G=5\n'],
    ['a key up to the end of the text', 'A=1\nLAST'],
    ['a key at the end of a piece', 'A=1\nB\n=2\nCC=3\n'],
  ])('%s', (_name, s) => {
    const raw = bytesOf(s, 'latin1');
    expect(decodeForDotenv(raw).text).toHaveLength(raw.length);
    sameScanFromBytes(raw);
    matchesOracle(parseEnv(raw));
    for (const size of [1, 3, 8]) matchesOracle(parseEnvInPieces(raw, size));
  });

  it('scans generated files and arbitrary bytes as the text alone does', { timeout: 120_000 }, () => {
    fc.assert(fc.property(envText, (s) => sameScanFromBytes(bytesOf(s))), { numRuns: 5_000 });
    fc.assert(fc.property(envBytes, (b) => sameScanFromBytes(b)), { numRuns: 5_000 });
    // Mostly one byte per unit: ASCII text, lone CRs, bytes from 0x80 up, as Latin-1 bytes.
    const oneByteEach = envText.map((s) => bytesOf(s.replace(/\r\n/g, '\r').replace(/[\s\S]/gu, (ch) => (ch.codePointAt(0)! > 0xff ? '\xa0' : ch)), 'latin1'));
    fc.assert(fc.property(oneByteEach, fc.integer({ min: 1, max: 40 }), (raw, size) => {
      sameScanFromBytes(raw);
      matchesOracle(parseEnv(raw));
      matchesOracle(parseEnvInPieces(raw, size));
    }), { numRuns: 5_000 });
  });
});
