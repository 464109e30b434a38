/** The app shell: navigation, the current view, toasts; the workspace loads on start and stays live. */
import { useEffect } from 'react';
import { ErrorNotice } from './components/ErrorNotice.js';
import { Nav } from './components/Nav.js';
import { Skeleton } from './components/Skeleton.js';
import { ThemeToggle } from './components/ThemeToggle.js';
import { Toasts } from './components/Toasts.js';
import { WorkspaceFileBanner } from './components/WorkspaceFileBanner.js';
import { useApiClient } from './api/context.js';
import { OverviewView } from './features/overview/OverviewView.js';
import { connectEvents } from './stores/app-store.js';
import { useApp, useAppStore } from './stores/store-context.js';
import { useTheme } from './stores/theme.js';
import * as views from './views.js';

export function App() {
  const { api } = useApiClient();
  const store = useAppStore();
  const phase = useApp((s) => s.phase);
  const view = useApp((s) => s.view);
  const loadError = useApp((s) => s.loadError);
  const workspaceProblem = useApp((s) => s.workspaceProblem);
  const load = useApp((s) => s.load);
  const { theme, toggle } = useTheme();

  useEffect(() => {
    const off = connectEvents(api, store);
    void store.getState().load();
    return off;
  }, [api, store]);

  let main;
  if (phase === 'loading') main = <Skeleton lines={8} label="Loading the workspace" />;
  else if (phase === 'error' && loadError)
    main = (
      <section className="view">
        <h1>Keyhive could not load the workspace</h1>
        <ErrorNotice error={loadError} />
        <button type="button" className="button" onClick={() => void load()}>
          Try again
        </button>
      </section>
    );
  else if (phase === 'empty') main = <views.ViewBoundary view="workspace" render={() => <views.EmptyWorkspace.Component />} />;
  else if (view === 'overview') main = <OverviewView />;
  else {
    // Every other view is its own chunk (see views.tsx); the overview ships with the shell.
    const render = {
      secrets: () => <views.SecretsView.Component />,
      secret: () => <views.SecretDetailView.Component />,
      keys: () => <views.KeysView.Component />,
      scopes: () => <views.ScopesView.Component />,
      troubleshoot: () => <views.TroubleshootView.Component />,
      leaks: () => <views.LeaksView.Component />,
      activity: () => <views.ActivityView.Component />,
      settings: () => <views.SettingsView.Component theme={theme} onToggleTheme={toggle} />,
    }[view];
    main = <views.ViewBoundary view={view} render={render} />;
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⬡
          </span>
          Keyhive
        </div>
        {phase === 'ready' && <Nav />}
        <div className="sidebar-foot">
          <ThemeToggle theme={theme} onToggle={toggle} />
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        <WorkspaceFileBanner problem={workspaceProblem} />
        {main}
      </main>
      <Toasts />
    </div>
  );
}
