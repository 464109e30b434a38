/**
 * One engine behind every shell: `keyhive sync` and the app's `secret.sync` (the Sync button, in
 * the desktop app and web mode) call the same use case — applyChange, which writes, makes the
 * change live and probes — with the same defaults; `--no-restart` is the CLI's `restart: false`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as applyChangeModule from '../../../electron/app/sync/apply-change.js';
import { createKeyhiveService } from '../../../electron/app/keyhive-service.js';
import { main } from '../../../electron/cli/index.js';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { makeWorkspace, type TempWorkspace } from '../../app/support/temp-workspace.js';

vi.mock('../../../electron/app/sync/apply-change.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../electron/app/sync/apply-change.js')>();
  return { ...actual, applyChange: vi.fn(actual.applyChange) };
});

let ws: TempWorkspace | null = null;
const store = new KeytarSecretStore();
afterEach(async () => {
  await ws?.cleanup();
  ws = null;
});

describe('keyhive sync and the Sync button', () => {
  it('both call applyChange with the same request and defaults', async () => {
    ws = await makeWorkspace({ hub: 'h'.repeat(43), core: 'c'.repeat(43) });
    const spy = vi.mocked(applyChangeModule.applyChange);
    spy.mockClear();
    const prev = process.env.KEYHIVE_DATA_DIR;
    process.env.KEYHIVE_DATA_DIR = ws.dataDir;
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number;
    let noRestart: number;
    try {
      code = await main(['sync', 'hub-api-key', '--from', 'hivecfm-hub', '--workspace', ws.file]);
      noRestart = await main(['sync', 'hub-api-key', '--from', 'hivecfm-core', '--no-restart', '--workspace', ws.file]);
    } finally {
      write.mockRestore();
      if (prev === undefined) delete process.env.KEYHIVE_DATA_DIR;
      else process.env.KEYHIVE_DATA_DIR = prev;
    }
    expect([code, noRestart]).toEqual([0, 0]);
    const service = createKeyhiveService({ workspaceFile: ws.file, store, dataDir: ws.dataDir });
    try {
      const r = await service.invoke('secret.sync', { secret: 'hub-api-key', from: { service: 'hivecfm-hub' } });
      expect(r.ok).toBe(true);
    } finally {
      await service.close();
    }
    expect(spy).toHaveBeenCalledTimes(3);
    const [cli, cliNoRestart, ui] = spy.mock.calls;
    expect(cli!.slice(1, 3)).toEqual(['hub-api-key', { service: 'hivecfm-hub' }]);
    expect(ui!.slice(1, 3)).toEqual(['hub-api-key', { service: 'hivecfm-hub' }]);
    // Same defaults: both make the change live (restart) and probe unless told not to.
    expect(cli![3]).toMatchObject({ restart: true });
    expect(ui![3]).toMatchObject({ restart: true });
    expect(cliNoRestart![3]).toMatchObject({ restart: false });
  }, 120_000);
});
