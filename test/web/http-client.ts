/** A raw HTTP client for the web-mode tests: full control over Host, Origin and cookies. */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function rawRequest(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Opens the event stream and collects frames until `stop()`. */
export function openEventStream(port: number, headers: Record<string, string>) {
  const frames: string[] = [];
  let buffer = '';
  let status = 0;
  const req = request({ host: '127.0.0.1', port, path: '/api/events', headers });
  const connected = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          frames.push(buffer.slice(0, i));
          buffer = buffer.slice(i + 2);
        }
      });
      resolve(status);
    });
    req.on('error', reject);
  });
  req.end();
  return {
    frames,
    connected,
    stop: () => req.destroy(),
    /** Waits until a frame matching the predicate arrives (counting only frames from index `from` on). */
    async waitFor(pred: (frame: string) => boolean, timeoutMs = 20_000, from = 0): Promise<string> {
      const start = Date.now();
      for (;;) {
        const f = frames.slice(from).find(pred);
        if (f) return f;
        if (Date.now() - start > timeoutMs) throw new Error(`no matching SSE frame; got: ${frames.join(' | ').slice(0, 500)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
