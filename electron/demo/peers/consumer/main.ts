/**
 * A tiny consumer of an issued key, run natively by the demo (one per integration): it reads its
 * key and the issuer's URL from its environment AT START (like most services) and answers
 *   GET /health → 200
 *   GET /check  → calls `CONSUMER_CALL` ("METHOD /path") on the issuer with its key:
 *                 200 {ok:true,status} when accepted, 502 {ok:false,status} otherwise.
 * Env: PORT, CONSUMER_KEY_VAR (the variable holding the key), CONSUMER_URL_VAR, CONSUMER_CALL.
 * It never prints the key.
 */
import { createServer } from 'node:http';

const keyVar = process.env.CONSUMER_KEY_VAR ?? 'API_KEY';
const key = process.env[keyVar] ?? '';
const base = (process.env[process.env.CONSUMER_URL_VAR ?? 'API_URL'] ?? '').replace(/\/+$/, '');
const [method, path] = (process.env.CONSUMER_CALL ?? 'GET /health').split(' ') as [string, string];

async function check(): Promise<{ ok: boolean; status: number | null }> {
  try {
    const body = method === 'GET' ? undefined : JSON.stringify({ request: { messages: [{ role: 'user', content: 'ping' }] } });
    const r = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body ? { body } : {}) });
    await r.text();
    return { ok: r.status < 400, status: r.status };
  } catch {
    return { ok: false, status: null };
  }
}

const server = createServer((req, res) => {
  const send = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/health') return send(200, { status: 'ok' });
  if (req.url === '/check') {
    void check().then((c) => send(c.ok ? 200 : 502, { ...c, calls: `${method} ${path}` }));
    return;
  }
  send(404, { error: 'not found' });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST || '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`consumer listening on 127.0.0.1:${typeof a === 'object' && a ? a.port : '?'}\n`);
});
const stop = (): void => void server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
