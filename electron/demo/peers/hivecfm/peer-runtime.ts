/**
 * The little runtime the HiveCFM reference servers share (node:http only, so each builds to a
 * single dependency-free .mjs that runs natively and in a scratch image): JSON answers, log
 * lines, reading a body, and a prompt, clean stop on SIGTERM/SIGINT.
 */
import { realpathSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

export type Log = (line: string) => void;

export const stdoutLog =
  (name: string): Log =>
  (line) =>
    process.stdout.write(`${new Date().toISOString()} ${name}: ${line}\n`);

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** True when the module with this import.meta.url is the script node was started with. */
export function isMain(importMetaUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(fileURLToPath(importMetaUrl)) === realpathSync(script);
  } catch {
    return false;
  }
}

export function parsePort(value: string | undefined, fallback: number): number {
  const port = Number(value || fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${value}"`);
  return port;
}

/** Listen on host:port; stop promptly (close, drop idle sockets, exit 0) on SIGTERM/SIGINT. */
export function serveUntilSignal(server: Server, port: number, log: Log, onStop: () => void = () => {}): void {
  const host = process.env.HOST || '0.0.0.0';
  server.listen(port, host, () => {
    const addr = server.address();
    log(`listening on ${host}:${typeof addr === 'object' && addr ? addr.port : port}`);
  });
  const stop = (signal: string) => {
    log(`${signal}: shutting down`);
    onStop();
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
