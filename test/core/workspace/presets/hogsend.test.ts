import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../../../electron/core/workspace/parse.js';
import { hogsendPreset } from '../../../../electron/core/workspace/presets/hogsend.js';
import { renderWorkspaceYaml } from '../../../../electron/core/workspace/render-yaml.js';
import { scanOf } from '../scan-builder.js';

describe('hogsend preset', () => {
  it('ADMIN_API_KEY on the Hogsend service (format hogsend), admin API on :3002, smoke GET /v1/admin/api-keys', () => {
    const scan = scanOf({ env: { 'mailer/.env': { ADMIN_API_KEY: 'a' }, 'shop/.env': { HOGSEND_API_KEY: 'a', HOGSEND_URL: 'u' } } });
    const config = parseWorkspace(renderWorkspaceYaml(hogsendPreset(scan, { name: 'H', id: 'ws-hog-1' })), '/p/keyhive.yaml');
    expect(config.services.mailer).toMatchObject({ dir: 'mailer', urls: { native: 'http://localhost:3002' }, health: '/health' });
    const s = config.secrets['hogsend-admin-api-key'];
    expect(s?.format).toBe('hogsend');
    // The legacy full-admin key is never handed to a consumer: it stays with Hogsend and Keyhive.
    expect(s?.bindings).toEqual([{ service: 'mailer', var: 'ADMIN_API_KEY', role: 'server' }]);
    expect(s?.probes?.smoke).toBe('GET /v1/admin/api-keys');
    expect(config.issuers.hogsend).toMatchObject({ system: 'hogsend', url: 'http://localhost:3002', service: 'mailer', credentialSecret: 'hogsend-admin-api-key' });
    expect(config.secrets['hogsend-api-key']).toMatchObject({
      issuer: 'hogsend',
      scopes: ['read'],
      bindings: [{ service: 'shop', var: 'HOGSEND_API_KEY', role: 'client', urlVar: 'HOGSEND_URL' }],
    });
  });

  it('gives each consumer its own least-privilege key, never the shared legacy key', () => {
    const scan = scanOf({ env: { 'mailer/.env': { ADMIN_API_KEY: 'a' }, 'shop/.env': { HOGSEND_API_KEY: 'a' }, 'crm/.env': { HOGSEND_TOKEN: 'a' } } });
    const config = parseWorkspace(renderWorkspaceYaml(hogsendPreset(scan, { name: 'H', id: 'ws-hog-2' })), '/p/keyhive.yaml');
    const issued = Object.entries(config.secrets).filter(([, s]) => s.issuer === 'hogsend');
    expect(issued.map(([n, s]) => [n, s.scopes, s.bindings.map((b) => `${b.service}:${b.var}`)]).sort()).toEqual([
      ['hogsend-crm-key', ['read'], ['crm:HOGSEND_TOKEN']],
      ['hogsend-shop-key', ['read'], ['shop:HOGSEND_API_KEY']],
    ]);
    const legacyHolders = Object.values(config.secrets).flatMap((s) => s.bindings.filter((b) => b.var === 'ADMIN_API_KEY'));
    expect(legacyHolders.map((b) => b.service)).toEqual(['mailer']);
  });

  it('conventional hogsend/ in an empty folder', () => {
    const config = parseWorkspace(renderWorkspaceYaml(hogsendPreset(scanOf({}), { name: 'H', id: 'ws-hog-1' })), '/p/keyhive.yaml');
    expect(config.services.hogsend?.dir).toBe('hogsend');
  });
});
