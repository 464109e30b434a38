import { describe, expect, it } from 'vitest';
import { suggestVarName, validateWorkspace } from '../../../electron/core/workspace/validate.js';
import { WorkspaceSchema, type WorkspaceConfig } from '../../../electron/core/workspace/schema.js';

function config(extra: Record<string, unknown> = {}): WorkspaceConfig {
  return WorkspaceSchema.parse({
    name: 'T',
    id: 'ws-test',
    services: {
      hub: { dir: 'hub', docker: { composeFile: 'compose.yaml', service: 'hub' } },
      core: { dir: 'core', docker: { composeFile: 'compose.yaml', service: 'core' } },
    },
    secrets: {
      key: {
        bindings: [
          { service: 'hub', var: 'API_KEY', role: 'server' },
          { service: 'core', var: 'HUB_API_KEY', role: 'client' },
        ],
      },
    },
    ...extra,
  });
}

const errors = (c: WorkspaceConfig) => validateWorkspace(c).filter((p) => p.severity !== 'warning');
const paths = (c: WorkspaceConfig) => errors(c).map((p) => p.path.join('.'));

describe('validateWorkspace', () => {
  it('accepts a consistent workspace', () => {
    expect(validateWorkspace(config())).toEqual([]);
  });

  it('a service dir outside the workspace folder is refused unless it says outsideWorkspace: true', () => {
    for (const dir of ['../x', '..', '/srv/hub', 'hub/../../x', '..\\x', 'C:\\hub']) {
      const c = config({ services: { hub: { dir }, core: { dir: 'core' } } });
      expect(paths(c), dir).toEqual(['services.hub.dir']);
      expect(errors(c)[0]!.fix).toContain('outsideWorkspace: true');
      expect(errors(config({ services: { hub: { dir, outsideWorkspace: true }, core: { dir: 'core' } } }))).toEqual([]);
    }
    for (const dir of ['hub', './hub', 'a/../hub', '..hub', 'svc/..foo']) expect(paths(config({ services: { hub: { dir }, core: { dir: 'core' } } })), dir).toEqual([]);
  });

  it('an unknown service in a binding lists the known ones', () => {
    const c = config();
    c.secrets.key!.bindings[1]!.service = 'kore';
    const [p] = errors(c);
    expect(p).toMatchObject({ path: ['secrets', 'key', 'bindings', 1, 'service'], message: expect.stringContaining('"kore"') });
    expect(p?.fix).toContain('hub, core');
  });

  it('a secret with two server bindings', () => {
    const c = config();
    c.secrets.key!.bindings[1]!.role = 'server';
    expect(paths(c)).toEqual(['secrets.key.bindings.1.role']);
    expect(errors(c)[0]?.fix).toContain('role: client');
  });

  it('lowercase or odd characters in a var name, with the conventional spelling as the fix', () => {
    const c = config();
    c.secrets.key!.bindings[0]!.var = 'api_key';
    c.secrets.key!.bindings[1]!.var = 'HUB.API-KEY';
    const ps = errors(c);
    expect(ps.map((p) => p.path.join('.'))).toEqual(['secrets.key.bindings.0.var', 'secrets.key.bindings.1.var']);
    expect(ps[0]?.fix).toContain('API_KEY');
    expect(ps[1]?.fix).toContain('HUB_API_KEY');
    expect(suggestVarName('9lives')).toBe('_9LIVES');
  });

  it('an unknown format lists built-in and custom formats', () => {
    const c = config({ formats: { acme: { pattern: 'acme_[0-9a-f]{64}', generate: { prefix: 'acme_', alphabet: 'hex', length: 64 } } } });
    c.secrets.key!.format = 'tokenhubb';
    const [p] = errors(c);
    expect(p?.path).toEqual(['secrets', 'key', 'format']);
    expect(p?.fix).toContain('tokenhub');
    expect(p?.fix).toContain('acme');
    c.secrets.key!.format = 'acme';
    expect(errors(c)).toEqual([]);
  });

  it('a native-only service in a docker workspace has no compose file to restart with', () => {
    const c = config({ services: { hub: { dir: 'hub', native: { command: 'make run' } }, core: { dir: 'core', docker: { composeFile: 'compose.yaml', service: 'core' } } } });
    expect(paths(c)).toEqual(['services.hub']);
    expect(errors(c)[0]?.fix).toContain('composeFile');
    c.runMode = 'native';
    expect(errors(c)).toEqual([]);
    // ...and the docker-only core now cannot be restarted natively: a warning, not an error.
    expect(validateWorkspace(c).filter((p) => p.severity === 'warning').map((p) => p.path.join('.'))).toEqual(['services.core']);
  });

  it('an issuer-bound secret cannot have a server binding', () => {
    const c = config({ issuers: { hogsend: { system: 'hogsend', url: 'http://localhost:3002' } } });
    c.secrets.key!.issuer = 'hogsend';
    expect(paths(c)).toEqual(['secrets.key.bindings.0.role']);
    expect(errors(c)[0]?.message).toContain('issued by "hogsend"');
    c.secrets.key!.bindings[0]!.role = 'client';
    expect(errors(c)).toEqual([]);
  });

  it('unknown issuers and services referenced by probes and issuers', () => {
    const c = config({ issuers: { th: { system: 'tokenhub', url: 'http://localhost:8080', service: 'tokenhubd' } } });
    c.secrets.key!.issuer = 'nope';
    c.secrets.key!.bindings[0]!.role = 'client';
    c.secrets.key!.probes = { service: 'ghost', header: { name: 'Authorization', scheme: 'Bearer' } };
    expect(paths(c).sort()).toEqual(['issuers.th.service', 'secrets.key.issuer', 'secrets.key.probes.service']);
    expect(errors(c).find((p) => p.path.join('.') === 'secrets.key.issuer')?.fix).toContain('th');
  });

  it('one variable cannot hold two secrets, nor be bound twice', () => {
    const c = config();
    c.secrets.other = { format: 'generic', bindings: [{ service: 'core', var: 'HUB_API_KEY', role: 'client' }] };
    expect(errors(c)).toEqual([expect.objectContaining({ path: ['secrets', 'other', 'bindings', 0, 'var'], message: expect.stringContaining('"key"') })]);
  });

  it('custom formats: no shadowing built-ins, valid regex, generator matching its pattern', () => {
    const c = config({
      formats: {
        tokenhub: { pattern: '.+', generate: { alphabet: 'hex', length: 64 } },
        broken: { pattern: '(oops', generate: { alphabet: 'hex', length: 64 } },
        mismatched: { pattern: 'acme_[0-9a-f]{64}', generate: { prefix: 'acme_', alphabet: 'base62', length: 64 } },
      },
    });
    expect(paths(c)).toEqual(['formats.tokenhub', 'formats.broken.pattern', 'formats.mismatched.generate']);
  });

  it('warns about live HiveForge keys and urlVar on a server', () => {
    const c = config();
    c.secrets.key!.format = 'hiveforge-live';
    c.secrets.key!.bindings[0]!.urlVar = 'HUB_URL';
    const warnings = validateWorkspace(c).filter((p) => p.severity === 'warning');
    expect(warnings.map((p) => p.path.join('.'))).toEqual(['secrets.key.bindings.0.urlVar', 'secrets.key.format']);
    expect(errors(c)).toEqual([]);
  });
});
