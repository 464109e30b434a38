import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { WorkspaceDraft } from '../../../electron/core/workspace/draft.js';
import { parseWorkspace } from '../../../electron/core/workspace/parse.js';
import { renderWorkspaceYaml } from '../../../electron/core/workspace/render-yaml.js';

const draft: WorkspaceDraft = {
  source: 'test',
  input: {
    version: 1,
    name: 'T',
    id: 'ws-render-1',
    runMode: 'docker',
    services: { hub: { dir: 'hub', envFiles: ['.env'] }, core: { dir: 'core', envFiles: ['.env', '.env.local'] } },
    secrets: {
      'hub-key': {
        format: 'hivecfm-hub',
        bindings: [
          { service: 'hub', var: 'API_KEY', role: 'server' },
          { service: 'core', var: 'HUB_API_KEY', role: 'client', urlVar: 'HUB_URL' },
        ],
      },
    },
  },
  comments: { 'services.hub': 'The hub.', 'secrets.hub-key': 'Line one.\nLine two.' },
  warnings: [],
};

describe('renderWorkspaceYaml', () => {
  const text = renderWorkspaceYaml(draft);

  it('round-trips: the text parses back to the same settings', () => {
    expect(parseDocument(text).toJS()).toEqual(draft.input);
    expect(() => parseWorkspace(text, '/w/keyhive.yaml')).not.toThrow();
  });

  it('explains the file, each section and each commented entry', () => {
    expect(text.startsWith('# keyhive.yaml')).toBe(true);
    expect(text).toContain('never in this file');
    expect(text).toMatch(/# Services: [\s\S]*?\nservices:/);
    expect(text).toMatch(/# Secrets: [\s\S]*\nsecrets:/);
    expect(text).toMatch(/ {2}# The hub\.\n {2}hub:/);
    expect(text).toMatch(/ {2}# Line one\.\n {2}# Line two\.\n {2}hub-key:/);
  });

  it('writes each binding on one line', () => {
    expect(text).toContain('- { service: hub, var: API_KEY, role: server }');
    expect(text).toContain('- { service: core, var: HUB_API_KEY, role: client, urlVar: HUB_URL }');
  });
});
