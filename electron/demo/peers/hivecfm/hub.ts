/**
 * Reference HiveCFM hub: behaves like the real hub's auth middleware. `API_KEY` must be set
 * (it refuses to start otherwise); `GET /health` is public; every `/v1/*` route wants
 * `Authorization: Bearer <API_KEY>` and answers the real hub's 401 bodies otherwise.
 * Run: `API_KEY=… PORT=8080 node hub.mjs`. Never logs the key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { isMain, parsePort, readBody, sendJson, serveUntilSignal, stdoutLog, type Log } from './peer-runtime.js';

export const HUB_ERRORS = {
  missing: 'Missing Authorization header',
  format: 'Invalid Authorization header format. Expected: Bearer <api-key>',
  invalid: 'Invalid API key',
} as const;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison (hashing first makes the lengths equal). */
export function keyMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** null when authorised; otherwise the 401 error text. */
export function checkAuthorization(header: string | undefined, apiKey: string): string | null {
  if (header === undefined || header === '') return HUB_ERRORS.missing;
  const m = /^Bearer ([^\s]+)$/.exec(header);
  if (!m) return HUB_ERRORS.format;
  return keyMatches(m[1]!, apiKey) ? null : HUB_ERRORS.invalid;
}

export function createHubServer(apiKey: string, log: Log): Server {
  if (!apiKey) throw new Error('API_KEY is empty');
  const records: Array<{ id: number; receivedAt: string; body: unknown }> = [];
  return createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    const answer = (status: number, body: unknown) => {
      log(`${method} ${path} -> ${status}`);
      sendJson(res, status, body);
    };
    try {
      if (path === '/health') return method === 'GET' || method === 'HEAD' ? answer(200, { status: 'ok', service: 'hivecfm-hub' }) : answer(405, { error: 'Method not allowed' });
      if (!path.startsWith('/v1/') && path !== '/v1') return answer(404, { error: 'Not found' });
      const denied = checkAuthorization(req.headers.authorization, apiKey);
      if (denied) return answer(401, { error: denied });
      if (path === '/v1/webhooks' && method === 'GET') return answer(200, { data: [] });
      if (path === '/v1/feedback-records' && method === 'GET') return answer(200, { data: records.slice(-50) });
      if (path === '/v1/feedback-records' && method === 'POST') {
        const text = await readBody(req);
        let body: unknown = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          return answer(400, { error: 'Invalid JSON body' });
        }
        const record = { id: records.length + 1, receivedAt: new Date().toISOString(), body };
        records.push(record);
        if (records.length > 500) records.shift();
        return answer(200, { id: record.id, status: 'received' });
      }
      return answer(404, { error: 'Not found' });
    } catch (e) {
      return answer(500, { error: (e as Error).message });
    }
  });
}

export function main(env: NodeJS.ProcessEnv = process.env): void {
  const log = stdoutLog('hivecfm-hub');
  const apiKey = env.API_KEY ?? '';
  if (!apiKey) {
    log('FATAL: API_KEY is empty — the hub refuses to start without it (set API_KEY in hivecfm-hub/.env)');
    process.exit(1);
  }
  serveUntilSignal(createHubServer(apiKey, log), parsePort(env.PORT, 8080), log);
}

if (isMain(import.meta.url)) main();
