import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../electron/app/events.js';
import { createSessionHolder, type SessionHolder } from '../../electron/app/session-holder.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';

async function workspace(name: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `keyhive-holder-${name}-`));
  await mkdir(join(root, 'svc'));
  await writeFile(join(root, 'svc', '.env'), 'TOKEN=abcdefghijklmnopqrstuvwxyz012345\n');
  await writeFile(join(root, 'keyhive.yaml'), `name: ${name}\nid: holder-${name}\nrunMode: native\nservices:\n  svc: { dir: svc }\nsecrets:\n  token:\n    bindings:\n      - { service: svc, var: TOKEN, role: server }\n`);
  return join(root, 'keyhive.yaml');
}

describe('session holder', () => {
  let holder: SessionHolder | null = null;
  afterEach(async () => {
    await holder?.close();
    holder = null;
  });

  it('opens the initial workspace lazily, and says NOT_FOUND with a fix when there is none', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyhive-holder-data-'));
    const none = createSessionHolder({ store: new MemorySecretStore(), dataDir, bus: createEventBus() });
    expect(none.currentFile()).toBeNull();
    await expect(none.get()).rejects.toMatchObject({ code: 'NOT_FOUND', fix: expect.stringContaining('keyhive init') });
    expect(await none.startup()).toEqual([]);

    const file = await workspace('lazy');
    holder = createSessionHolder({ store: new MemorySecretStore(), dataDir, initialFile: file, bus: createEventBus() });
    expect(holder.currentFile()).toBe(file);
    const ws = await holder.get();
    expect(ws.session.workspace.config.name).toBe('lazy');
    expect(await holder.get()).toBe(ws);
    expect(ws.keys.workspace.id).toBe('holder-lazy');
  });

  it('opening another workspace closes the previous one; only the current one emits activity', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyhive-holder-data-'));
    const bus = createEventBus();
    const activity: string[] = [];
    bus.on('activity', (e) => activity.push(e.summary));
    holder = createSessionHolder({ store: new MemorySecretStore(), dataDir, bus });
    const first = await holder.open(await workspace('one'));
    const second = await holder.open(await workspace('two'));
    expect(holder.currentFile()).toBe(second.session.workspace.file);
    await first.session.activity.append({ kind: 'probe', summary: 'from the old workspace' });
    await second.session.activity.append({ kind: 'probe', summary: 'from the open workspace' });
    expect(activity).toEqual(['from the open workspace']);
  });

  it('a workspace that cannot be opened reports the loader error and leaves none open', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyhive-holder-data-'));
    holder = createSessionHolder({ store: new MemorySecretStore(), dataDir, bus: createEventBus() });
    const bad = join(await mkdtemp(join(tmpdir(), 'keyhive-holder-bad-')), 'keyhive.yaml');
    await writeFile(bad, 'name: [unclosed\n');
    await expect(holder.open(bad)).rejects.toMatchObject({ code: expect.stringMatching(/WORKSPACE_INVALID|BAD_INPUT/) });
    await expect(holder.get()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('startup recovers nothing when no operation was left half-done', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyhive-holder-data-'));
    holder = createSessionHolder({ store: new MemorySecretStore(), dataDir, initialFile: await workspace('start'), bus: createEventBus() });
    expect(await holder.startup()).toEqual([]);
    expect((await holder.get()).session.workspace.config.name).toBe('start');
  });
});
