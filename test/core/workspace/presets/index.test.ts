import { describe, expect, it } from 'vitest';
import { isPresetName, PRESET_NAMES, PRESETS } from '../../../../electron/core/workspace/presets/index.js';
import { parseWorkspace } from '../../../../electron/core/workspace/parse.js';
import { renderWorkspaceYaml } from '../../../../electron/core/workspace/render-yaml.js';
import { scanOf } from '../scan-builder.js';

describe('presets', () => {
  it('every preset produces a valid, commented workspace even in an empty folder', () => {
    expect(PRESET_NAMES).toEqual(['hivecfm', 'hogsend', 'tokenhub', 'hiveforge']);
    for (const name of PRESET_NAMES) {
      const draft = PRESETS[name](scanOf({}), { name: 'X', id: 'ws-preset-1' });
      const text = renderWorkspaceYaml(draft);
      expect(() => parseWorkspace(text, '/p/keyhive.yaml'), name).not.toThrow();
      expect(text, name).toContain(`preset ${name}`);
    }
    expect(isPresetName('hivecfm')).toBe(true);
    expect(isPresetName('nope')).toBe(false);
  });
});
