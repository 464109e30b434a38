/**
 * Reference TokenHub server (node:http), faithful to TokenHub's authentication doc:
 * consumer API `/v1/*` with `Authorization: Bearer tokenhub_<64 hex>`; scopes `chat`
 * (POST /v1/chat) and `plan` (POST /v1/plan), an empty scope list allowing both; 401
 * "missing or invalid api key" (missing, bad format, wrong, expired, disabled), 403 "scope not
 * allowed"; bcrypt-hashed keys; a 5-minute validation cache, so a disabled, rotated or revoked
 * key keeps working until its entry (made at its last successful lookup) expires. Expiry is
 * checked on every request. Admin API: see admin.ts and README.md.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { manualClock, type PeerClock } from '../issuer-common/clock.js';
import { bearerToken, listen, requestUrl, sendJson } from '../issuer-common/http.js';
import { adminRoute } from './admin.js';
import { KEY_PATTERN, TokenHubStore } from './store.js';

export const CACHE_TTL_MS = 5 * 60_000;
const INVALID = { error: 'missing or invalid api key' };

export interface TokenHubOptions {
  port?: number;
  clock?: PeerClock;
  env?: Record<string, string | undefined>;
  store?: TokenHubStore;
}

export interface TokenHubPeer {
  url: string;
  clock: PeerClock;
  store: TokenHubStore;
  close(): Promise<void>;
}

const CONSUMER_ROUTES: Record<string, string> = { 'POST /v1/chat': 'chat', 'POST /v1/plan': 'plan' };

export async function start(opts: TokenHubOptions = {}): Promise<TokenHubPeer> {
  const clock = opts.clock ?? manualClock();
  const store = opts.store ?? new TokenHubStore(Number(opts.env?.BCRYPT_COST ?? 4));
  const adminToken = opts.env?.TOKENHUB_ADMIN_TOKEN || null;
  const cache = new Map<string, { id: string; scopes: string[]; expiresAt: number | null; cachedAt: number }>();
  /** TOKENHUB_CACHE_TTL_MS shortens the 5-minute validation cache (demo and tests; the doc's value otherwise). */
  const cacheTtl = Number(opts.env?.TOKENHUB_CACHE_TTL_MS || CACHE_TTL_MS);

  async function validate(token: string | null): Promise<{ id: string; scopes: string[] } | null> {
    if (token === null || !KEY_PATTERN.test(token)) return null;
    const now = clock.now();
    const cacheKey = createHash('sha256').update(token).digest('hex');
    let entry = cache.get(cacheKey);
    if (entry && now - entry.cachedAt >= cacheTtl) {
      cache.delete(cacheKey);
      entry = undefined;
    }
    if (!entry) {
      const rec = await store.verify(token);
      if (!rec || !rec.enabled || rec.revokedAt !== null || (rec.expiresAt !== null && rec.expiresAt <= now)) return null;
      entry = { id: rec.id, scopes: [...rec.scopes], expiresAt: rec.expiresAt, cachedAt: now };
      cache.set(cacheKey, entry);
    }
    if (entry.expiresAt !== null && entry.expiresAt <= now) return null;
    const rec = store.keys.get(entry.id);
    if (rec) rec.lastUsedAt = now;
    return entry;
  }

  function adminAllowed(req: IncomingMessage): boolean {
    const token = bearerToken(req);
    if (token === null || adminToken === null) return false;
    const a = Buffer.from(token);
    const b = Buffer.from(adminToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    const method = req.method ?? 'GET';
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    if (path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (path.startsWith('/admin/')) {
      if (adminToken === null) return sendJson(res, 503, { error: 'admin api disabled: set TOKENHUB_ADMIN_TOKEN' });
      if (!adminAllowed(req)) return sendJson(res, 401, { error: 'invalid admin token' });
      const [status, body] = await adminRoute(store, method, path, url, req, clock.now(), { allowBackdate: opts.env?.TOKENHUB_DEMO_BACKDATE === '1' });
      return sendJson(res, status, body);
    }
    if (!path.startsWith('/v1/')) return sendJson(res, 404, { error: 'not found' });
    const key = await validate(bearerToken(req));
    if (!key) return sendJson(res, 401, INVALID);
    const needed = CONSUMER_ROUTES[`${method} ${path}`];
    if (needed === undefined) return sendJson(res, 404, { error: 'not found' });
    if (key.scopes.length > 0 && !key.scopes.includes(needed)) return sendJson(res, 403, { error: 'scope not allowed' });
    req.resume();
    return sendJson(res, 200, needed === 'chat' ? { id: `chat-${clock.now()}`, message: { role: 'assistant', content: 'ok' } } : { id: `plan-${clock.now()}`, steps: [] });
  }

  const running = await listen(handle, opts.port ?? 0, opts.env?.HOST || undefined);
  return { url: running.url, clock, store, close: running.close };
}
