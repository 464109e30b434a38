/**
 * Fingerprints: how Keyhive shows a secret without showing it. HMAC-SHA256 of the value under a
 * random per-workspace key (kept in the keychain), first 8 hex chars. Equal values give equal
 * fingerprints within a workspace; without the key a fingerprint says nothing about the value.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const FINGERPRINT_LENGTH = 8;

/** 8 hex chars, or null for an absent or empty value. */
export function fingerprint(key: string | Uint8Array, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, FINGERPRINT_LENGTH);
}

/** A new random fingerprint key (256 bits, hex). */
export function newFingerprintKey(): string {
  return randomBytes(32).toString('hex');
}
