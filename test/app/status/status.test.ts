/**
 * Status from real files: docker mode reads the Compose env_file list and sees `environment:`
 * overrides; a RuntimeEnvReader turns a running service with an older value into
 * stale-container; unreadable files become warnings, never crashes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { createStatusReader } from '../../../electron/app/status/status.js';
import { createKeychainView } from '../../../electron/app/status/status-keychain.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import type { RuntimeEnvReader } from '../../../electron/core/services/runtime.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { hubKey, makeWorkspace, type TempWorkspace } from '../support/temp-workspace.js';

let ws: TempWorkspace | null = null;
afterEach(async () => {
  await ws?.cleanup();
  ws = null;
});

async function reader(opts: { runtime?: RuntimeEnvReader; keychain?: string } = {}) {
  const workspace = await loadWorkspace(ws!.file);
  const store = new MemorySecretStore();
  if (opts.keychain) await store.set(accounts.secret(ws!.id, 'hub-api-key'), opts.keychain);
  const keychain = createKeychainView(store, ws!.id);
  return { r: createStatusReader(workspace, { keychain, ...(opts.runtime ? { runtime: opts.runtime } : {}) }), keychain, store };
}

describe('status reader', () => {
  it('docker mode: the container reads the compose env_file, and a literal environment: value wins', async () => {
    const k = hubKey();
    ws = await makeWorkspace({
      hub: 'not-read-in-docker-mode',
      core: k,
      runMode: 'docker',
      compose: `services:\n  hivecfm-hub-api:\n    env_file: [.env.docker]\n    environment:\n      API_KEY: literal-from-compose\n`,
    });
    await writeFile(join(ws.root, 'hivecfm-hub', '.env.docker'), `API_KEY=${k}\n`);
    const { r, keychain } = await reader({ keychain: k });
    const status = await r.status();
    const hub = status.secrets[0]!.bindings[0]!;
    expect(hub.state).toBe('shadowed');
    expect(hub.file).toBe(join(ws.root, 'hivecfm-hub', 'compose.yaml'));
    expect(hub.fingerprint).toBe(keychain.fingerprint('literal-from-compose'));
    expect(hub.sources.map((s) => s.kind)).toEqual(['env-file', 'compose-environment']);
    expect(hub.sources[0]!.file).toBe(join(ws.root, 'hivecfm-hub', '.env.docker'));
    expect(hub.detail).toContain('beats env_file');
    expect(status.secrets[0]!.warnings.join('\n')).toContain('hivecfm-hub/.env:3 holds another value, but in docker mode hivecfm-hub does not read that file');
    expect(r.watchedFiles()).toEqual(expect.arrayContaining([ws.file, ws.hubEnv, join(ws.root, 'hivecfm-hub', 'compose.yaml'), join(ws.root, 'hivecfm-hub', '.env.docker')]));
  });

  it('a running service with an older value is stale-container; a stopped one is not', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    const runtime: RuntimeEnvReader = {
      runningEnv: async (svc) => (svc.name === 'hivecfm-hub' ? { API_KEY: 'old-value' } : null),
    };
    const { r } = await reader({ runtime, keychain: k });
    const status = await r.status();
    expect(status.secrets[0]!.state).toBe('stale-container');
    expect(status.secrets[0]!.bindings.map((b) => b.state)).toEqual(['stale-container', 'in-sync']);
    expect(status.secrets[0]!.bindings[0]!.detail).toContain('keyhive restart');
  });

  it('a runtime that fails becomes a warning, and status still answers', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    const runtime: RuntimeEnvReader = {
      runningEnv: async () => {
        throw new Error('docker daemon is down');
      },
    };
    const { r } = await reader({ runtime, keychain: k });
    const status = await r.status();
    expect(status.secrets[0]!.state).toBe('in-sync');
    expect(status.secrets[0]!.warnings.join()).toContain('docker daemon is down');
  });

  it('a .env that is a directory is reported, not fatal (that side counts as missing)', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: null });
    await mkdir(ws.coreEnv);
    const { r } = await reader({ keychain: k });
    const status = await r.status();
    expect(status.secrets[0]!.bindings[1]!.state).toBe('missing');
    expect(status.secrets[0]!.warnings.join()).toContain('hivecfm-core/.env is not a regular file');
  });

  it('re-parses only what changed: a second status sees an edit', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    const { r } = await reader({ keychain: k });
    expect((await r.status()).secrets[0]!.state).toBe('in-sync');
    await writeFile(ws.hubEnv, `API_KEY=${hubKey()}\n`);
    expect((await r.status()).secrets[0]!.state).toBe('drifted');
  });
});
