/**
 * Small node:http helpers shared by the reference servers: JSON in and out, the bearer token,
 * listening on a port (0 = any free one), and the standalone entry that reads PORT and stops
 * promptly on SIGTERM/SIGINT.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...headers, ...(text ? { 'content-type': 'application/json' } : {}), 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The parsed JSON body; `{}` for an empty body; `undefined` when it is not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer (\S+)$/.exec(h.trim());
  return m?.[1] ?? null;
}

export function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://peer.local');
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on `host` (default 127.0.0.1; a container sets HOST=0.0.0.0). */
export async function listen(handler: Handler, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `internal error: ${e instanceof Error ? e.message : String(e)}` });
      else res.end();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Standalone entry: start with PORT and the process env, print the URL, stop on SIGTERM. */
export async function runStandalone(name: string, start: (port: number, env: NodeJS.ProcessEnv) => Promise<RunningServer>): Promise<void> {
  const running = await start(Number(process.env.PORT ?? 0), process.env);
  process.stdout.write(`${name} listening on ${running.url}\n`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
