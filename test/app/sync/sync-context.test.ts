import { describe, expect, it } from 'vitest';
import { checkFormat, rootFor, secretConfig, serviceOf } from '../../../electron/app/sync/sync-context.js';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';
import type { Workspace } from '../../../electron/adapters/workspace/load-workspace.js';

const config = WorkspaceSchema.parse({
  name: 'w',
  id: 'w-1',
  services: { inside: { dir: 'inside' }, outside: { dir: '../outside' } },
  secrets: { s: { bindings: [{ service: 'inside', var: 'K', role: 'server' }] } },
});
const workspace: Workspace = {
  file: '/ws/keyhive.yaml',
  root: '/ws',
  config,
  services: new Map([
    ['inside', { name: 'inside', dir: '/ws/inside', envFiles: ['/ws/inside/.env'], config: config.services['inside']! }],
    ['outside', { name: 'outside', dir: '/outside', envFiles: ['/outside/.env'], config: config.services['outside']! }],
  ]),
};

describe('sync context helpers', () => {
  it('edits stay inside the workspace root, or inside the service dir when it lies outside', () => {
    expect(rootFor(workspace, workspace.services.get('inside')!)).toBe('/ws');
    expect(rootFor(workspace, workspace.services.get('outside')!)).toBe('/outside');
  });
  it('unknown secrets and services are NOT_FOUND with the known names', () => {
    expect(() => secretConfig(workspace, 'nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', fix: 'Use one of: s.' }));
    expect(() => serviceOf(workspace, 'nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', fix: 'Use one of: inside, outside.' }));
    expect(secretConfig(workspace, 's').bindings).toHaveLength(1);
  });
  it('a format failure is refused with the reason unless forced', () => {
    expect(() => checkFormat({ ok: false, reason: 'too short' }, 's', 'tokenhub', false)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: 'The value for s is not a valid tokenhub key: too short' }));
    expect(() => checkFormat({ ok: false, reason: 'too short' }, 's', 'tokenhub', true)).not.toThrow();
    expect(() => checkFormat({ ok: true }, 's', 'tokenhub', false)).not.toThrow();
  });
});
