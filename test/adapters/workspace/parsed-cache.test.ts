import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { workspaceCacheFile } from '../../../electron/adapters/workspace/parsed-cache.js';
import { WorkspaceInvalidError } from '../../../electron/core/workspace/problem.js';

const fixtures = fileURLToPath(new URL('../../fixtures/workspaces/', import.meta.url));
const YAML = `name: HiveCFM
id: ws-cache-test
services:
  hivecfm-hub:
    dir: hivecfm-hub
    docker: { composeFile: compose.yaml, service: hivecfm-hub-api }
  hivecfm-core:
    dir: ./hivecfm-core
    envFiles: [.env, .env.local]
    docker: { composeFile: docker-compose.yml, service: hivecfm-core }
secrets:
  hub-api-key:
    format: hivecfm-hub
    bindings:
      - { service: hivecfm-hub, var: API_KEY, role: server }
      - { service: hivecfm-core, var: HIVECFM_HUB_API_KEY, role: client, urlVar: HIVECFM_HUB_URL }
`;

let dir: string;
let data: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'keyhive-parsed-cache-'));
  await cp(path.join(fixtures, 'hivecfm-project'), path.join(dir, 'ws'), { recursive: true });
  data = path.join(dir, 'data');
  file = path.join(dir, 'ws', 'keyhive.yaml');
  await writeFile(file, YAML);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('keyhive.yaml parse cache (data dir)', () => {
  it('loads exactly what an uncached load gives, from the cache once it is there', async () => {
    const plain = await loadWorkspace(file);
    const first = await loadWorkspace(file, { cacheDir: data });
    const cacheFile = workspaceCacheFile(data, file);
    expect(JSON.parse(await readFile(cacheFile, 'utf8')).key).toMatch(/^[0-9a-f]{64}$/);
    const second = await loadWorkspace(file, { cacheDir: data });
    expect(first).toEqual(plain);
    expect(second).toEqual(plain);
    // The cache really is read: a planted (valid) cache entry for the same text wins over the YAML.
    const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as { key: string; data: { name: string } };
    cached.data.name = 'From the cache';
    await writeFile(cacheFile, JSON.stringify(cached));
    expect((await loadWorkspace(file, { cacheDir: data })).config.name).toBe('From the cache');
  });

  it('misses on any edit, and still reports errors with their line (never from the cache)', async () => {
    await loadWorkspace(file, { cacheDir: data });
    await writeFile(file, YAML.replace('name: HiveCFM', 'name: Renamed'));
    expect((await loadWorkspace(file, { cacheDir: data })).config.name).toBe('Renamed');
    await writeFile(file, YAML.replace('role: server', 'role: servr'));
    const e = await loadWorkspace(file, { cacheDir: data }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkspaceInvalidError);
    expect((e as WorkspaceInvalidError).problems[0]?.line).toBe(15);
  });

  it('ignores a damaged cache file and replaces it', async () => {
    await loadWorkspace(file, { cacheDir: data });
    const cacheFile = workspaceCacheFile(data, file);
    await writeFile(cacheFile, '{"key": "x", "data": ');
    expect((await loadWorkspace(file, { cacheDir: data })).config.id).toBe('ws-cache-test');
    expect(JSON.parse(await readFile(cacheFile, 'utf8')).key).toMatch(/^[0-9a-f]{64}$/);
  });
});
