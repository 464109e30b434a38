import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { secretValue } from '../../../electron/app/secrets/secret-value.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

describe('secret value (reveal/copy only)', () => {
  it('reads the keychain entry, or one binding’s effective value (.env.local wins)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'keyhive-reveal-'));
    await mkdir(join(root, 'core'));
    await writeFile(join(root, 'core', '.env'), 'HIVECFM_HUB_API_KEY=from-env-file-0000000000000000\n');
    await writeFile(join(root, 'core', '.env.local'), 'HIVECFM_HUB_API_KEY=from-env-local-000000000000000\n');
    await writeFile(
      join(root, 'keyhive.yaml'),
      'name: r\nid: reveal-test\nrunMode: native\nservices:\n  core: { dir: core, envFiles: [.env, .env.local] }\n  hub: { dir: core }\nsecrets:\n  hub-key:\n    bindings:\n      - { service: core, var: HIVECFM_HUB_API_KEY, role: client }\n',
    );
    const workspace = await loadWorkspace(join(root, 'keyhive.yaml'));
    const store = new MemorySecretStore();
    const ws = { session: { workspace, store } } as never;
    await expect(secretValue(ws, 'hub-key')).rejects.toMatchObject({ code: 'KEYCHAIN_MISSING', fix: expect.stringContaining('keyhive import') });
    store.entries.set(accounts.secret('reveal-test', 'hub-key'), 'from-keychain');
    expect(await secretValue(ws, 'hub-key')).toBe('from-keychain');
    expect(await secretValue(ws, 'hub-key', 'core')).toBe('from-env-local-000000000000000');
    await expect(secretValue(ws, 'hub-key', 'hub')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no binding') });
    await expect(secretValue(ws, 'other')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
