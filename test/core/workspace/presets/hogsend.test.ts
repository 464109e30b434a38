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
    expect(s?.bindings).toEqual([
      { service: 'mailer', var: 'ADMIN_API_KEY', role: 'server' },
      { service: 'shop', var: 'HOGSEND_API_KEY', role: 'client', urlVar: 'HOGSEND_URL' },
    ]);
    expect(s?.probes?.smoke).toBe('GET /v1/admin/api-keys');
    expect(config.issuers.hogsend).toMatchObject({ system: 'hogsend', url: 'http://localhost:3002', service: 'mailer' });
  });

  it('conventional hogsend/ in an empty folder', () => {
    const config = parseWorkspace(renderWorkspaceYaml(hogsendPreset(scanOf({}), { name: 'H', id: 'ws-hog-1' })), '/p/keyhive.yaml');
    expect(config.services.hogsend?.dir).toBe('hogsend');
  });
});
