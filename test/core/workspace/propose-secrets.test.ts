import { describe, expect, it } from 'vitest';
import { proposeSecrets } from '../../../electron/core/workspace/propose-secrets.js';
import { proposeServices } from '../../../electron/core/workspace/propose-services.js';
import { composeService, hivecfmScan, scanOf } from './scan-builder.js';

const secretsOf = (scan: ReturnType<typeof scanOf>) => proposeSecrets(scan, proposeServices(scan, 'p'));

describe('proposeSecrets', () => {
  it('HiveCFM: API_KEY ↔ HIVECFM_HUB_API_KEY, the hub as server, urlVar found', () => {
    const [s, ...rest] = secretsOf(hivecfmScan());
    expect(rest).toEqual([]);
    expect(s?.name).toBe('hivecfm-hub-api-key');
    expect(s?.input.bindings).toEqual([
      { service: 'hivecfm-hub-api', var: 'API_KEY', role: 'server' },
      { service: 'hivecfm-core', var: 'HIVECFM_HUB_API_KEY', role: 'client', urlVar: 'HIVECFM_HUB_URL' },
    ]);
    expect(s?.warnings).toEqual([]);
  });

  it('matches by name even when the values differ now, and says it is drift', () => {
    const scan = scanOf({ env: { 'billing/.env': { API_KEY: 'one' }, 'shop/.env': { BILLING_API_KEY: 'two' } } });
    const [s] = secretsOf(scan);
    expect(s?.input.bindings).toEqual([
      { service: 'billing', var: 'API_KEY', role: 'server' },
      { service: 'shop', var: 'BILLING_API_KEY', role: 'client' },
    ]);
    expect(s?.warnings.join()).toContain('drift');
  });

  it('same value under unrelated names: a secret without a clear server', () => {
    const scan = scanOf({ env: { 'a/.env': { SIGNING_SECRET: 'v' }, 'b/.env': { WEBHOOK_TOKEN: 'v' } } });
    const [s] = secretsOf(scan);
    expect(s?.input.bindings.map((b) => b.role)).toEqual(['client', 'client']);
    expect(s?.comment).toContain('role: server');
  });

  it('ignores non-secret variables and values shared inside one service only', () => {
    const scan = scanOf({ env: { 'a/.env': { DATABASE_URL: 'u', A_KEY: 'x', B_KEY: 'x' }, 'b/.env': { DATABASE_URL: 'u' } } });
    expect(secretsOf(scan)).toEqual([]);
  });

  it('leaves out unconventional variable names (lowercase, dots) that the workspace rules refuse', () => {
    const scan = scanOf({ env: { 'a/.env': { api_key: 'v', 'X.TOKEN': 'w' }, 'b/.env': { api_key: 'v', 'X.TOKEN': 'w' } } });
    expect(secretsOf(scan)).toEqual([]);
  });

  it('services reading the same env file do not "share" its variable with themselves', () => {
    const scan = scanOf({
      env: { '.env': { API_KEY: 'v' }, 'web/.env': { WEB_TOKEN: 'z' } },
      compose: [composeService('api', 'compose.yaml', { envFiles: ['.env'] }), composeService('worker', 'compose.yaml', { envFiles: ['.env'] })],
    });
    expect(secretsOf(scan)).toEqual([]);
  });

  it('picks the detected format, and warns about HiveForge live keys', () => {
    const live = { value: 'l', format: 'hiveforge-live' };
    const scan = scanOf({ env: { 'a/.env': { HIVEFORGE_KEY: live }, 'b/.env': { HIVEFORGE_KEY: live } } });
    const [s] = secretsOf(scan);
    expect(s?.input.format).toBe('hiveforge');
    expect(s?.warnings.join()).toContain('live');
    const th = { value: 't', format: 'tokenhub' };
    expect(secretsOf(scanOf({ env: { 'a/.env': { TOKENHUB_API_KEY: th }, 'b/.env': { TOKENHUB_API_KEY: th } } }))[0]?.input.format).toBe('tokenhub');
  });
});
