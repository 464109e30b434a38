/**
 * TokenHub's key table, in memory: bcrypt hashes only (bcryptjs, a low cost factor so tests are
 * quick), a plaintext lookup prefix, scopes, expiry, rotation schedule, enabled flag.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';

export const TOKENHUB_SCOPE_NAMES = ['chat', 'plan'] as const;
export const KEY_PATTERN = /^tokenhub_[0-9a-f]{64}$/;

export interface TokenHubKeyRecord {
  id: string;
  name: string;
  hash: string;
  /** `tokenhub_` + the first 8 hex chars: narrows the bcrypt comparisons to one candidate. */
  prefix: string;
  scopes: string[];
  enabled: boolean;
  createdAt: number;
  expiresAt: number | null;
  rotationDays: number | null;
  lastRotatedAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export class TokenHubStore {
  readonly keys = new Map<string, TokenHubKeyRecord>();
  constructor(readonly bcryptCost = 4) {}

  private async newSecret(): Promise<{ plaintext: string; hash: string; prefix: string }> {
    const plaintext = `tokenhub_${randomBytes(32).toString('hex')}`;
    return { plaintext, hash: await bcrypt.hash(plaintext, this.bcryptCost), prefix: plaintext.slice(0, 17) };
  }

  async create(input: Pick<TokenHubKeyRecord, 'name' | 'scopes' | 'expiresAt' | 'rotationDays'>, now: number): Promise<{ record: TokenHubKeyRecord; plaintext: string }> {
    const { plaintext, hash, prefix } = await this.newSecret();
    const record: TokenHubKeyRecord = {
      id: randomUUID(),
      ...input,
      hash,
      prefix,
      enabled: true,
      createdAt: now,
      lastRotatedAt: null,
      lastUsedAt: null,
      revokedAt: null,
    };
    this.keys.set(record.id, record);
    return { record, plaintext };
  }

  /** New secret for the same key record; the old plaintext stops matching the hash at once. */
  async rotate(record: TokenHubKeyRecord, now: number): Promise<string> {
    const { plaintext, hash, prefix } = await this.newSecret();
    Object.assign(record, { hash, prefix, lastRotatedAt: now });
    return plaintext;
  }

  async verify(plaintext: string): Promise<TokenHubKeyRecord | null> {
    const prefix = plaintext.slice(0, 17);
    for (const k of this.keys.values()) {
      if (k.prefix === prefix && (await bcrypt.compare(plaintext, k.hash))) return k;
    }
    return null;
  }
}

export function publicKey(k: TokenHubKeyRecord): Record<string, unknown> {
  const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    enabled: k.enabled,
    created_at: iso(k.createdAt),
    expires_at: iso(k.expiresAt),
    rotation_days: k.rotationDays,
    last_rotated_at: iso(k.lastRotatedAt),
    last_used_at: iso(k.lastUsedAt),
    revoked_at: iso(k.revokedAt),
  };
}
