import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeForDotenv, decodeUtf8, toBytes, unitByteOffsets } from '../../../electron/core/env/text-map.js';

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

describe('decodeUtf8', () => {
  it('decodes exactly like Buffer#toString (what dotenv uses), BOM kept', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      expect(decodeUtf8(b)).toBe(Buffer.from(b).toString('utf8'));
    }), { numRuns: 20_000 });
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
  });
});

describe('unitByteOffsets', () => {
  it('gives the byte where each decoded unit starts, for any bytes', () => {
    const bytesArb = fc.oneof(
      fc.uint8Array({ maxLength: 48 }),
      fc.string({ unit: 'binary', maxLength: 16 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    );
    fc.assert(fc.property(bytesArb, (b) => {
      const s = decodeUtf8(b);
      const map = unitByteOffsets(b, s.length);
      expect(map[s.length]).toBe(b.length);
      for (let u = 0; u < s.length; u++) {
        if (u > 0 && isLowSurrogate(s.charCodeAt(u)) && map[u] === map[u - 1]) continue; // second half of a pair
        expect(decodeUtf8(b.subarray(0, map[u]))).toBe(s.slice(0, u));
      }
    }), { numRuns: 20_000 });
  });

  it('refuses to return a map that disagrees with the decoder', () => {
    expect(() => unitByteOffsets(new Uint8Array([0x41, 0x42]), 5)).toThrow(/disagrees/);
  });
});

describe('decodeForDotenv', () => {
  it('normalises CRLF and lone CR to LF and maps text positions to bytes', () => {
    const bytes = toBytes('A=é\r\nB=2\rC');
    const { text, offsets } = decodeForDotenv(bytes);
    expect(text).toBe('A=é\nB=2\nC');
    expect(offsets).not.toBeNull();
    expect(Array.from(offsets!)).toEqual([0, 1, 2, 4, 6, 7, 8, 9, 10, 11]);
  });

  it('needs no map when every character is one byte and there is no CR', () => {
    expect(decodeForDotenv(toBytes('A=1\nB=2')).offsets).toBeNull();
    expect(decodeForDotenv(new Uint8Array([0x41, 0xff, 0x0a])).offsets).toBeNull();
  });
});
