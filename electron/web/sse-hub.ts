/**
 * Server-sent events for web mode: each connected page gets every engine event as
 * `event: <name>` + `data: <json>`, a heartbeat comment keeps proxies and the browser's
 * reconnect logic happy, and shutdown ends every stream.
 */
import type { ServerResponse } from 'node:http';
import type { EventSource } from '../app/events.js';

export interface SseHub {
  attach(res: ServerResponse): void;
  readonly clients: number;
  close(): void;
}

export function formatSseEvent(name: string, payload: unknown): string {
  const data = JSON.stringify(payload);
  return `event: ${name}\ndata: ${data}\n\n`;
}

export function createSseHub(events: EventSource, opts: { heartbeatMs?: number; headers?: Record<string, string> } = {}): SseHub {
  const clients = new Set<ServerResponse>();
  const heartbeatMs = opts.heartbeatMs ?? 15_000;

  const offEvents = events.onAny((name, payload) => {
    const frame = formatSseEvent(name, payload);
    for (const res of clients) res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(`: heartbeat ${Date.now()}\n\n`);
  }, heartbeatMs);
  heartbeat.unref();

  return {
    attach(res) {
      res.writeHead(200, {
        ...opts.headers,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    get clients() {
      return clients.size;
    },
    close() {
      clearInterval(heartbeat);
      offEvents();
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
