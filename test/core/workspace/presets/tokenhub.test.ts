import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../../../electron/core/workspace/parse.js';
import { tokenhubPreset } from '../../../../electron/core/workspace/presets/tokenhub.js';
import { renderWorkspaceYaml } from '../../../../electron/core/workspace/render-yaml.js';
import { scanOf } from '../scan-builder.js';

describe('tokenhub preset', () => {
  it('an issued tokenhub key used by the services that hold TOKENHUB_* keys, all clients', () => {
    const scan = scanOf({ env: { 'tokenhub/.env': { DB: 'x' }, 'agent/.env': { TOKENHUB_API_KEY: 'k', TOKENHUB_URL: 'u' } } });
    const draft = tokenhubPreset(scan, { name: 'T', id: 'ws-th-1' });
    const config = parseWorkspace(renderWorkspaceYaml(draft), '/p/keyhive.yaml');
    const s = config.secrets['tokenhub-api-key'];
    expect(s).toMatchObject({ format: 'tokenhub', issuer: 'tokenhub', scopes: ['chat'], endpoints: ['POST /v1/chat'] });
    expect(s?.bindings).toEqual([{ service: 'agent', var: 'TOKENHUB_API_KEY', role: 'client', urlVar: 'TOKENHUB_URL' }]);
    expect(config.issuers.tokenhub).toMatchObject({ system: 'tokenhub', service: 'tokenhub' });
    expect(draft.warnings).toEqual([]);
  });

  it('writes a placeholder client and says so when no service holds a key', () => {
    const draft = tokenhubPreset(scanOf({}), { name: 'T', id: 'ws-th-1' });
    expect(() => parseWorkspace(renderWorkspaceYaml(draft), '/p/keyhive.yaml')).not.toThrow();
    expect(draft.warnings.join()).toContain('placeholder service "app"');
  });
});
