import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretCopier } from '../../electron/app/secrets/clipboard.js';
import { createEventBus } from '../../electron/app/events.js';
import { buildHandlers } from '../../electron/app/service-handlers.js';
import { createSessionHolder, type SessionHolder } from '../../electron/app/session-holder.js';
import { channelNames } from '../../shared/api.js';
import type { ProgressEvent } from '../../shared/domain.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';

const VALUE = 'svc-handlers-0123456789abcdef0123456789';

describe('service handlers', () => {
  let sessions: SessionHolder | null = null;
  afterEach(async () => {
    await sessions?.close();
    sessions = null;
  });

  async function setUp() {
    const root = await mkdtemp(join(tmpdir(), 'keyhive-handlers-'));
    await mkdir(join(root, 'a'));
    await mkdir(join(root, 'b'));
    await writeFile(join(root, 'a', '.env'), `KEY=${VALUE}\n`);
    await writeFile(join(root, 'b', '.env'), 'KEY=\n');
    await writeFile(join(root, 'keyhive.yaml'), 'name: h\nid: handlers-test\nrunMode: native\nservices:\n  a: { dir: a }\n  b: { dir: b }\nsecrets:\n  key:\n    bindings:\n      - { service: a, var: KEY, role: server }\n      - { service: b, var: KEY, role: client }\n');
    const bus = createEventBus();
    const progress: ProgressEvent[] = [];
    bus.on('progress', (p) => progress.push(p));
    sessions = createSessionHolder({ store: new MemorySecretStore(), dataDir: join(root, 'data'), initialFile: join(root, 'keyhive.yaml'), bus });
    const handlers = buildHandlers({ sessions, bus, copier: createSecretCopier(undefined) });
    return { handlers, progress, root };
  }

  it('has a handler for every channel', async () => {
    const { handlers } = await setUp();
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
  });

  it('import then sync: operation results carry the fresh status and progress is reported', async () => {
    const { handlers, progress } = await setUp();
    const imported = await handlers['secret.import']({ secret: 'key', service: 'a' });
    expect(imported).toMatchObject({ ok: true, activityId: expect.any(String), status: { workspace: { id: 'handlers-test' } } });
    expect(imported.summary).toMatch(/^Imported key from a into the keychain \([0-9a-f]{8}\)\.$/);
    const synced = await handlers['secret.sync']({ secret: 'key', from: 'keychain', restart: false });
    expect(synced.ok).toBe(true);
    expect(synced.status?.secrets[0]?.state).toBe('in-sync');
    expect(progress.map((p) => `${p.step}:${p.state}`)).toEqual(expect.arrayContaining(['import:done', 'write:running', 'write:done', 'restart:skipped']));
    expect(JSON.stringify([imported, synced, progress])).not.toContain(VALUE);
    const undone = await handlers['activity.undo']({});
    expect(undone.summary).toMatch(/^Undid .*1 file restored\.$/);
  });

  it('pure scope helpers answer without a workspace; restart refuses services this mode cannot run', async () => {
    const { handlers } = await setUp();
    expect(await handlers['scopes.expand']({ system: 'tokenhub', scopes: ['chat'] })).toContain('chat');
    await expect(handlers['services.restart']({ services: ['nope'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(handlers['services.restart']({ services: ['a'] })).rejects.toMatchObject({ code: 'BAD_INPUT', fix: expect.stringContaining('native') });
    expect(await handlers['secret.copy']({ secret: 'key' })).toEqual({ copied: false, clearAfterSeconds: 0 });
  });
});
