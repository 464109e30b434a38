import { describe, expect, it, vi } from 'vitest';
import { createWebApi } from '../../../renderer/src/api/web-transport.js';
import { demoStatus } from '../fixtures.js';

type Handler = (e: MessageEvent<string>) => void;

class FakeEventSource {
  static last: FakeEventSource | null = null;
  handlers = new Map<string, Handler[]>();
  closed = false;
  constructor(
    public url: string,
    public init?: EventSourceInit,
  ) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, h: Handler) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), h]);
  }
  close() {
    this.closed = true;
  }
  fire(name: string, data: string) {
    for (const h of this.handlers.get(name) ?? []) h(new MessageEvent(name, { data }));
  }
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createWebApi', () => {
  it('POSTs the JSON request to /api/<channel> with same-origin credentials and validates the Result', async () => {
    const fetch = vi.fn(async () => json({ ok: true, value: { file: '/w/keyhive.yaml' } }));
    const api = createWebApi({ fetch: fetch as unknown as typeof globalThis.fetch });
    expect(await api.invoke('workspace.current', {})).toEqual({ ok: true, value: { file: '/w/keyhive.yaml' } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/workspace.current');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{}' });
  });

  it('passes an engine error payload through unchanged', async () => {
    const error = { code: 'NOT_FOUND', message: 'No secret named x.', fix: 'Check the name.' };
    const api = createWebApi({ fetch: (async () => json({ ok: false, error }, 404)) as unknown as typeof fetch });
    expect(await api.invoke('secret.rotate', { secret: 'x' })).toEqual({ ok: false, error });
  });

  it('turns a malformed answer into an INTERNAL error with a fix', async () => {
    const api = createWebApi({ fetch: (async () => json({ ok: true, value: { file: 42 } })) as unknown as typeof fetch });
    const r = await api.invoke('workspace.current', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INTERNAL', fix: expect.stringContaining('restart') });
  });

  it('says to use the printed URL when the session is refused', async () => {
    const api = createWebApi({ fetch: (async () => new Response('forbidden', { status: 401 })) as unknown as typeof fetch });
    const r = await api.invoke('status.get', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', fix: expect.stringContaining('URL') } });
  });

  it('reports an unreachable server as an error, never a throw', async () => {
    const api = createWebApi({ fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch });
    const r = await api.invoke('status.get', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('Failed to fetch') } });
  });

  it('delivers validated server-sent events and closes the stream when nobody listens', () => {
    const api = createWebApi({ fetch: vi.fn() as unknown as typeof fetch, EventSource: FakeEventSource as unknown as typeof EventSource });
    const seen: unknown[] = [];
    const off = api.on('status.changed', (s) => seen.push(s.workspace.name));
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/events');
    es.fire('status.changed', JSON.stringify(demoStatus()));
    es.fire('status.changed', '{"not":"a status"}');
    es.fire('status.changed', 'not json');
    expect(seen).toEqual(['hive-local']);
    off();
    expect(es.closed).toBe(true);
  });
});
