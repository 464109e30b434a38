/**
 * Hogsend's database, in memory: API keys stored as SHA-256 hashes with a plaintext 8-char
 * prefix, and the per-key request log of the sliding-window rate limiter (Hogsend keeps that in
 * Redis, shared by every instance — so does this store when two peer instances share it).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export type HogsendScope = 'read' | 'journey-admin' | 'full-admin';
export const HOGSEND_SCOPE_NAMES: readonly HogsendScope[] = ['read', 'journey-admin', 'full-admin'];

export interface HogsendKeyRecord {
  id: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  scopes: HogsendScope[];
  expiresAt: number | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export class HogsendStore {
  readonly keys = new Map<string, HogsendKeyRecord>();
  /** Request times per rate-limit subject (key id, or `legacy`). */
  readonly requestLog = new Map<string, number[]>();

  /** Creates a key; the plaintext is returned here and nowhere else. */
  createKey(input: { name: string; scopes: HogsendScope[]; expiresAt: number | null }, now: number): { record: HogsendKeyRecord; plaintext: string } {
    const plaintext = `hsk_${randomBytes(20).toString('hex')}`;
    const record: HogsendKeyRecord = {
      id: randomUUID(),
      name: input.name,
      keyHash: sha256(plaintext),
      keyPrefix: plaintext.slice(0, 8),
      scopes: [...input.scopes],
      expiresAt: input.expiresAt,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    };
    this.keys.set(record.id, record);
    return { record, plaintext };
  }

  findByHash(hash: string): HogsendKeyRecord | undefined {
    for (const k of this.keys.values()) if (k.keyHash === hash) return k;
    return undefined;
  }
}

export function publicKey(k: HogsendKeyRecord): Record<string, unknown> {
  const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
  return {
    id: k.id,
    name: k.name,
    keyPrefix: k.keyPrefix,
    scopes: k.scopes,
    expiresAt: iso(k.expiresAt),
    createdAt: iso(k.createdAt),
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
  };
}
