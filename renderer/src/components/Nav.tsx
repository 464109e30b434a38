/** The main navigation: Tab reaches it once; ↑/↓ (and Home/End) move between its items. */
import { useRef } from 'react';
import { useApp } from '../stores/store-context.js';
import { VIEWS, VIEW_LABEL } from '../stores/nav-slice.js';
import type { NavView } from '../stores/nav-slice.js';
import { preloadView } from '../views.js';

const ICON: Record<NavView, string> = { overview: '◎', secrets: '◈', keys: '◇', scopes: '⋔', troubleshoot: '✚', leaks: '⚠', activity: '☰', settings: '⚙' };

export function Nav() {
  const view = useApp((s) => s.view);
  const navigate = useApp((s) => s.navigate);
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const current: NavView = view === 'secret' ? 'secrets' : view;
  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const n = VIEWS.length;
    const to = e.key === 'ArrowDown' ? (i + 1) % n : e.key === 'ArrowUp' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    refs.current[to]?.focus();
  };
  return (
    <nav className="nav" aria-label="Main">
      <ul>
        {VIEWS.map((v, i) => (
          <li key={v}>
            <button
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              className="nav-item"
              aria-current={current === v ? 'page' : undefined}
              tabIndex={current === v ? 0 : -1}
              onClick={() => navigate(v)}
              onPointerEnter={() => preloadView(v)}
              onFocus={() => preloadView(v)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <span className="nav-icon" aria-hidden="true">
                {ICON[v]}
              </span>
              {VIEW_LABEL[v]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
