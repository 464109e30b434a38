import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../../../electron/core/workspace/parse.js';
import { hivecfmPreset } from '../../../../electron/core/workspace/presets/hivecfm.js';
import { renderWorkspaceYaml } from '../../../../electron/core/workspace/render-yaml.js';
import { composeService, hivecfmScan, scanOf } from '../scan-builder.js';

const ctx = { name: 'HiveCFM', id: 'ws-hivecfm-1' };

describe('hivecfm preset', () => {
  it('maps onto the found hub and core folders, with their compose services', () => {
    const config = parseWorkspace(renderWorkspaceYaml(hivecfmPreset(hivecfmScan(), ctx)), '/project/keyhive.yaml');
    expect(config.services['hivecfm-hub']).toMatchObject({
      dir: 'hivecfm-hub',
      envFiles: ['.env'],
      docker: { composeFile: 'compose.yaml', service: 'hivecfm-hub-api' },
      urls: { docker: 'http://hivecfm-hub-api:8080', native: 'http://localhost:8090' },
      health: '/health',
    });
    expect(config.services['hivecfm-core']).toMatchObject({ dir: 'hivecfm-core', envFiles: ['.env', '.env.local'], docker: { composeFile: 'docker-compose.yml' } });
    const secret = config.secrets['hivecfm-hub-api-key'];
    expect(secret?.format).toBe('hivecfm-hub');
    expect(secret?.bindings).toEqual([
      { service: 'hivecfm-hub', var: 'API_KEY', role: 'server' },
      { service: 'hivecfm-core', var: 'HIVECFM_HUB_API_KEY', role: 'client', urlVar: 'HIVECFM_HUB_URL' },
    ]);
    expect(secret?.probes).toMatchObject({ service: 'hivecfm-hub', smoke: 'GET /v1/webhooks', header: { name: 'Authorization', scheme: 'Bearer' } });
  });

  it('uses the conventional names and URLs in an empty folder', () => {
    const draft = hivecfmPreset(scanOf({}), ctx);
    const config = parseWorkspace(renderWorkspaceYaml(draft), '/empty/keyhive.yaml');
    expect(config.services['hivecfm-hub']).toMatchObject({ dir: 'hivecfm-hub', urls: { docker: 'http://hivecfm-hub-api:8080', native: 'http://localhost:8090' } });
    expect(config.services['hivecfm-core']?.envFiles).toEqual(['.env', '.env.local']);
    expect(draft.comments['services.hivecfm-hub']).toContain('conventional name');
  });

  it('follows differently named folders (hub/ and core-app/) and published ports', () => {
    const scan = scanOf({
      env: { 'hub/.env': { API_KEY: 'k' }, 'core-app/.env': { HIVECFM_HUB_API_KEY: 'k' } },
      compose: [composeService('hub-api', 'hub/docker-compose.yml', { envFiles: ['hub/.env'], ports: [{ hostPort: 9999, containerPort: 8081 }] })],
    });
    const config = parseWorkspace(renderWorkspaceYaml(hivecfmPreset(scan, ctx)), '/p/keyhive.yaml');
    expect(config.services.hub).toMatchObject({ dir: 'hub', docker: { service: 'hub-api' }, urls: { docker: 'http://hub-api:8081', native: 'http://localhost:9999' } });
    expect(config.services['core-app']).toMatchObject({ dir: 'core-app' });
    expect(config.services['core-app']?.docker).toBeUndefined(); // the folder exists but has no compose file
  });
});
