import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../../../electron/core/workspace/parse.js';
import { hiveforgePreset, isLiveHiveForgeKey } from '../../../../electron/core/workspace/presets/hiveforge.js';
import { renderWorkspaceYaml } from '../../../../electron/core/workspace/render-yaml.js';
import { scanOf } from '../scan-builder.js';

describe('hiveforge preset', () => {
  it('issued hf_ keys, format hiveforge (live or test), client bindings', () => {
    const scan = scanOf({ env: { 'web/.env': { HIVEFORGE_API_KEY: { value: 'k', format: 'hiveforge-test' } } } });
    const draft = hiveforgePreset(scan, { name: 'F', id: 'ws-hf-1' });
    const config = parseWorkspace(renderWorkspaceYaml(draft), '/p/keyhive.yaml');
    expect(config.secrets['hiveforge-api-key']).toMatchObject({ format: 'hiveforge', issuer: 'hiveforge', bindings: [{ service: 'web', var: 'HIVEFORGE_API_KEY', role: 'client' }] });
    expect(config.issuers.hiveforge?.system).toBe('hiveforge');
    expect(draft.warnings).toEqual([]);
  });

  it('warns when a live key sits in the local workspace', () => {
    const scan = scanOf({ env: { 'web/.env': { HIVEFORGE_API_KEY: { value: 'k', format: 'hiveforge-live' } } } });
    expect(hiveforgePreset(scan, { name: 'F', id: 'ws-hf-1' }).warnings.join()).toMatch(/live .*hf_test_/);
    expect(isLiveHiveForgeKey('hf_live_abc')).toBe(true);
    expect(isLiveHiveForgeKey('hf_test_abc')).toBe(false);
  });
});
