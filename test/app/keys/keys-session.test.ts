import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OperationPorts } from '../../../electron/app/sync/apply-change.js';
import { keysContextOf, workspaceFileFrom } from '../../../electron/app/keys/keys-session.js';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

describe('keys session wiring', () => {
  it('workspaceFileFrom: the given file, else ./keyhive.yaml, else NOT_FOUND with the fix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kh-ks-'));
    try {
      const file = join(dir, 'keyhive.yaml');
      await writeFile(file, 'name: x\n');
      expect(await workspaceFileFrom(file)).toBe(file);
      await expect(workspaceFileFrom(join(dir, 'none.yaml'))).rejects.toThrow(/No workspace file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('keysContextOf: the session sync gets {value}; consumers not run by Keyhive are skipped with a note', async () => {
    const config = WorkspaceSchema.parse({
      name: 'w',
      id: 'ws-ks',
      runMode: 'native',
      services: { app: { dir: 'app' } },
      issuers: { h: { system: 'hogsend', url: 'http://127.0.0.1:1' } },
      secrets: { K: { issuer: 'h', bindings: [{ service: 'app', var: 'K', role: 'client' }] } },
    });
    const synced: unknown[] = [];
    const ports = {
      workspace: { file: '/w/keyhive.yaml', root: '/w', config, services: new Map([['app', { name: 'app', dir: '/w/app', envFiles: ['/w/app/.env'], config: config.services.app }]]) },
      store: new MemorySecretStore(),
      sync: async (secret: string, from: unknown) => {
        synced.push([secret, from]);
        return {} as never;
      },
      status: async () => ({}) as never,
      controller: null,
    } as unknown as OperationPorts;
    const ctx = keysContextOf(ports, '/data');
    expect(ctx.workspace).toMatchObject({ id: 'ws-ks', file: '/w/keyhive.yaml' });
    await ctx.syncValue('K', 'hsk_value');
    expect(synced).toEqual([['K', { value: 'hsk_value' }]]);
    const said = await ctx.restartConsumers!('K');
    expect(said).toContain('skipped app');
  });
});
