import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../../electron/core/workspace/parse.js';
import { proposeWorkspace } from '../../../electron/core/workspace/propose.js';
import { renderWorkspaceYaml } from '../../../electron/core/workspace/render-yaml.js';
import { hivecfmScan, scanOf } from './scan-builder.js';

const ctx = { name: 'proj', id: 'ws-test-1234' };

describe('proposeWorkspace', () => {
  it('a found layout becomes a workspace that validates', () => {
    const draft = proposeWorkspace(hivecfmScan(), ctx);
    expect(draft.input.runMode).toBe('docker');
    const config = parseWorkspace(renderWorkspaceYaml(draft), '/project/keyhive.yaml');
    expect(Object.keys(config.services).sort()).toEqual(['hivecfm-core', 'hivecfm-hub-api']);
    expect(Object.keys(config.secrets)).toEqual(['hivecfm-hub-api-key']);
    expect(draft.warnings).toEqual([]);
  });

  it('native run mode when nothing runs under Compose', () => {
    const draft = proposeWorkspace(scanOf({ env: { 'a/.env': { K_TOKEN: 'x' }, 'b/.env': { K_TOKEN: 'x' } } }), ctx);
    expect(draft.input.runMode).toBe('native');
    expect(() => parseWorkspace(renderWorkspaceYaml(draft), '/p/keyhive.yaml')).not.toThrow();
  });

  it('says what to do when nothing is found', () => {
    const empty = proposeWorkspace(scanOf({}), ctx);
    expect(empty.warnings.join()).toContain('add services: by hand');
    const lonely = proposeWorkspace(scanOf({ env: { 'a/.env': { X: '1' } } }), ctx);
    expect(lonely.warnings.join()).toContain('no shared secrets');
  });
});
