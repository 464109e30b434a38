/**
 * Reference Hogsend admin API (node:http), faithful to Hogsend's authentication doc:
 * - legacy `ADMIN_API_KEY` from env (hsk_…, ≥ 32 chars, full access), compared in constant time;
 * - database keys looked up by SHA-256, must be neither revoked nor expired, then scope-checked;
 * - 503 when neither the env key nor any database key exists; 401 / 403 / 429 bodies as documented;
 * - active database keys cached per instance for 60 s. Revoking through an instance drops that
 *   instance's cache entry at once; another instance sharing the store keeps accepting the key
 *   until its own entry (made when it last looked the key up) is 60 s old. That is the
 *   multi-instance window the doc warns about; pass one `store` to two `start()` calls to get it.
 * - 100 requests per key per sliding minute (the log lives in the shared store, like Redis),
 *   `X-RateLimit-Remaining` on every authenticated answer, 429 + `Retry-After` beyond.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { manualClock, type PeerClock } from '../issuer-common/clock.js';
import { bearerToken, listen, readJson, requestUrl, sendJson } from '../issuer-common/http.js';
import { matchRoute, permits } from './routes.js';
import { HOGSEND_SCOPE_NAMES, HogsendStore, publicKey, sha256, type HogsendScope } from './store.js';

export const CACHE_TTL_MS = 60_000;
export const RATE_LIMIT = 100;
export const RATE_WINDOW_MS = 60_000;

export interface HogsendOptions {
  port?: number;
  clock?: PeerClock;
  env?: Record<string, string | undefined>;
  store?: HogsendStore;
}

export interface HogsendPeer {
  url: string;
  clock: PeerClock;
  store: HogsendStore;
  close(): Promise<void>;
}

interface Principal {
  subject: string;
  scopes: readonly string[];
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export async function start(opts: HogsendOptions = {}): Promise<HogsendPeer> {
  const clock = opts.clock ?? manualClock();
  const store = opts.store ?? new HogsendStore();
  const legacy = opts.env?.ADMIN_API_KEY || null;
  // Hogsend's rule is 32+ random characters; "hsk_" is its naming convention, not checked.
  if (legacy !== null && legacy.length < 32) {
    throw new Error('ADMIN_API_KEY must be at least 32 characters');
  }
  const cache = new Map<string, { id: string; scopes: HogsendScope[]; expiresAt: number | null; cachedAt: number }>();
  /** HOGSEND_CACHE_TTL_MS shortens the 60-second key cache (demo and tests; the doc's value otherwise). */
  const cacheTtl = Number(opts.env?.HOGSEND_CACHE_TTL_MS || CACHE_TTL_MS);

  function authenticate(token: string): Principal | null {
    if (legacy !== null && sameSecret(token, legacy)) return { subject: 'legacy', scopes: ['full-admin'] };
    const hash = sha256(token);
    const now = clock.now();
    let entry = cache.get(hash);
    if (entry && now - entry.cachedAt >= cacheTtl) {
      cache.delete(hash);
      entry = undefined;
    }
    if (!entry) {
      const rec = store.findByHash(hash);
      if (!rec || rec.revokedAt !== null || (rec.expiresAt !== null && rec.expiresAt <= now)) return null;
      entry = { id: rec.id, scopes: rec.scopes, expiresAt: rec.expiresAt, cachedAt: now };
      cache.set(hash, entry);
    }
    if (entry.expiresAt !== null && entry.expiresAt <= now) return null;
    const rec = store.keys.get(entry.id);
    if (rec) rec.lastUsedAt = now;
    return { subject: entry.id, scopes: entry.scopes };
  }

  /** Sliding window: null when allowed (with the remaining count), else seconds to wait. */
  function rateLimit(subject: string): { remaining: number } | { retryAfter: number } {
    const now = clock.now();
    const log = (store.requestLog.get(subject) ?? []).filter((t) => t > now - RATE_WINDOW_MS);
    store.requestLog.set(subject, log);
    if (log.length >= RATE_LIMIT) {
      const oldest = log[0] ?? now;
      return { retryAfter: Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - now) / 1000)) };
    }
    log.push(now);
    return { remaining: RATE_LIMIT - log.length };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    const method = req.method ?? 'GET';
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (!url.pathname.startsWith('/v1/admin/')) return sendJson(res, 404, { error: 'Not found' });
    if (legacy === null && store.keys.size === 0) return sendJson(res, 503, { error: 'Service Unavailable' });
    const token = bearerToken(req);
    const who = token === null ? null : authenticate(token);
    if (!who) return sendJson(res, 401, { error: 'Unauthorized' });
    const limit = rateLimit(who.subject);
    if ('retryAfter' in limit) {
      return sendJson(res, 429, { error: 'Rate limit exceeded' }, { 'retry-after': String(limit.retryAfter), 'x-ratelimit-remaining': '0' });
    }
    const headers = { 'x-ratelimit-remaining': String(limit.remaining) };
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const match = matchRoute(method, path);
    if (!match) return sendJson(res, 404, { error: 'Not found' }, headers);
    if (!permits(who.scopes, match.route.permission)) return sendJson(res, 403, { error: 'Insufficient scope' }, headers);
    const [status, body] = await act(match.route.action, match.params, req, url);
    sendJson(res, status, body, headers);
  }

  async function act(action: string, params: string[], req: IncomingMessage, url: URL): Promise<[number, unknown]> {
    const now = clock.now();
    switch (action) {
      case 'listKeys': {
        const all = url.searchParams.get('includeRevoked') === 'true';
        return [200, { data: [...store.keys.values()].filter((k) => all || k.revokedAt === null).map(publicKey) }];
      }
      case 'createKey': {
        const body = (await readJson(req)) as { name?: unknown; scopes?: unknown; expiresAt?: unknown } | undefined;
        if (!body || typeof body.name !== 'string' || body.name.trim() === '') return [400, { error: 'name is required' }];
        const scopes = body.scopes;
        if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => HOGSEND_SCOPE_NAMES.includes(s as HogsendScope))) {
          return [400, { error: `scopes must be a non-empty list of: ${HOGSEND_SCOPE_NAMES.join(', ')}` }];
        }
        let expiresAt: number | null = null;
        if (body.expiresAt !== undefined && body.expiresAt !== null) {
          expiresAt = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : NaN;
          if (Number.isNaN(expiresAt)) return [400, { error: 'expiresAt must be an ISO 8601 date' }];
        }
        const { record, plaintext } = store.createKey({ name: body.name, scopes: scopes as HogsendScope[], expiresAt }, now);
        const { lastUsedAt: _l, revokedAt: _r, ...shown } = publicKey(record);
        return [201, { ...shown, key: plaintext }];
      }
      case 'revokeKey': {
        const rec = store.keys.get(params[0] ?? '');
        if (!rec) return [404, { error: 'API key not found' }];
        if (rec.revokedAt === null) rec.revokedAt = now;
        cache.delete(rec.keyHash);
        return [200, publicKey(rec)];
      }
      case 'listContacts':
        return [200, { data: [{ id: 'c-1', email: 'ada@example.test' }], total: 1 }];
      case 'createContact':
        return [201, { id: `c-${now}` }];
      case 'getContact':
        return params[0] === 'c-1' ? [200, { id: 'c-1', email: 'ada@example.test' }] : [404, { error: 'Contact not found' }];
      case 'metrics':
        return [200, { sent: 0, opened: 0, clicked: 0 }];
      case 'list':
        return [200, { data: [] }];
      default:
        return [200, { ok: true }];
    }
  }

  const running = await listen(handle, opts.port ?? 0, opts.env?.HOST || undefined);
  return { url: running.url, clock, store, close: running.close };
}
