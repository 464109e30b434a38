import { describe, expect, it } from 'vitest';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';
import { authHeaderValue, joinUrl, planProbes, splitEndpoint } from '../../../electron/core/probes/probe-plan.js';

const config = WorkspaceSchema.parse({
  name: 'demo',
  id: 'demo-ws',
  services: {
    hub: { dir: 'hub', urls: { docker: 'http://hivecfm-hub-api:8080', native: 'http://localhost:8090' }, health: '/health' },
    core: { dir: 'core', urls: { native: 'http://localhost:3000' } },
    hog: { dir: 'hog' },
  },
  secrets: {
    'hub-key': {
      bindings: [
        { service: 'hub', var: 'API_KEY', role: 'server' },
        { service: 'core', var: 'HIVECFM_HUB_API_KEY', role: 'client', urlVar: 'HIVECFM_HUB_URL' },
      ],
      probes: { smoke: 'GET /v1/webhooks' },
    },
    'x-key': { bindings: [{ service: 'core', var: 'X', role: 'server' }], probes: { smoke: 'GET /v1/x', header: { name: 'X-Api-Key', scheme: 'raw' } } },
    'hog-admin': { bindings: [{ service: 'core', var: 'HOGSEND_KEY', role: 'client' }], issuer: 'hogsend', endpoints: ['GET /v1/admin/contacts'] },
    'no-url': { bindings: [{ service: 'hog', var: 'K', role: 'server' }] },
  },
  issuers: { hogsend: { system: 'hogsend', url: 'http://localhost:3002' } },
});

describe('planProbes', () => {
  it('plans health, smoke, wrong-key control and header shape against the server binding for the run mode', () => {
    const docker = planProbes(config, 'hub-key', 'docker');
    expect(docker.ok && docker.target.baseUrl).toBe('http://hivecfm-hub-api:8080');
    const native = planProbes(config, 'hub-key', 'native');
    if (!native.ok) throw new Error(native.reason);
    expect(native.target.baseUrl).toBe('http://localhost:8090');
    expect(native.target.service).toBe('hub');
    expect(native.target.probes.map((p) => `${p.kind} ${p.method} ${p.path} ${p.auth}`)).toEqual([
      'health GET /health none',
      'auth-smoke GET /v1/webhooks current',
      'negative-control GET /v1/webhooks wrong',
      'header-shape GET /v1/webhooks raw-current',
    ]);
  });
  it('skips the header-shape check for raw-key headers and falls back to the issuer URL and GET endpoints', () => {
    const raw = planProbes(config, 'x-key', 'native');
    expect(raw.ok && raw.target.probes.map((p) => p.kind)).toEqual(['auth-smoke', 'negative-control']);
    const hog = planProbes(config, 'hog-admin', 'native');
    expect(hog.ok && hog.target.baseUrl).toBe('http://localhost:3002');
    expect(hog.ok && hog.target.probes[0]?.path).toBe('/v1/admin/contacts');
  });
  it('explains why a secret cannot be probed, with the fix', () => {
    const r = planProbes(config, 'no-url', 'docker');
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('no URL for docker'), fix: expect.stringContaining('urls') });
    expect(planProbes(config, 'nope', 'docker')).toMatchObject({ ok: false, reason: expect.stringContaining('no secret') });
  });
});

describe('helpers', () => {
  it('builds header values and joins URLs with path prefixes and queries', () => {
    expect(authHeaderValue('current', 'Bearer', 'k')).toBe('Bearer k');
    expect(authHeaderValue('raw-current', 'Bearer', 'k')).toBe('k');
    expect(authHeaderValue('wrong', 'raw', 'w')).toBe('w');
    expect(authHeaderValue('none', 'Bearer', 'k')).toBeNull();
    expect(joinUrl('http://localhost:8090', '/health')).toBe('http://localhost:8090/health');
    expect(joinUrl('http://localhost:8090/api/', '/v1/x?a=1')).toBe('http://localhost:8090/api/v1/x?a=1');
    expect(splitEndpoint('post /v1/chat')).toEqual({ method: 'POST', path: '/v1/chat' });
  });
});
