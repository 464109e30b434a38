import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NativeStateStore, type NativeState } from '../../../electron/adapters/process/native-state.js';
import { ServiceSchema } from '../../../electron/core/workspace/schema.js';

const svc = (name: string, dir: string) => ({ name, dir, envFiles: [], config: ServiceSchema.parse({ dir: '.' }) });

describe('NativeStateStore', () => {
  it('writes, reads and clears a private state file per service and directory', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'kh-state-')), 'services');
    const store = new NativeStateStore(root);
    const a = svc('hub', '/w/one');
    const b = svc('hub', '/w/two');
    expect(await store.read(a)).toBeNull();
    const state: NativeState = { service: 'hub', dir: '/w/one', command: 'node hub.mjs', pid: 42, pgid: 42, procStart: '123', startedAt: 'now', envNames: ['API_KEY'], logFile: store.logFile(a) };
    await store.write(a, state);
    expect(await store.read(a)).toEqual(state);
    expect(await store.read(b)).toBeNull(); // same name, other workspace
    expect(store.logFile(a)).not.toBe(store.logFile(b));
    expect(statSync(root).mode & 0o777).toBe(0o700);
    await store.clear(a);
    expect(await store.read(a)).toBeNull();
  });
});
