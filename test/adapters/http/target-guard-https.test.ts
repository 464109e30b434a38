/**
 * Where probes may go, for issuers: a workspace may name a public HTTPS issuer (its public
 * addresses are allowed over https only), and plain http:// to anything but loopback is refused
 * with the fix (keys never travel unencrypted outside local development).
 */
import { describe, expect, it } from 'vitest';
import { TargetGuard } from '../../../electron/adapters/http/target-guard.js';
import { checkResolved, checkScheme, httpsIssuerHosts } from '../../../electron/core/probes/target-policy.js';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';

describe('probes to issuers over https', () => {
  const config = WorkspaceSchema.parse({
    name: 'w',
    id: 'w-https',
    services: { api: { dir: 'api', urls: { native: 'http://localhost:3002' } } },
    issuers: { forge: { system: 'hiveforge', url: 'https://api.hiveforge.dev' }, hog: { system: 'hogsend', url: 'http://localhost:3002' } },
  });

  it('only https issuers are public-https hosts', () => {
    expect([...httpsIssuerHosts(config)]).toEqual(['api.hiveforge.dev']);
  });

  it('a named https issuer may resolve to public addresses; other named hosts may not', () => {
    const hosts = new Set(['api.hiveforge.dev', 'devbox.lan']);
    expect(checkResolved('api.hiveforge.dev', ['104.18.20.1'], hosts, { publicHttps: true }).allowed).toBe(true);
    expect(checkResolved('api.hiveforge.dev', ['104.18.20.1'], hosts).allowed).toBe(false);
    expect(checkResolved('evil.example', ['104.18.20.1'], hosts, { publicHttps: true }).allowed).toBe(false);
  });

  it('plain http is for loopback only', () => {
    expect(checkScheme('http:', 'localhost', ['127.0.0.1', '::1']).allowed).toBe(true);
    expect(checkScheme('https:', 'api.hiveforge.dev', ['104.18.20.1']).allowed).toBe(true);
    const d = checkScheme('http:', 'api.hiveforge.dev', ['104.18.20.1']);
    expect(d).toMatchObject({ allowed: false, reason: expect.stringContaining('unencrypted') });
  });

  it('the guard refuses http:// to a named LAN host with the fix, and allows https:// to it', async () => {
    const guard = new TargetGuard(new Set(['192.168.7.9']), new Set());
    await expect(guard.vet('http://192.168.7.9:8080/v1')).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED', message: expect.stringContaining('plain http://'), fix: expect.stringContaining('Use https:// for 192.168.7.9') });
    expect((await guard.vet('https://192.168.7.9/v1')).addresses[0]?.address).toBe('192.168.7.9');
    expect((await guard.vet('http://127.0.0.1:9/')).addresses[0]?.address).toBe('127.0.0.1');
  });
});

describe('keyhive probe with a public https issuer (HiveForge preset shape)', () => {
  it('does not abort: an unresolvable issuer host is each probe\'s failure, with the fix', async () => {
    const { runProbes } = await import('../../../electron/app/services/probe.js');
    const { MemorySecretStore } = await import('../../support/fakes/memory-secret-store.js');
    const cfg = WorkspaceSchema.parse({
      name: 'forge',
      id: 'w-forge',
      services: { app: { dir: 'app' } },
      issuers: { hiveforge: { system: 'hiveforge', url: 'https://api.hiveforge.invalid' } },
      secrets: { 'hiveforge-api-key': { format: 'hiveforge', issuer: 'hiveforge', endpoints: ['GET /api/v1/organizations'], bindings: [{ service: 'app', var: 'HIVEFORGE_API_KEY', role: 'client' }] } },
    });
    const store = new MemorySecretStore();
    await store.set('w-forge/hiveforge-api-key', `hf_test_${'1'.repeat(40)}`);
    const workspace = { file: '/nowhere/keyhive.yaml', root: '/nowhere', config: cfg, services: new Map() } as unknown as Parameters<typeof runProbes>[0]['workspace'];
    const results = await runProbes({ workspace, store }, 'hiveforge-api-key');
    expect(results.map((r) => r.kind)).toEqual(['auth-smoke', 'negative-control', 'header-shape']);
    expect(results.every((r) => !r.ok && r.url.startsWith('https://api.hiveforge.invalid/api/v1/organizations') && /does not resolve/.test(r.cause ?? ''))).toBe(true);
  });
});
