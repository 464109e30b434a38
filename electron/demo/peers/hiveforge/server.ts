/**
 * Reference HiveForge API (node:http), faithful to HiveForge's API-key doc: organisation keys
 * `hf_live_…` (when HIVEFORGE_ENVIRONMENT=production) or `hf_test_…` (sandbox, the default),
 * managed with a user's HS256 JWT (owner or admin) through `/api/v1/api-keys`, or with an API key
 * holding the `api_keys:*` scopes. Errors are FastAPI-style `{"detail": "…"}` with HiveForge's
 * wording. Scope rules and the endpoint mapping: permissions.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { manualClock, type PeerClock } from '../issuer-common/clock.js';
import { bearerToken, listen, readJson, requestUrl, sendJson } from '../issuer-common/http.js';
import { signJwt, verifyJwt } from './jwt.js';
import { actionOf, keyAllows, requiredScope, RESOURCE_ROUTES, VALID_SCOPES } from './permissions.js';
import { HiveForgeStore, publicKey, sha256, type HiveForgeUser } from './store.js';

export interface HiveForgeOptions {
  port?: number;
  clock?: PeerClock;
  env?: Record<string, string | undefined>;
  store?: HiveForgeStore;
}

export interface HiveForgePeer {
  url: string;
  clock: PeerClock;
  store: HiveForgeStore;
  /** A JWT for a stored user, valid for an hour of the peer's clock. */
  jwtFor(user: HiveForgeUser): string;
  close(): Promise<void>;
}

type Principal = { kind: 'key'; orgId: string; scopes: string[] } | { kind: 'user'; user: HiveForgeUser };
type Answer = [number, unknown];

const detail = (text: string): { detail: string } => ({ detail: text });

export async function start(opts: HiveForgeOptions = {}): Promise<HiveForgePeer> {
  const clock = opts.clock ?? manualClock();
  const store = opts.store ?? new HiveForgeStore();
  const secret = opts.env?.HIVEFORGE_JWT_SECRET || 'hiveforge-peer-test-secret';
  const live = opts.env?.HIVEFORGE_ENVIRONMENT === 'production';

  function authenticate(token: string | null): Principal | null {
    if (token === null) return null;
    const now = clock.now();
    if (token.startsWith('hf_live_') || token.startsWith('hf_test_')) {
      const k = store.findByHash(sha256(token));
      if (!k || k.revokedAt !== null || (k.expiresAt !== null && k.expiresAt <= now)) return null;
      k.lastUsedAt = now;
      return { kind: 'key', orgId: k.orgId, scopes: k.scopes };
    }
    const claims = verifyJwt(secret, token, now);
    const user = typeof claims?.sub === 'string' ? store.users.get(claims.sub) : undefined;
    return user ? { kind: 'user', user } : null;
  }

  async function apiKeys(method: string, id: string | undefined, orgId: string, req: IncomingMessage, url: URL): Promise<Answer> {
    const now = clock.now();
    if (!id && method === 'GET') {
      const all = url.searchParams.get('include_revoked') === 'true';
      return [200, { api_keys: [...store.keys.values()].filter((k) => k.orgId === orgId && (all || k.revokedAt === null)).map(publicKey) }];
    }
    const body = method === 'POST' || method === 'PATCH' ? ((await readJson(req)) as Record<string, unknown> | undefined) : {};
    if (!body || typeof body !== 'object') return [422, detail('Request body must be a JSON object')];
    let scopes: string[] | undefined;
    if (body.scopes !== undefined || (!id && method === 'POST')) {
      if (!Array.isArray(body.scopes) || body.scopes.length === 0) return [400, detail('Invalid scopes: at least one scope is required')];
      const bad = body.scopes.filter((s) => typeof s !== 'string' || !VALID_SCOPES.has(s));
      if (bad.length) return [400, detail(`Invalid scopes: ${bad.map(String).join(', ')}`)];
      scopes = [...new Set(body.scopes as string[])];
    }
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === '')) return [422, detail('name must be a non-empty string')];
    if (!id) {
      if (method !== 'POST') return [405, detail('Method Not Allowed')];
      if (typeof body.name !== 'string') return [422, detail('name is required')];
      const expiresAt = typeof body.expires_at === 'string' ? Date.parse(body.expires_at) : null;
      if (expiresAt !== null && Number.isNaN(expiresAt)) return [422, detail('expires_at must be an ISO 8601 date')];
      const metadata = typeof body.metadata === 'object' && body.metadata !== null ? (body.metadata as Record<string, unknown>) : {};
      const { record, plaintext } = store.createKey({ orgId, name: body.name, scopes: scopes ?? [], expiresAt, metadata }, live, now);
      const p = publicKey(record);
      return [201, { id: p.id, name: p.name, key: plaintext, key_prefix: p.key_prefix, scopes: p.scopes, expires_at: p.expires_at, created_at: p.created_at, metadata: p.metadata }];
    }
    const rec = store.keys.get(id);
    if (!rec || rec.orgId !== orgId || rec.revokedAt !== null) return [404, detail('API key not found')];
    if (method === 'GET') return [200, publicKey(rec)];
    if (method === 'DELETE') {
      rec.revokedAt = now;
      return [204, undefined];
    }
    if (method !== 'PATCH') return [405, detail('Method Not Allowed')];
    if (typeof body.name === 'string') rec.name = body.name;
    if (scopes) rec.scopes = scopes;
    return [200, publicKey(rec)];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    const method = req.method ?? 'GET';
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    if (path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (!path.startsWith('/api/v1/')) return sendJson(res, 404, detail('Not Found'));
    const who = authenticate(bearerToken(req));
    if (!who) return sendJson(res, 401, detail('Authentication required (JWT or API key)'));
    const orgId = who.kind === 'key' ? who.orgId : who.user.orgId;
    if (orgId === null) return sendJson(res, 400, detail('User must belong to an organization'));
    const action = actionOf(method);
    const keysMatch = /^\/api\/v1\/api-keys(?:\/([^/]+))?$/.exec(path);
    if (keysMatch) {
      if (who.kind === 'user' && who.user.role === 'member') return sendJson(res, 403, detail('Admin or owner access required to create API keys'));
      if (who.kind === 'key' && !keyAllows(who.scopes, 'api_keys', action)) {
        return sendJson(res, 403, detail(`API key missing required scope: ${requiredScope('api_keys', action)}`));
      }
      const [status, body] = await apiKeys(method, keysMatch[1], orgId, req, url);
      return sendJson(res, status, body);
    }
    const route = RESOURCE_ROUTES.find(([re]) => re.test(path));
    if (!route) return sendJson(res, 404, detail('Not Found'));
    const [, feature, methods] = route;
    if (!methods.split(' ').includes(method)) return sendJson(res, 405, detail('Method Not Allowed'));
    if (who.kind === 'key' && !keyAllows(who.scopes, feature, action)) {
      return sendJson(res, 403, detail(`API key missing required scope: ${requiredScope(feature, action)}`));
    }
    req.resume();
    if (method === 'DELETE') return sendJson(res, 204, undefined);
    return sendJson(res, method === 'POST' ? 201 : 200, method === 'GET' ? { data: [], organization_id: orgId } : { id: `res-${clock.now()}`, organization_id: orgId });
  }

  const running = await listen(handle, opts.port ?? 0, opts.env?.HOST || undefined);
  return {
    url: running.url,
    clock,
    store,
    jwtFor: (user) => signJwt(secret, { sub: user.id, org: user.orgId, role: user.role, exp: Math.floor(clock.now() / 1000) + 3600 }),
    close: running.close,
  };
}
