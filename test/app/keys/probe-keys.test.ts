import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { currentKeyOf, randomWrongKey, readBindingValue } from '../../../electron/app/keys/probe-keys.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyhive-keys-'));
  await mkdir(join(root, 'hub'));
  await mkdir(join(root, 'core'));
  await writeFile(
    join(root, 'keyhive.yaml'),
    `name: k\nid: keys-ws\nservices:\n  hub: { dir: hub }\n  core: { dir: core, envFiles: [.env, .env.local] }\nsecrets:\n  s:\n    bindings:\n      - { service: hub, var: API_KEY, role: server }\n      - { service: core, var: KEY, role: client }\n`,
  );
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('probe keys', () => {
  it('reads the effective value across env files, later files and later lines winning', async () => {
    await writeFile(join(root, 'core', '.env'), 'KEY=one\nKEY=two\n');
    const ws = await loadWorkspace(join(root, 'keyhive.yaml'));
    expect(await readBindingValue(ws.services.get('core')!, 'KEY')).toMatchObject({ value: 'two', line: 2 });
    await writeFile(join(root, 'core', '.env.local'), '# local\nKEY="three"\n');
    expect(await readBindingValue(ws.services.get('core')!, 'KEY')).toMatchObject({ value: 'three', line: 2, file: join(root, 'core', '.env.local') });
  });

  it('prefers the caller, then the keychain, then the server', async () => {
    const ws = await loadWorkspace(join(root, 'keyhive.yaml'));
    const store = new MemorySecretStore();
    await writeFile(join(root, 'hub', '.env'), 'API_KEY=server-value\n');
    expect(await currentKeyOf(ws, store, 's')).toEqual({ value: 'server-value', source: 'server' });
    await store.set(accounts.secret('keys-ws', 's'), 'keychain-value');
    expect(await currentKeyOf(ws, store, 's')).toEqual({ value: 'keychain-value', source: 'keychain' });
    await writeFile(join(root, 'core', '.env'), 'KEY=caller-value\n');
    expect(await currentKeyOf(ws, store, 's')).toEqual({ value: 'caller-value', source: 'caller' });
    expect(await currentKeyOf(ws, store, 'missing')).toBeNull();
  });

  it('makes wrong keys shaped like the real one, never equal to it', () => {
    const real = 'tokenhub_' + 'a'.repeat(64);
    const wrong = randomWrongKey(real);
    expect(wrong).toMatch(/^tokenhub_[0-9a-f]{64}$/);
    expect(wrong).not.toBe(real);
    expect(randomWrongKey('hf_live_abcDEF123456789012345678')).toMatch(/^hf_live_/);
    expect(randomWrongKey(null)).toMatch(/^keyhive_wrong_/);
    expect(randomWrongKey(real)).not.toBe(wrong);
  });
});
