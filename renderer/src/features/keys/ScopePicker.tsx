/**
 * Scope picker that follows the system's hierarchy: a nested list of checkboxes; a scope that a
 * chosen parent already includes shows as included (checked, disabled), so the picked list stays
 * minimal. "Suggest least privilege" fills in what the consumer's declared endpoints need.
 */
import type { ScopeNodeT } from '../../../../shared/domain.js';

function includedBy(nodes: ScopeNodeT[], picked: ReadonlySet<string>, parentPicked = false, out = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (parentPicked) out.add(n.scope);
    includedBy(n.children, picked, parentPicked || picked.has(n.scope), out);
  }
  return out;
}

export function ScopePicker({
  hierarchy,
  value,
  onChange,
  suggestion,
}: {
  hierarchy: ScopeNodeT[];
  value: string[];
  onChange(scopes: string[]): void;
  suggestion: string[] | null;
}) {
  const picked = new Set(value);
  const included = includedBy(hierarchy, picked);
  const toggle = (scope: string, on: boolean) => onChange(on ? [...value, scope] : value.filter((s) => s !== scope));
  const seen = new Set<string>();
  const render = (nodes: ScopeNodeT[]) => (
    <ul className="scope-picker-list">
      {nodes.map((n) => {
        // A scope included by two parents (HiveForge's admin includes read and write…) is listed once.
        if (seen.has(n.scope)) return null;
        seen.add(n.scope);
        const isIncluded = included.has(n.scope) && !picked.has(n.scope);
        return (
          <li key={n.scope}>
            <label className={isIncluded ? 'scope-included' : undefined}>
              <input type="checkbox" checked={picked.has(n.scope) || isIncluded} disabled={isIncluded} onChange={(e) => toggle(n.scope, e.target.checked)} data-scope={n.scope} />
              <code>{n.scope}</code>
              {isIncluded && <span className="muted"> (included)</span>}
            </label>
            {n.children.length > 0 && render(n.children)}
          </li>
        );
      })}
    </ul>
  );
  return (
    <fieldset className="scope-picker">
      <legend>Scopes</legend>
      {suggestion && (
        <p className="scope-suggestion">
          Least privilege for what the consumer calls: <code>{suggestion.join(', ') || '(none)'}</code>{' '}
          <button type="button" className="button button-ghost" onClick={() => onChange(suggestion)}>
            Use least privilege
          </button>
        </p>
      )}
      {render(hierarchy)}
    </fieldset>
  );
}
