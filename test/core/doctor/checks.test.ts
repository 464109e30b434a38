import { describe, expect, it } from 'vitest';
import { diagnose, hasErrors } from '../../../electron/core/doctor/checks.js';
import { binding, facts } from './fixtures.js';

const byId = (fs: ReturnType<typeof diagnose>, id: string) => fs.find((f) => f.id === id);

describe('diagnose', () => {
  it('a healthy pair gives only ok/info findings', () => {
    const f = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111'), binding('core', 'HIVECFM_HUB_API_KEY', 'client', 'aaaa1111')], {
      callers: [{ service: 'core', urlVar: 'HIVECFM_HUB_URL', value: 'http://hivecfm-hub-api:8080' }],
      services: [{ name: 'hub', running: true, healthy: true, detail: 'running' }],
      probes: [{ secret: 'hub-key', kind: 'header-shape', method: 'GET', url: 'http://127.0.0.1:1/v1/webhooks', ok: true, status: 401, latencyMs: 1, detail: 'insists on Bearer' }],
    }));
    expect(hasErrors(f)).toBe(false);
    expect(f.map((x) => x.severity).every((s) => s === 'ok' || s === 'info')).toBe(true);
    expect(byId(f, 'probe:header-shape')?.severity).toBe('info');
  });

  it('drifted sides: names the side that differs from the keychain and offers the sync fix', () => {
    const f = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111'), binding('core', 'HIVECFM_HUB_API_KEY', 'client', 'bbbb2222', { state: 'drifted' })]));
    const d = byId(f, 'sides-identical')!;
    expect(d.severity).toBe('error');
    expect(d.what).toContain('bbbb2222');
    expect(d.why).toContain('core HIVECFM_HUB_API_KEY differs');
    expect(d.fixAction).toBe('sync-from-keychain');
    expect(hasErrors(f)).toBe(true);
  });

  it('without a keychain entry, no automatic sync is offered: import instead', () => {
    const f = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111'), binding('core', 'K', 'client', 'bbbb2222')], {}, null));
    expect(byId(f, 'sides-identical')?.fixAction).toBeUndefined();
    expect(byId(f, 'sides-identical')?.fix).toContain('keyhive import');
    expect(byId(f, 'keychain')?.severity).toBe('warning');
  });

  it('a missing caller value explains the "Missing Authorization header" answer', () => {
    const f = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111'), binding('core', 'K', 'client', null, { state: 'missing' })]));
    expect(byId(f, 'sides-set:core')).toMatchObject({ severity: 'error', fixAction: 'sync-from-keychain' });
    expect(byId(f, 'sides-set:core')?.why).toMatch(/Missing Authorization header/);
  });

  it('.env.local shadowing .env is reported with the winning file', () => {
    const core = binding('core', 'K', 'client', 'aaaa1111', {
      state: 'shadowed',
      file: '/w/core/.env.local',
      sources: [
        { kind: 'env-file', file: '/w/core/.env', line: 3, fingerprint: 'cccc3333' },
        { kind: 'env-file', file: '/w/core/.env.local', line: 1, fingerprint: 'aaaa1111' },
      ],
    });
    const f = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111'), core]));
    expect(byId(f, 'shadowed:core')?.what).toMatch(/\.env\.local:1 wins over \/w\/core\/\.env/);
  });

  it('stale container and stopped service ask for a recreate', () => {
    const hub = binding('hub', 'API_KEY', 'server', 'aaaa1111', { state: 'stale-container', sources: [{ kind: 'env-file', file: '/w/hub/.env', line: 1, fingerprint: 'aaaa1111' }, { kind: 'container', fingerprint: 'dddd4444' }] });
    const f = diagnose(facts([hub, binding('core', 'K', 'client', 'aaaa1111')], { services: [{ name: 'core', running: false, healthy: null, detail: 'exited (1)' }] }));
    expect(byId(f, 'stale-container:hub')).toMatchObject({ severity: 'error', fixAction: 'recreate-services' });
    expect(byId(f, 'stale-container:hub')?.what).toContain('dddd4444');
    expect(byId(f, 'stale-container:hub')?.why).toMatch(/docker compose restart/);
    expect(byId(f, 'service-up:core')).toMatchObject({ severity: 'error', fixAction: 'recreate-services' });
  });

  it('wrong caller URL for the run mode is an error', () => {
    const f = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111')], { callers: [{ service: 'core', urlVar: 'HIVECFM_HUB_URL', value: 'http://localhost:8090', file: '/w/core/.env', line: 2 }] }));
    expect(byId(f, 'caller-url:core')).toMatchObject({ severity: 'error' });
    expect(byId(f, 'caller-url:core')?.what).toContain('/w/core/.env:2');
  });

  it('failed probes become errors with their cause; unrunnable probes a warning', () => {
    const f = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111')], { probes: [{ secret: 'hub-key', kind: 'auth-smoke', method: 'GET', url: 'u', ok: false, status: 401, latencyMs: 2, cause: 'refused', fix: 'sync' }] }));
    expect(byId(f, 'probe:auth-smoke')).toMatchObject({ severity: 'error', why: 'refused', fix: 'sync' });
    const g = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111')], { probes: null, probeError: 'target refused' }));
    expect(byId(g, 'probes')?.what).toContain('target refused');
  });

  it('401s in the caller logs are summarised without quoting the lines', () => {
    const lines = ['hub POST /v1/feedback-records -> 401 {"error":"Missing Authorization header"} token=SECRETLOOKING'];
    const f = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111')], { logs: [{ service: 'core', lines }] }));
    const l = byId(f, 'caller-logs:core')!;
    expect(l.severity).toBe('warning');
    expect(l.what).toContain('1 refused call');
    expect(l.what).toContain('no Authorization header');
    expect(JSON.stringify(f)).not.toContain('SECRETLOOKING');
    const later = diagnose(facts([binding('hub', 'API_KEY', 'server', 'aaaa1111')], { logs: [{ service: 'core', lines: [...lines, 'hub POST /v1/feedback-records -> 200 {}'] }] }));
    expect(byId(later, 'caller-logs:core')?.severity).toBe('info');
  });
});
