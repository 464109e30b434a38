/**
 * Reference HiveCFM core: a client of the hub. Reads `HIVECFM_HUB_URL` and
 * `HIVECFM_HUB_API_KEY`, calls `POST /v1/feedback-records` at start, every
 * `HUB_CHECK_INTERVAL_MS` (default 3000) and on demand, logs each answer's status and body
 * (never the key), and reports the last outcome on `GET /hub-status`.
 * Run: `HIVECFM_HUB_URL=http://localhost:8090 HIVECFM_HUB_API_KEY=… PORT=3000 node core.mjs`.
 */
import { createServer, type Server } from 'node:http';
import { isMain, parsePort, sendJson, serveUntilSignal, stdoutLog, type Log } from './peer-runtime.js';

export interface HubStatus {
  authorized: boolean;
  status: number | null;
  at: string | null;
  error?: string;
}

export interface CoreConfig {
  hubUrl: string;
  apiKey: string;
}

const HUB_PATH = '/v1/feedback-records';

export class HubClient {
  last: HubStatus = { authorized: false, status: null, at: null };
  constructor(
    private readonly config: CoreConfig,
    private readonly log: Log,
  ) {}

  async check(): Promise<HubStatus> {
    const at = new Date().toISOString();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Like the real core: an empty key means no header at all.
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    try {
      const res = await fetch(new URL(HUB_PATH, this.config.hubUrl), {
        method: 'POST',
        headers,
        body: JSON.stringify({ source: 'hivecfm-core', kind: 'heartbeat', at }),
        signal: AbortSignal.timeout(3000),
      });
      const body = (await res.text()).replace(/\s+/g, ' ').slice(0, 200);
      this.log(`hub POST ${HUB_PATH} -> ${res.status} ${body}`);
      this.last = { authorized: res.ok, status: res.status, at };
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      this.log(`hub POST ${HUB_PATH} -> error ${cause}`);
      this.last = { authorized: false, status: null, at, error: String(cause) };
    }
    return this.last;
  }
}

export function createCoreServer(hub: HubClient, log: Log): Server {
  return createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    const answer = (status: number, body: unknown) => {
      log(`${method} ${path} -> ${status}`);
      sendJson(res, status, body);
    };
    if (path === '/health' && method === 'GET') return answer(200, { status: 'ok', service: 'hivecfm-core' });
    if (path === '/hub-status' && method === 'GET') return answer(200, hub.last);
    if (path === '/hub-status/check' && method === 'POST') return answer(200, await hub.check());
    return answer(404, { error: 'Not found' });
  });
}

export function main(env: NodeJS.ProcessEnv = process.env): void {
  const log = stdoutLog('hivecfm-core');
  const hubUrl = env.HIVECFM_HUB_URL ?? '';
  if (!hubUrl) {
    log('FATAL: HIVECFM_HUB_URL is empty (set it in hivecfm-core/.env, e.g. http://hivecfm-hub-api:8080)');
    process.exit(1);
  }
  const hub = new HubClient({ hubUrl, apiKey: env.HIVECFM_HUB_API_KEY ?? '' }, log);
  const interval = Math.max(200, Number(env.HUB_CHECK_INTERVAL_MS || 3000));
  const timer = setInterval(() => void hub.check(), interval);
  void hub.check();
  serveUntilSignal(createCoreServer(hub, log), parsePort(env.PORT, 3000), log, () => clearInterval(timer));
}

if (isMain(import.meta.url)) main();
