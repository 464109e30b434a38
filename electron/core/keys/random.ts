/**
 * Unbiased random strings: each character is drawn from its alphabet by rejection sampling on
 * random bytes (bytes at or above the largest multiple of the alphabet size are thrown away),
 * so every character is exactly equally likely — no modulo bias.
 */
import { randomBytes } from 'node:crypto';

export const ALPHABETS = {
  hex: '0123456789abcdef',
  'alphanumeric-lower': 'abcdefghijklmnopqrstuvwxyz0123456789',
  base62: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
} as const;
export type AlphabetName = keyof typeof ALPHABETS;

/** Where random bytes come from; crypto randomness unless a test supplies a fixed source. */
export type ByteSource = (n: number) => Uint8Array;
export const cryptoBytes: ByteSource = (n) => randomBytes(n);

/** Bits of entropy of `length` characters drawn uniformly from an alphabet of `size` symbols. */
export function entropyBits(size: number, length: number): number {
  return length * Math.log2(size);
}

/** The fewest characters from an alphabet of `size` symbols that carry at least `bits` bits. */
export function lengthForBits(size: number, bits: number): number {
  return Math.ceil(bits / Math.log2(size) - 1e-9);
}

/** `length` characters drawn uniformly and independently from `alphabet` (2..256 symbols). */
export function randomString(alphabet: string, length: number, source: ByteSource = cryptoBytes): string {
  const n = alphabet.length;
  if (n < 2 || n > 256) throw new RangeError(`an alphabet needs 2 to 256 symbols, got ${n}`);
  const limit = 256 - (256 % n); // accept bytes below the largest multiple of n
  let out = '';
  while (out.length < length) {
    const need = length - out.length;
    // Ask for a little more than needed so rejections rarely cost another round.
    const bytes = source(Math.ceil((need * 256) / limit) + 4);
    for (const b of bytes) {
      if (b >= limit) continue;
      out += alphabet[b % n];
      if (out.length === length) break;
    }
  }
  return out;
}
