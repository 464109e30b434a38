import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findWorkspaceFile, loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { WorkspaceInvalidError } from '../../../electron/core/workspace/problem.js';
import { KeyhiveError } from '../../../shared/errors.js';

const fixtures = fileURLToPath(new URL('../../fixtures/workspaces/', import.meta.url));

const HIVECFM = `name: HiveCFM
id: ws-hivecfm-test
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
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'keyhive-load-'));
  await cp(path.join(fixtures, 'hivecfm-project'), dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadWorkspace', () => {
  it('resolves every service path to an absolute one, env files in precedence order', async () => {
    const file = path.join(dir, 'keyhive.yaml');
    await writeFile(file, HIVECFM);
    const ws = await loadWorkspace(file);
    expect(ws.file).toBe(file);
    expect(ws.root).toBe(dir);
    expect(ws.config.id).toBe('ws-hivecfm-test');
    const core = ws.services.get('hivecfm-core');
    expect(core).toMatchObject({
      name: 'hivecfm-core',
      dir: path.join(dir, 'hivecfm-core'),
      envFiles: [path.join(dir, 'hivecfm-core', '.env'), path.join(dir, 'hivecfm-core', '.env.local')],
      composeFile: path.join(dir, 'hivecfm-core', 'docker-compose.yml'),
    });
    expect(ws.services.get('hivecfm-hub')?.envFiles).toEqual([path.join(dir, 'hivecfm-hub', '.env')]);
    expect(ws.warnings).toEqual([]);
  });

  it('accepts a relative path and a directory holding keyhive.yaml', async () => {
    await writeFile(path.join(dir, 'keyhive.yaml'), HIVECFM);
    const fromDir = await loadWorkspace(dir);
    expect(fromDir.file).toBe(path.join(dir, 'keyhive.yaml'));
    const rel = path.relative(process.cwd(), path.join(dir, 'keyhive.yaml'));
    expect((await loadWorkspace(rel)).file).toBe(path.join(dir, 'keyhive.yaml'));
  });

  it('a missing file is NOT_FOUND with the fix', async () => {
    const err = await loadWorkspace(path.join(dir, 'nope.yaml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyhiveError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', fix: expect.stringContaining('keyhive init') });
    await expect(loadWorkspace(path.join(dir, 'hivecfm-hub'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a missing compose file is WORKSPACE_INVALID at the composeFile line', async () => {
    const file = path.join(dir, 'keyhive.yaml');
    await writeFile(file, HIVECFM.replace('composeFile: compose.yaml', 'composeFile: compose.prod.yaml'));
    const err = (await loadWorkspace(file).catch((e: unknown) => e)) as WorkspaceInvalidError;
    expect(err).toBeInstanceOf(WorkspaceInvalidError);
    expect(err).toMatchObject({ code: 'WORKSPACE_INVALID', file, line: 6 });
    expect(err.problems[0]?.path).toEqual(['services', 'hivecfm-hub', 'docker', 'composeFile']);
  });

  it('a service dir that does not exist yet is a warning, not an error', async () => {
    const file = path.join(dir, 'keyhive.yaml');
    await writeFile(file, HIVECFM.replace('services:\n', 'services:\n  later:\n    dir: not-cloned-yet\n'));
    const ws = await loadWorkspace(file);
    expect(ws.warnings).toEqual([expect.objectContaining({ path: ['services', 'later', 'dir'], line: 5, severity: 'warning' })]);
  });

  it('invalid fixtures fail with the path and line of their one problem', async () => {
    const cases: Array<[string, string, number]> = [
      ['unknown-service.yaml', 'secrets.hub-api-key.bindings[1].service', 12],
      ['two-servers.yaml', 'secrets.hub-api-key.bindings[1].role', 10],
      ['missing-compose.yaml', 'services.hub.docker.composeFile', 7],
    ];
    for (const [name, where, line] of cases) {
      const err = (await loadWorkspace(path.join(fixtures, 'invalid', name)).catch((e: unknown) => e)) as WorkspaceInvalidError;
      expect(err, name).toBeInstanceOf(WorkspaceInvalidError);
      expect(err.message, name).toContain(where);
      expect(err.line, name).toBe(line);
      expect(err.fix, name).toBeTruthy();
    }
  });

  it('refuses files that are not regular or are huge', async () => {
    const big = path.join(dir, 'big.yaml');
    await writeFile(big, '#'.repeat(1024 * 1024 + 10));
    await expect(loadWorkspace(big)).rejects.toMatchObject({ code: 'WORKSPACE_INVALID' });
  });
});

/** The four systems the demo runs, each with its consumers. */
const DEMO_SERVICES = ['hivecfm-hub', 'hivecfm-core', 'hogsend', 'hogsend-monitor', 'hogsend-journeys', 'tokenhub', 'tokenhub-chat', 'tokenhub-planner', 'hiveforge', 'hiveforge-integration'];

describe('the bundled demo workspace (electron/demo/workspace)', () => {
  const template = fileURLToPath(new URL('../../../electron/demo/workspace/', import.meta.url));

  it.each(['docker', 'native'])('loads in %s run mode once its placeholders are filled in', async (runMode) => {
    await cp(template, path.join(dir, 'demo'), { recursive: true });
    const file = path.join(dir, 'demo', 'keyhive.yaml');
    // Fill every placeholder by its kind, as materializeDemo does (robust to new placeholders).
    const ports: Record<string, string> = { HUB_PORT: '8090', CORE_PORT: '3010' };
    const filled = (await readFile(file, 'utf8')).replace(/\{\{(\w+)\}\}/g, (_m, name: string) =>
      name === 'RUN_MODE' ? runMode : /_CACHE_M?S$/.test(name) ? '60' : name.endsWith('_PORT') ? (ports[name] ?? '4999') : name.endsWith('_PEER') ? `/opt/peers/${name.toLowerCase()}.mjs` : 'keyhive-demo',
    );
    expect(filled).not.toMatch(/^[^#\n]*\{\{/m); // every placeholder outside comments is filled
    await writeFile(file, filled);
    const ws = await loadWorkspace(file);
    expect(ws.config.runMode).toBe(runMode);
    expect([...ws.services.keys()]).toEqual(DEMO_SERVICES);
    expect(ws.services.get('hivecfm-core')?.envFiles).toEqual([path.join(dir, 'demo', 'hivecfm-core', '.env'), path.join(dir, 'demo', 'hivecfm-core', '.env.local')]);
    expect(ws.services.get('hivecfm-hub')?.composeFile).toBe(path.join(dir, 'demo', 'docker-compose.yml'));
    expect(ws.config.secrets['hivecfm-hub-api-key']?.bindings.map((b) => `${b.service}:${b.var}:${b.role}`)).toEqual([
      'hivecfm-hub:API_KEY:server',
      'hivecfm-core:HIVECFM_HUB_API_KEY:client',
    ]);
    expect(ws.config.issuers.hogsend?.credentialSecret).toBe('hogsend-admin-api-key');
    expect(Object.entries(ws.config.secrets).filter(([, s]) => s.issuer).map(([n]) => n)).toEqual([
      'hogsend-monitor-key',
      'hogsend-journeys-key',
      'tokenhub-chat-key',
      'tokenhub-planner-key',
      'hiveforge-integration-key',
    ]);
    expect(ws.warnings).toEqual([]);
  });
});

describe('findWorkspaceFile', () => {
  it('walks up from a nested directory to the nearest keyhive.yaml', async () => {
    await writeFile(path.join(dir, 'keyhive.yaml'), HIVECFM);
    const nested = path.join(dir, 'hivecfm-core', 'src', 'deep');
    await mkdir(nested, { recursive: true });
    expect(await findWorkspaceFile(nested)).toBe(path.join(dir, 'keyhive.yaml'));
    expect(await findWorkspaceFile(dir)).toBe(path.join(dir, 'keyhive.yaml'));
  });

  it('returns null when there is none up to the root', async () => {
    expect(await findWorkspaceFile(path.join(dir, 'hivecfm-hub'))).toBeNull();
  });
});
