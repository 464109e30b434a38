import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnv, parseEnvInPieces, scanPieces } from '../../../electron/core/env/parse.js';
import { decodeForDotenv, decodePieces } from '../../../electron/core/env/text-map.js';
import { envBytes, envText } from './env-arbitrary.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/env/', import.meta.url));
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.env')).sort().map((f) => new Uint8Array(readFileSync(FIXTURES + f)));
const bytesOf = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

/** A big file is read piece by piece; the document must be the one the whole-text reading gives. */
function samePieceByPiece(bytes: Uint8Array, pieceBytes: number): void {
  const whole = parseEnv(bytes);
  const pieces = parseEnvInPieces(bytes, pieceBytes);
  expect(Object.entries(pieces.values)).toEqual(Object.entries(whole.values)); // same keys, same order
  expect(pieces.entries).toEqual(whole.entries);
  expect(pieces.spans).toEqual(whole.spans);
  expect(pieces.text).toBe(whole.text);
  expect(pieces.eol).toBe(whole.eol);
  expect(pieces.bom).toBe(whole.bom);
}

describe('reading a big file piece by piece', () => {
  it('decodes pieces that end after a line feed and join to the whole text', () => {
    const bytes = bytesOf('A=1\r\nB=é\n\xff\nC="x\ry"\n日本=2');
    for (const size of [1, 2, 3, 5, 8, 100]) {
      const { pieces, ends } = decodePieces(bytes, size);
      expect(pieces.join('')).toBe(decodeForDotenv(bytes).text);
      expect(ends.at(-1)).toBe(bytes.length);
      for (const end of ends.slice(0, -1)) expect(bytes[end - 1]).toBe(10);
    }
    // An invalid sequence cut by a line feed is one U+FFFD in either reading.
    const broken = new Uint8Array([0x41, 0x3d, 0xe6, 0x97, 0x0a, 0x42, 0x3d, 0xf0, 0x9f, 0x0a, 0x43]);
    expect(decodePieces(broken, 1).pieces.join('')).toBe(decodeForDotenv(broken).text);
  });

  it('reads ordinary lines piece by piece, and hands back to the whole text where a piece end matters', () => {
    expect(scanPieces(bytesOf('A=1\n# c\nexport B="x"\nC=\'y\' # z\n\nD=\n'), 1)).not.toBeNull();
    for (const s of ['A=\n\n"later"\n', 'KEY\n=value\n', 'export\nKEY=1\n', 'A="a\\"\nb"\n', 'A=1\nB=\'x\\\'\n\'\n']) {
      expect(scanPieces(bytesOf(s), 1)).toBeNull();
      samePieceByPiece(bytesOf(s), 1);
    }
  });

  it('gives the whole-text document for the fixtures at every piece size', () => {
    for (const bytes of fixtures) for (const size of [1, 7, 64]) samePieceByPiece(bytes, size);
  });

  it('gives the whole-text document for generated files and arbitrary bytes', { timeout: 120_000 }, () => {
    fc.assert(fc.property(envText, fc.integer({ min: 1, max: 40 }), (s, size) => samePieceByPiece(bytesOf(s), size)), { numRuns: 5_000 });
    fc.assert(fc.property(envBytes, fc.integer({ min: 1, max: 40 }), (b, size) => samePieceByPiece(b, size)), { numRuns: 5_000 });
  });
});
