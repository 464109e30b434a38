/**
 * The desktop app and web mode say why a change waits: while another change (a CLI rotation, say)
 * holds the workspace, the Sync button's progress shows "waiting for <operation> …" naming the
 * holder, and the sync completes once it is released. Real files, the real keychain.
 */
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../shared/domain.js';
import { acquireWorkspaceLock } from '../../electron/adapters/fs/workspace-lock.js';
import { KeytarSecretStore } from '../../electron/adapters/keychain/keytar-secret-store.js';
import { createKeyhiveService } from '../../electron/app/keyhive-service.js';
import { hubKey, makeWorkspace } from './support/temp-workspace.js';

describe('a change that has to wait', () => {
  it('shows for whom it waits, then goes through', async () => {
    const ws = await makeWorkspace({ hub: hubKey(), core: hubKey() });
    const service = createKeyhiveService({ workspaceFile: ws.file, store: new KeytarSecretStore(), dataDir: ws.dataDir });
    try {
      await service.invoke('status.get', {});
      const lock = await acquireWorkspaceLock(ws.dataDir, ws.id, { operation: 'rotate', operationId: 'rotate-held-elsewhere' });
      const events: ProgressEvent[] = [];
      let told!: () => void;
      const waiting = new Promise<void>((r) => (told = r));
      service.events.on('progress', (e) => {
        events.push(e);
        if (e.step === 'wait') told();
      });
      const sync = service.invoke('secret.sync', { secret: 'hub-api-key', from: { service: 'hivecfm-hub' }, restart: false });
      await waiting;
      const wait = events.find((e) => e.step === 'wait')!;
      expect(wait).toMatchObject({ state: 'running', label: 'Wait for the workspace' });
      expect(wait.detail).toContain('rotate rotate-held-elsewhere');
      expect(wait.detail).toContain(`pid ${process.pid}`);
      expect(events.some((e) => e.step === 'write')).toBe(false); // nothing written while it waits
      await lock.release();
      expect(await sync).toMatchObject({ ok: true, value: { ok: true } });
      expect(await ws.read(ws.coreEnv)).toContain(await ws.read(ws.hubEnv).then((t) => /API_KEY=(\S+)/.exec(t)![1]!));
    } finally {
      await service.close();
      await ws.cleanup();
    }
  }, 60_000);
});
