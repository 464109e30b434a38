import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../electron/app/events.js';
import { createSseHub, formatSseEvent, type SseHub } from '../../electron/web/sse-hub.js';
import { openEventStream } from './http-client.js';

describe('SSE hub', () => {
  let server: Server | null = null;
  let hub: SseHub | null = null;
  afterEach(async () => {
    hub?.close();
    await new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r()));
  });

  it('formats one event per frame', () => {
    expect(formatSseEvent('activity', { id: 'a', summary: 'two\nlines' })).toBe('event: activity\ndata: {"id":"a","summary":"two\\nlines"}\n\n');
  });

  it('streams events and heartbeats to every client over real HTTP, and ends streams on close', async () => {
    const bus = createEventBus();
    hub = createSseHub(bus, { heartbeatMs: 50 });
    const h = hub;
    server = createServer((_req, res) => h.attach(res));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const a = openEventStream(port, {});
    const b = openEventStream(port, {});
    expect(await a.connected).toBe(200);
    expect(await b.connected).toBe(200);
    await expect.poll(() => h.clients).toBe(2);
    const entry = { id: 'e1', at: new Date().toISOString(), kind: 'sync' as const, summary: 'Synced', files: [], undoable: false, undone: false };
    bus.emit('activity', entry);
    for (const s of [a, b]) expect(JSON.parse((await s.waitFor((f) => f.startsWith('event: activity'))).split('data: ')[1] ?? '')).toEqual(entry);
    await a.waitFor((f) => f.startsWith(': heartbeat'));
    a.stop();
    await expect.poll(() => h.clients).toBe(1);
    h.close();
    expect(h.clients).toBe(0);
    b.stop();
  });
});
