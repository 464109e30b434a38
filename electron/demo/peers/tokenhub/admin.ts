/**
 * TokenHub's admin API (`/admin/v1/keys`, `Authorization: Bearer <TOKENHUB_ADMIN_TOKEN>`), as
 * documented in README.md: list, create (plaintext once), get, PATCH, rotate (new plaintext once),
 * DELETE (revoke). Changes reach the consumer API only as its 5-minute cache entries expire.
 */
import type { IncomingMessage } from 'node:http';
import { readJson } from '../issuer-common/http.js';
import { publicKey, TOKENHUB_SCOPE_NAMES, type TokenHubStore } from './store.js';

type Answer = [number, unknown];

interface KeyFields {
  name?: unknown;
  scopes?: unknown;
  enabled?: unknown;
  expires_at?: unknown;
  rotation_days?: unknown;
  created_at?: unknown;
}

/** `allowBackdate` (TOKENHUB_DEMO_BACKDATE=1, the bundled demo only): PATCH may set `created_at`, so a key can start out past its rotation schedule. */
export interface AdminOptions {
  allowBackdate?: boolean;
}

/** Validates the writable fields; returns the error text or the cleaned values. */
function parseFields(b: KeyFields, allowBackdate = false): string | { name?: string; scopes?: string[]; enabled?: boolean; expiresAt?: number | null; rotationDays?: number | null; createdAt?: number } {
  const out: ReturnType<typeof parseFields> = {};
  if (b.name !== undefined) {
    if (typeof b.name !== 'string' || b.name.trim() === '') return 'name must be a non-empty string';
    out.name = b.name;
  }
  if (b.scopes !== undefined) {
    if (!Array.isArray(b.scopes) || !b.scopes.every((s) => typeof s === 'string')) return 'scopes must be a list of strings';
    const bad = (b.scopes as string[]).filter((s) => !(TOKENHUB_SCOPE_NAMES as readonly string[]).includes(s));
    if (bad.length) return `unknown scope: ${bad.join(', ')} (allowed: ${TOKENHUB_SCOPE_NAMES.join(', ')})`;
    out.scopes = [...new Set(b.scopes as string[])];
  }
  if (b.enabled !== undefined) {
    if (typeof b.enabled !== 'boolean') return 'enabled must be true or false';
    out.enabled = b.enabled;
  }
  if (b.expires_at !== undefined) {
    const t = b.expires_at === null ? null : typeof b.expires_at === 'string' ? Date.parse(b.expires_at) : NaN;
    if (t !== null && Number.isNaN(t)) return 'expires_at must be an ISO 8601 date or null';
    out.expiresAt = t;
  }
  if (b.rotation_days !== undefined) {
    const d = b.rotation_days;
    if (d !== null && (typeof d !== 'number' || !Number.isInteger(d) || d < 1)) return 'rotation_days must be a positive whole number or null';
    out.rotationDays = d;
  }
  if (b.created_at !== undefined) {
    if (!allowBackdate) return 'created_at is set by TokenHub';
    const t = typeof b.created_at === 'string' ? Date.parse(b.created_at) : NaN;
    if (Number.isNaN(t)) return 'created_at must be an ISO 8601 date';
    out.createdAt = t;
  }
  return out;
}

export async function adminRoute(store: TokenHubStore, method: string, path: string, url: URL, req: IncomingMessage, now: number, opts: AdminOptions = {}): Promise<Answer> {
  const m = /^\/admin\/v1\/keys(?:\/([^/]+)(\/rotate)?)?$/.exec(path);
  if (!m) return [404, { error: 'not found' }];
  const [, id, rotate] = m;
  if (!id) {
    if (method === 'GET') {
      const all = url.searchParams.get('include_revoked') === 'true';
      return [200, { keys: [...store.keys.values()].filter((k) => all || k.revokedAt === null).map(publicKey) }];
    }
    if (method !== 'POST') return [405, { error: 'method not allowed' }];
    const body = (await readJson(req)) as KeyFields | undefined;
    if (!body) return [400, { error: 'body must be JSON' }];
    const f = parseFields(body);
    if (typeof f === 'string') return [400, { error: f }];
    if (f.name === undefined) return [400, { error: 'name is required' }];
    const { record, plaintext } = await store.create({ name: f.name, scopes: f.scopes ?? [], expiresAt: f.expiresAt ?? null, rotationDays: f.rotationDays ?? null }, now);
    if (f.enabled === false) record.enabled = false;
    return [201, { ...publicKey(record), api_key: plaintext }];
  }
  const rec = store.keys.get(id);
  if (!rec || (rec.revokedAt !== null && method !== 'GET')) return [404, { error: 'key not found' }];
  if (rotate) {
    if (method !== 'POST') return [405, { error: 'method not allowed' }];
    const plaintext = await store.rotate(rec, now);
    return [200, { ...publicKey(rec), api_key: plaintext }];
  }
  if (method === 'GET') return [200, publicKey(rec)];
  if (method === 'DELETE') {
    rec.revokedAt = now;
    rec.enabled = false;
    return [200, publicKey(rec)];
  }
  if (method !== 'PATCH') return [405, { error: 'method not allowed' }];
  const body = (await readJson(req)) as KeyFields | undefined;
  if (!body) return [400, { error: 'body must be JSON' }];
  const f = parseFields(body, opts.allowBackdate);
  if (typeof f === 'string') return [400, { error: f }];
  if (f.name !== undefined) rec.name = f.name;
  if (f.createdAt !== undefined) rec.createdAt = f.createdAt;
  if (f.scopes !== undefined) rec.scopes = f.scopes;
  if (f.enabled !== undefined) rec.enabled = f.enabled;
  if (f.expiresAt !== undefined) rec.expiresAt = f.expiresAt;
  if (f.rotationDays !== undefined) rec.rotationDays = f.rotationDays;
  return [200, publicKey(rec)];
}
