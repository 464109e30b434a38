import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth, joinUrl, portOf } from '../../../electron/adapters/process/health-check.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/health') res.end('ok');
    else if (req.url === '/slow') setTimeout(() => res.end('late'), 3000);
    else {
      res.statusCode = 503;
      res.end('down');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('checkHealth', () => {
  it('is ok for 2xx and says the status otherwise', async () => {
    expect(await checkHealth(`${base}/health`)).toEqual({ ok: true, detail: '200' });
    expect(await checkHealth(`${base}/other`)).toEqual({ ok: false, detail: '503' });
  });

  it('names a refused connection and a timeout', async () => {
    expect(await checkHealth('http://127.0.0.1:1/health')).toMatchObject({ ok: false, detail: 'ECONNREFUSED' });
    expect(await checkHealth(`${base}/slow`, 300)).toMatchObject({ ok: false });
  });

  it('builds URLs and ports', () => {
    expect(joinUrl('http://h:1/api/', '/health')).toBe('http://h:1/api/health');
    expect(portOf('http://h:8090')).toBe(8090);
    expect(portOf('https://h')).toBe(443);
  });
});
