/**
 * HiveForge's organisations, users and API keys, in memory. Keys are stored as SHA-256 hashes
 * with a 12-character plaintext prefix; the environment (`hf_live_` production, `hf_test_`
 * sandbox) is a property of the server instance, as on HiveForge.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export type Role = 'owner' | 'admin' | 'member';

export interface HiveForgeUser {
  id: string;
  email: string;
  orgId: string | null;
  role: Role;
}

export interface HiveForgeKeyRecord {
  id: string;
  orgId: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  scopes: string[];
  metadata: Record<string, unknown>;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export class HiveForgeStore {
  readonly users = new Map<string, HiveForgeUser>();
  readonly keys = new Map<string, HiveForgeKeyRecord>();

  addUser(user: Omit<HiveForgeUser, 'id'> & { id?: string }): HiveForgeUser {
    const u: HiveForgeUser = { id: user.id ?? randomUUID(), email: user.email, orgId: user.orgId, role: user.role };
    this.users.set(u.id, u);
    return u;
  }

  createKey(input: Pick<HiveForgeKeyRecord, 'orgId' | 'name' | 'scopes' | 'expiresAt' | 'metadata'>, live: boolean, now: number): { record: HiveForgeKeyRecord; plaintext: string } {
    const plaintext = `${live ? 'hf_live_' : 'hf_test_'}${randomBytes(24).toString('hex')}`;
    const record: HiveForgeKeyRecord = {
      id: randomUUID(),
      ...input,
      keyHash: sha256(plaintext),
      keyPrefix: plaintext.slice(0, 12),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    };
    this.keys.set(record.id, record);
    return { record, plaintext };
  }

  findByHash(hash: string): HiveForgeKeyRecord | undefined {
    for (const k of this.keys.values()) if (k.keyHash === hash) return k;
    return undefined;
  }
}

export function publicKey(k: HiveForgeKeyRecord): Record<string, unknown> {
  const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
  return {
    id: k.id,
    name: k.name,
    key_prefix: k.keyPrefix,
    scopes: k.scopes,
    metadata: k.metadata,
    created_at: iso(k.createdAt),
    expires_at: iso(k.expiresAt),
    last_used_at: iso(k.lastUsedAt),
    revoked_at: iso(k.revokedAt),
    is_active: k.revokedAt === null,
  };
}
