/** The scope hierarchy as an ARIA tree: ↑/↓ move, → opens, ← closes, granted scopes marked in words. */
import { useState } from 'react';
import type { ScopeNode } from '../../../../shared/api.js';
import type { z } from 'zod';

type Node = z.output<typeof ScopeNode>;

function visibleIds(nodes: Node[], open: Set<string>, out: string[] = []): string[] {
  for (const n of nodes) {
    out.push(n.scope);
    if (n.children.length && open.has(n.scope)) visibleIds(n.children, open, out);
  }
  return out;
}

function find(nodes: Node[], scope: string): Node | undefined {
  for (const n of nodes) {
    if (n.scope === scope) return n;
    const c = find(n.children, scope);
    if (c) return c;
  }
  return undefined;
}

export function ScopeTree({ tree, label }: { tree: Node[]; label: string }) {
  const [open, setOpen] = useState<Set<string>>(() => new Set(tree.map((n) => n.scope)));
  const [active, setActive] = useState<string | null>(tree[0]?.scope ?? null);
  const toggle = (scope: string, to?: boolean) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (to ?? !next.has(scope)) next.add(scope);
      else next.delete(scope);
      return next;
    });
  const focus = (scope: string, root: HTMLElement) => {
    setActive(scope);
    root.querySelector<HTMLElement>(`[data-scope="${CSS.escape(scope)}"]`)?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLUListElement>) => {
    if (!active) return;
    const ids = visibleIds(tree, open);
    const i = ids.indexOf(active);
    const node = find(tree, active);
    const root = e.currentTarget;
    if (e.key === 'ArrowDown' && i < ids.length - 1) focus(ids[i + 1]!, root);
    else if (e.key === 'ArrowUp' && i > 0) focus(ids[i - 1]!, root);
    else if (e.key === 'ArrowRight' && node?.children.length) toggle(active, true);
    else if (e.key === 'ArrowLeft' && node?.children.length) toggle(active, false);
    else if ((e.key === 'Enter' || e.key === ' ') && node?.children.length) toggle(active);
    else return;
    e.preventDefault();
  };
  const render = (nodes: Node[], level: number) =>
    nodes.map((n) => {
      const hasKids = n.children.length > 0;
      const isOpen = open.has(n.scope);
      return (
        <li
          key={n.scope}
          role="treeitem"
          aria-level={level}
          aria-label={`${n.scope}, ${n.granted ? 'granted' : 'not granted'}`}
          aria-expanded={hasKids ? isOpen : undefined}
          aria-selected={active === n.scope}
          tabIndex={active === n.scope ? 0 : -1}
          data-scope={n.scope}
          className={`tree-item ${n.granted ? 'granted' : 'not-granted'}`}
          onClick={(e) => {
            e.stopPropagation();
            setActive(n.scope);
            if (hasKids) toggle(n.scope);
          }}
        >
          <span className="tree-row">
            <span className="tree-caret" aria-hidden="true">
              {hasKids ? (isOpen ? '▾' : '▸') : '·'}
            </span>
            <code>{n.scope}</code>
            <span className={`badge ${n.granted ? 'state-in-sync' : 'state-none'}`}>{n.granted ? 'Granted' : 'Not granted'}</span>
          </span>
          {hasKids && isOpen && (
            <ul role="group">{render(n.children, level + 1)}</ul>
          )}
        </li>
      );
    });
  return (
    <ul className="tree" role="tree" aria-label={label} onKeyDown={onKeyDown}>
      {render(tree, 1)}
    </ul>
  );
}
