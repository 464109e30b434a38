import { describe, expect, it } from 'vitest';
import { analyzeBinding } from '../../../electron/core/drift/binding.js';
import { binding, file, fp, opts } from './helpers.js';

describe('analyzeBinding', () => {
  it('takes the value of the last file that assigns the variable', () => {
    const a = analyzeBinding(binding('core', [file('/ws/core/.env', 'A', 2), file('/ws/core/.env.local')]), opts);
    expect(a.effective).toBe('A');
    expect(a.file).toBe('/ws/core/.env');
    expect(a.line).toBe(2);
    expect(a.conditions.size).toBe(0);
    expect(a.sources).toEqual([{ kind: 'env-file', file: '/ws/core/.env', line: 2, fingerprint: fp('A') }]);
  });

  it('reports shadowing and names the file that wins', () => {
    const a = analyzeBinding(binding('core', [file('/ws/core/.env', 'A', 2), file('/ws/core/.env.local', 'B', 5)]), opts);
    expect(a.effective).toBe('B');
    expect(a.file).toBe('/ws/core/.env.local');
    expect(a.conditions.get('shadowed')).toMatch(/core\/\.env\.local:5 overrides core\/\.env:2/);
    expect(a.sources.map((s) => s.fingerprint)).toEqual([fp('A'), fp('B')]);
  });

  it('does not call equal values in two files shadowed', () => {
    const a = analyzeBinding(binding('core', [file('/ws/core/.env', 'A'), file('/ws/core/.env.local', 'A')]), opts);
    expect(a.conditions.has('shadowed')).toBe(false);
  });

  it('reports missing for an absent, an empty, and a shadowing empty value', () => {
    expect(analyzeBinding(binding('hub', [file('/ws/hub/.env')]), opts).conditions.get('missing')).toMatch(/no file hub reads assigns API_KEY/);
    expect(analyzeBinding(binding('hub', [{ path: '/ws/hub/.env', exists: false }]), opts).conditions.get('missing')).toMatch(/none of hub's env files exists/);
    const empty = analyzeBinding(binding('hub', [file('/ws/hub/.env', 'A', 1), file('/ws/hub/.env.local', '', 3)]), opts);
    expect(empty.conditions.get('missing')).toMatch(/hub\/\.env\.local:3 sets API_KEY to an empty value/);
    expect(empty.conditions.has('shadowed')).toBe(true);
  });

  it('a service folder that does not exist is "missing" with the fix (clone it or fix dir:), not a file error', () => {
    const a = analyzeBinding(binding('hub', [{ path: '/ws/hub/.env', exists: false }], { serviceDirMissing: { dir: '/ws/hub' } }), opts);
    expect(a.conditions.get('missing')).toBe(
      'hub has no value for API_KEY: its folder hub/ does not exist (not cloned yet?). Clone the service into hub/, or fix dir: under services.hub in keyhive.yaml; then run `keyhive sync`.',
    );
    expect(a.conditions.size).toBe(1);
  });

  it('lets a Compose environment literal win over env_file and says so', () => {
    const a = analyzeBinding(
      binding('hub', [file('/ws/hub/.env', 'A', 1)], { runMode: 'docker', compose: { file: '/ws/hub/compose.yaml', override: { kind: 'literal', value: 'other' } } }),
      opts,
    );
    expect(a.effective).toBe('other');
    expect(a.file).toBe('/ws/hub/compose.yaml');
    expect(a.conditions.get('shadowed')).toMatch(/hub\/compose\.yaml sets API_KEY under `environment:`, which beats env_file/);
    expect(a.sources.at(-1)).toEqual({ kind: 'compose-environment', file: '/ws/hub/compose.yaml', fingerprint: fp('other') });
  });

  it('warns (without guessing) about interpolated or pass-through Compose values', () => {
    const a = analyzeBinding(
      binding('hub', [file('/ws/hub/.env', 'A')], { runMode: 'docker', compose: { file: '/ws/hub/compose.yaml', override: { kind: 'interpolated', expression: '${API_KEY}', variables: ['API_KEY'] } } }),
      opts,
    );
    expect(a.effective).toBe('A');
    expect(a.warnings[0]).toMatch(/interpolates it/);
  });

  it('reports a running service whose env differs from the files as stale-container', () => {
    const stale = analyzeBinding(binding('hub', [file('/ws/hub/.env', 'NEW')], { running: { API_KEY: 'OLD' } }), opts);
    expect(stale.conditions.get('stale-container')).toMatch(/running with an older value/);
    expect(stale.sources.at(-1)).toEqual({ kind: 'container', fingerprint: fp('OLD') });
    expect(analyzeBinding(binding('hub', [file('/ws/hub/.env', 'NEW')], { running: { API_KEY: 'NEW' } }), opts).conditions.size).toBe(0);
    expect(analyzeBinding(binding('hub', [file('/ws/hub/.env', 'NEW')], { running: null }), opts).conditions.size).toBe(0);
  });

  it('warns about a file keyhive.yaml lists that this run mode does not read', () => {
    const a = analyzeBinding(binding('core', [file('/ws/core/.env', 'A')], { runMode: 'docker', unreadFiles: [file('/ws/core/.env.local', 'B')] }), opts);
    expect(a.warnings[0]).toMatch(/core\/\.env\.local:1 holds another value, but in docker mode core does not read that file/);
  });

  it('never puts a value into details or warnings', () => {
    const secret = 'super-secret-value-123';
    const a = analyzeBinding(
      binding('hub', [file('/ws/hub/.env', secret), file('/ws/hub/.env.local', secret + 'x')], { running: { API_KEY: secret + 'y' }, unreadFiles: [file('/ws/hub/.env.x', secret + 'z')] }),
      opts,
    );
    expect(JSON.stringify([...a.conditions.values(), a.warnings, a.sources])).not.toContain(secret);
  });
});
