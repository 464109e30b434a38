/**
 * The scope tree the UI and `keyhive scopes SECRET` show: each system's hierarchy from its top
 * scopes down, every node marked granted or not for one key.
 */
import type { IssuerSystem } from '../../../shared/domain.js';
import { expand, scopeModel } from './scopes.js';

export interface ScopeTreeNode {
  scope: string;
  granted: boolean;
  children: ScopeTreeNode[];
}

export function scopeTree(system: IssuerSystem | string, keyScopes: readonly string[]): ScopeTreeNode[] {
  const model = scopeModel(system);
  const granted = new Set(expand(model.system, keyScopes));
  const included = new Set(Object.values(model.includes).flat());
  const build = (scope: string): ScopeTreeNode => ({
    scope,
    granted: granted.has(scope),
    children: (model.includes[scope] ?? []).map(build),
  });
  return model.scopes.filter((s) => !included.has(s)).map(build);
}

/** Text rendering for the CLI: one line per node, indented, ✓ granted / · not granted. */
export function renderScopeTree(nodes: readonly ScopeTreeNode[], indent = ''): string[] {
  return nodes.flatMap((n) => [`${indent}${n.granted ? '✓' : '·'} ${n.scope}`, ...renderScopeTree(n.children, `${indent}  `)]);
}
