import { describe, expect, it } from 'vitest';
import { renderScopeTree, scopeTree } from '../../../electron/core/scopes/tree.js';

describe('scopeTree', () => {
  it('Hogsend is one chain, granted from the key scope down', () => {
    const tree = scopeTree('hogsend', ['journey-admin']);
    expect(tree).toEqual([
      { scope: 'full-admin', granted: false, children: [{ scope: 'journey-admin', granted: true, children: [{ scope: 'read', granted: true, children: [] }] }] },
    ]);
    expect(renderScopeTree(tree)).toEqual(['· full-admin', '  ✓ journey-admin', '    ✓ read']);
  });
  it('HiveForge hangs everything under admin and marks feature children', () => {
    const [admin] = scopeTree('hiveforge', ['webhooks']);
    expect(admin?.scope).toBe('admin');
    expect(admin?.granted).toBe(false);
    const webhooks = admin?.children.find((c) => c.scope === 'webhooks');
    expect(webhooks?.granted).toBe(true);
    expect(webhooks?.children.map((c) => [c.scope, c.granted])).toEqual([
      ['webhooks:read', true],
      ['webhooks:write', true],
      ['webhooks:delete', true],
    ]);
    expect(admin?.children.find((c) => c.scope === 'chat')?.granted).toBe(false);
  });
  it('TokenHub with no scopes shows both scopes granted', () => {
    expect(scopeTree('tokenhub', []).map((n) => [n.scope, n.granted])).toEqual([
      ['chat', true],
      ['plan', true],
    ]);
  });
});
