import { describe, expect, it } from 'vitest';
import { ALPHABETS, entropyBits, lengthForBits, randomString, type ByteSource } from '../../../electron/core/keys/random.js';

/** A byte source that cycles through every byte value 0..255 in order, forever. */
function cyclingBytes(): ByteSource {
  let next = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = next++ % 256;
    return out;
  };
}

/** Deterministic PRNG (xorshift32) so the statistical test is reproducible. */
function seededBytes(seed: number): ByteSource {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out[i] = x & 0xff;
    }
    return out;
  };
}

describe('randomString', () => {
  it('gives every symbol exactly the same share when fed every byte value equally (no modulo bias)', () => {
    for (const alphabet of Object.values(ALPHABETS)) {
      const accepted = 256 - (256 % alphabet.length); // bytes the sampler keeps per 256
      const rounds = 20;
      const s = randomString(alphabet, accepted * rounds, cyclingBytes());
      const counts = new Map<string, number>();
      for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
      expect(counts.size).toBe(alphabet.length);
      for (const c of counts.values()) expect(c).toBe((accepted / alphabet.length) * rounds);
    }
  });

  it('a naive modulo would be biased for base62 — the sampler rejects bytes 248..255', () => {
    // Bytes 248..255 would map onto symbols 0..7 a second time; feeding only them yields nothing
    // until an acceptable byte arrives.
    let calls = 0;
    const source: ByteSource = (n) => {
      calls++;
      return calls === 1 ? new Uint8Array(n).fill(250) : new Uint8Array(n).fill(61);
    };
    expect(randomString(ALPHABETS.base62, 5, source)).toBe('99999');
    expect(calls).toBe(2);
  });

  it('passes a chi-square sanity check on a fixed pseudo-random stream', () => {
    const alphabet = ALPHABETS.base62;
    const n = 62_000;
    const s = randomString(alphabet, n, seededBytes(12345));
    const counts = new Array<number>(alphabet.length).fill(0);
    for (const ch of s) counts[alphabet.indexOf(ch)]!++;
    const expected = n / alphabet.length;
    const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    // 61 degrees of freedom: the 99.9th percentile is about 100.9.
    expect(chi2).toBeLessThan(100.9);
  });

  it('draws from crypto randomness by default: two values differ and use only the alphabet', () => {
    const a = randomString(ALPHABETS.hex, 64);
    const b = randomString(ALPHABETS.hex, 64);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('refuses alphabets it cannot sample fairly', () => {
    expect(() => randomString('a', 4)).toThrow(RangeError);
  });
});

describe('entropy math', () => {
  it('computes bits and the length needed for 256 bits', () => {
    expect(entropyBits(16, 64)).toBe(256);
    expect(lengthForBits(16, 256)).toBe(64);
    expect(lengthForBits(64, 256)).toBe(43); // 43 × 6 = 258
    expect(lengthForBits(62, 256)).toBe(43); // 43 × 5.954 = 256.03
    expect(entropyBits(62, 43)).toBeGreaterThanOrEqual(256);
    expect(entropyBits(62, 42)).toBeLessThan(256);
  });
});
