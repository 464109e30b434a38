// A tiny Hogsend consumer, run natively by Keyhive in tests: it reads HOGSEND_API_KEY and
// HOGSEND_URL from its environment AT START (like most services), and answers
//   GET /health → 200
//   GET /check  → calls Hogsend's GET /v1/admin/contacts with its key; 200 {ok:true,status}
//                 when Hogsend accepts it, 502 {ok:false,status} otherwise.
// It never prints the key.
import { createServer } from 'node:http';

const key = process.env.HOGSEND_API_KEY ?? '';
const hogsend = (process.env.HOGSEND_URL ?? '').replace(/\/+$/, '');
const port = Number(process.env.PORT ?? 0);

const server = createServer(async (req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/health') return send(200, { status: 'ok' });
  if (req.url === '/check') {
    try {
      const r = await fetch(`${hogsend}/v1/admin/contacts`, { headers: { authorization: `Bearer ${key}` } });
      await r.text();
      return send(r.status === 200 ? 200 : 502, { ok: r.status === 200, status: r.status, prefix: key.slice(0, 8) });
    } catch (e) {
      return send(502, { ok: false, status: null, error: String(e) });
    }
  }
  send(404, { error: 'not found' });
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`consumer listening on ${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
