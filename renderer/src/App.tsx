/** The app shell: navigation, the current view, toasts; the workspace loads on start and stays live. */
import { useEffect } from 'react';
import { ErrorNotice } from './components/ErrorNotice.js';
import { Nav } from './components/Nav.js';
import { Skeleton } from './components/Skeleton.js';
import { ThemeToggle } from './components/ThemeToggle.js';
import { Toasts } from './components/Toasts.js';
import { WorkspaceFileBanner } from './components/WorkspaceFileBanner.js';
import { useApiClient } from './api/context.js';
import { ActivityView } from './features/activity/ActivityView.js';
import { LeaksView } from './features/leaks/LeaksView.js';
import { KeysView } from './features/keys/KeysView.js';
import { OverviewView } from './features/overview/OverviewView.js';
import { ScopesView } from './features/scopes/ScopesView.js';
import { SecretDetailView } from './features/secret-detail/SecretDetailView.js';
import { SecretsView } from './features/secrets/SecretsView.js';
import { SettingsView } from './features/settings/SettingsView.js';
import { TroubleshootView } from './features/troubleshoot/TroubleshootView.js';
import { EmptyWorkspace } from './features/workspace/EmptyWorkspace.js';
import { connectEvents } from './stores/app-store.js';
import { useApp, useAppStore } from './stores/store-context.js';
import { useTheme } from './stores/theme.js';

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
  else if (phase === 'empty') main = <EmptyWorkspace />;
  else
    main = {
      overview: <OverviewView />,
      secrets: <SecretsView />,
      secret: <SecretDetailView />,
      keys: <KeysView />,
      scopes: <ScopesView />,
      troubleshoot: <TroubleshootView />,
      leaks: <LeaksView />,
      activity: <ActivityView />,
      settings: <SettingsView theme={theme} onToggleTheme={toggle} />,
    }[view];

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
