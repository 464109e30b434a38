import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../electron/app/events.js';

const progress = { operationId: 'op', operation: 'rotate' as const, step: 'probe', label: 'Probe', state: 'running' as const, at: '2026-01-01T00:00:00.000Z' };

describe('event bus', () => {
  it('delivers to named and catch-all listeners, and unsubscribes', () => {
    const bus = createEventBus();
    const named: unknown[] = [];
    const all: string[] = [];
    const off = bus.on('progress', (p) => named.push(p));
    const offAll = bus.onAny((name) => all.push(name));
    bus.emit('progress', progress);
    off();
    offAll();
    bus.emit('progress', progress);
    expect(named).toEqual([progress]);
    expect(all).toEqual(['progress']);
  });

  it('validates payloads and strips undeclared fields before they leave', () => {
    const bus = createEventBus();
    const got: unknown[] = [];
    bus.on('progress', (p) => got.push(p));
    bus.emit('progress', { ...progress, value: 'hsk_live_leak' } as never);
    expect(got).toEqual([progress]);
    expect(() => bus.emit('progress', { operationId: 'x' } as never)).toThrow();
  });

  it('a throwing listener does not stop the others', () => {
    const errors: unknown[] = [];
    const bus = createEventBus((e) => errors.push(e));
    const got: unknown[] = [];
    bus.on('progress', () => {
      throw new Error('listener bug');
    });
    bus.on('progress', (p) => got.push(p));
    bus.emit('progress', progress);
    expect(got).toHaveLength(1);
    expect(errors).toHaveLength(1);
    bus.clear();
    bus.emit('progress', progress);
    expect(got).toHaveLength(1);
  });
});
