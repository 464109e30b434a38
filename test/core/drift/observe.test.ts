import { describe, expect, it } from 'vitest';
import { computeWorkspaceStatus, filesForMode, observeSecret, overridingLiterals, type ObservedWorld, type WorkspaceView } from '../../../electron/core/drift/observe.js';
import { parseComposeFile } from '../../../electron/core/compose/parse.js';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';
import type { ResolvedService } from '../../../electron/core/services/runtime.js';
import { WorkspaceStatus } from '../../../shared/domain.js';
import { fp, opts } from './helpers.js';

const config = WorkspaceSchema.parse({
  name: 'hivecfm',
  id: 'ws-test',
  runMode: 'native',
  services: {
    hub: { dir: 'hub', docker: { composeFile: 'compose.yaml', service: 'hub-api' }, urls: { native: 'http://localhost:8090' }, health: '/health' },
    core: { dir: 'core', envFiles: ['.env', '.env.local'] },
  },
  secrets: {
    'hub-api-key': { bindings: [{ service: 'hub', var: 'API_KEY', role: 'server' }, { service: 'core', var: 'HIVECFM_HUB_API_KEY', role: 'client' }] },
  },
});
const svc = (name: string, envFiles: string[], composeFile?: string): ResolvedService => ({
  name,
  dir: `/ws/${name}`,
  envFiles,
  config: config.services[name]!,
  ...(composeFile ? { composeFile } : {}),
});
const services = new Map([
  ['hub', svc('hub', ['/ws/hub/.env'], '/ws/hub/compose.yaml')],
  ['core', svc('core', ['/ws/core/.env', '/ws/core/.env.local'])],
]);
const view: WorkspaceView = { file: '/ws/keyhive.yaml', root: '/ws', config, services };
const compose = parseComposeFile('services:\n  hub-api:\n    env_file: [.env.docker]\n    environment:\n      API_KEY: literal\n', '/ws/hub/compose.yaml');

function world(files: Record<string, Record<string, string>>, extra: Partial<ObservedWorld> = {}): ObservedWorld {
  return {
    runMode: 'native',
    lookup: (path, key) => {
      const f = files[path];
      if (!f) return { path, exists: false };
      const value = f[key];
      return value === undefined ? { path, exists: true } : { path, exists: true, entry: { value, line: 1 } };
    },
    compose: (s) => (s.name === 'hub' ? { file: '/ws/hub/compose.yaml', service: compose.services['hub-api']! } : undefined),
    running: () => undefined,
    keychain: () => 'K',
    ...extra,
  };
}

describe('overridingLiterals (Compose environment: beats the env files)', () => {
  it('names a binding whose compose literal differs from the value, in docker mode only', () => {
    expect(overridingLiterals(view, 'hub-api-key', 'new-key', { ...world({}), runMode: 'docker' })).toEqual([{ service: 'hub', var: 'API_KEY', file: '/ws/hub/compose.yaml' }]);
    expect(overridingLiterals(view, 'hub-api-key', 'literal', { ...world({}), runMode: 'docker' })).toEqual([]); // the literal IS the value
    expect(overridingLiterals(view, 'hub-api-key', 'new-key', world({}))).toEqual([]); // native: compose is not read
    expect(overridingLiterals(view, 'no-such-secret', 'x', { ...world({}), runMode: 'docker' })).toEqual([]);
  });
  it('an interpolated or pass-through entry is not a literal override', () => {
    const passing = parseComposeFile('services:\n  hub-api:\n    environment:\n      API_KEY: ${API_KEY}\n', '/ws/hub/compose.yaml');
    const w = { ...world({}), runMode: 'docker' as const, compose: () => ({ file: '/ws/hub/compose.yaml', service: passing.services['hub-api']! }) };
    expect(overridingLiterals(view, 'hub-api-key', 'new-key', w)).toEqual([]);
  });
});

describe('observe + computeWorkspaceStatus', () => {
  it('names the issuer (workspace name and system) of each issued key; null for a shared secret', () => {
    const issued = WorkspaceSchema.parse({
      ...config,
      issuers: { th: { system: 'tokenhub', url: 'http://localhost:8480' } },
      secrets: { ...config.secrets, 'chat-key': { issuer: 'th', scopes: ['chat'], bindings: [{ service: 'core', var: 'TOKENHUB_API_KEY', role: 'client' }] } },
    });
    const status = computeWorkspaceStatus({ ...view, config: issued }, world({ '/ws/core/.env': { TOKENHUB_API_KEY: 'K' } }), opts, new Date(0));
    expect(WorkspaceStatus.parse(status)).toEqual(status);
    expect(status.secrets.map((s) => [s.name, s.issuer])).toEqual([
      ['hub-api-key', null],
      ['chat-key', { name: 'th', system: 'tokenhub' }],
    ]);
  });

  it('native mode reads keyhive.yaml envFiles; docker mode reads the compose env_file list', () => {
    const w = world({});
    expect(filesForMode(services.get('hub')!, w)).toEqual(['/ws/hub/.env']);
    expect(filesForMode(services.get('hub')!, { ...w, runMode: 'docker' })).toEqual(['/ws/hub/.env.docker']);
    expect(filesForMode(services.get('core')!, { ...w, runMode: 'docker' })).toEqual(['/ws/core/.env', '/ws/core/.env.local']);
  });

  it('computes a schema-valid WorkspaceStatus with services and secrets', () => {
    const status = computeWorkspaceStatus(view, world({ '/ws/hub/.env': { API_KEY: 'K' }, '/ws/core/.env': { HIVECFM_HUB_API_KEY: 'K' } }), opts, new Date(0));
    expect(WorkspaceStatus.parse(status)).toEqual(status);
    expect(status.workspace).toEqual({ id: 'ws-test', name: 'hivecfm', file: '/ws/keyhive.yaml', runMode: 'native' });
    expect(status.services[0]).toEqual({ name: 'hub', dir: '/ws/hub', runMode: 'native', baseUrl: 'http://localhost:8090', healthPath: '/health' });
    expect(status.secrets[0]?.state).toBe('in-sync');
    expect(status.secrets[0]?.issuer).toBeNull(); // a shared secret, not an issued key
    expect(status.secrets[0]?.bindings.map((b) => [b.service, b.var, b.file, b.fingerprint])).toEqual([
      ['hub', 'API_KEY', '/ws/hub/.env', fp('K')],
      ['core', 'HIVECFM_HUB_API_KEY', '/ws/core/.env', fp('K')],
    ]);
  });

  it('docker mode: the Compose literal overrides the env file and is reported', () => {
    const status = computeWorkspaceStatus(
      view,
      world({ '/ws/hub/.env.docker': { API_KEY: 'K' }, '/ws/core/.env': { HIVECFM_HUB_API_KEY: 'K' } }, { runMode: 'docker' }),
      opts,
    );
    const hub = status.secrets[0]!.bindings[0]!;
    expect(hub.state).toBe('shadowed');
    expect(hub.fingerprint).toBe(fp('literal'));
    expect(hub.file).toBe('/ws/hub/compose.yaml');
  });

  it('passes running env through as stale-container', () => {
    const obs = observeSecret(view, 'hub-api-key', world({ '/ws/hub/.env': { API_KEY: 'K' } }, { running: (s) => (s.name === 'hub' ? { API_KEY: 'OLD' } : null) }));
    expect(obs.bindings[0]?.running).toEqual({ API_KEY: 'OLD' });
    expect(obs.bindings[1]?.running).toBeNull();
    expect(obs.bindings[1]?.writeTarget).toBe('/ws/core/.env');
  });
});
