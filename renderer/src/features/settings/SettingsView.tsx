/** Settings: which workspace is open, how its services run (Docker / native), the theme. */
import { useApp } from '../../stores/store-context.js';
import type { ThemeChoice } from '../../stores/theme.js';
import { ThemeToggle } from '../../components/ThemeToggle.js';
import { PathForm } from '../workspace/PathForm.js';

export function SettingsView({ theme, onToggleTheme }: { theme: ThemeChoice; onToggleTheme(): void }) {
  const status = useApp((s) => s.status);
  const setRunMode = useApp((s) => s.setRunMode);
  const openWorkspace = useApp((s) => s.openWorkspace);
  if (!status) return null;
  const mode = status.workspace.runMode;
  return (
    <section className="view" aria-labelledby="settings-title">
      <header className="view-head">
        <h1 id="settings-title">Settings</h1>
      </header>
      <section className="panel" aria-labelledby="ws-title">
        <h2 id="ws-title">Workspace</h2>
        <p>
          <strong>{status.workspace.name}</strong> — <code>{status.workspace.file}</code>
        </p>
        <PathForm id="settings-open" label="Open another keyhive.yaml" placeholder="/path/to/keyhive.yaml" action="Open" onSubmit={openWorkspace} />
      </section>
      <section className="panel" aria-labelledby="mode-title">
        <h2 id="mode-title">Run mode</h2>
        <fieldset className="choices">
          <legend>How the services run on this machine</legend>
          <label className="choice">
            <input type="radio" name="run-mode" value="docker" checked={mode === 'docker'} onChange={() => void setRunMode('docker')} />
            <span className="choice-name">Docker</span>
            <span className="muted">Compose services are recreated so a new value is live.</span>
          </label>
          <label className="choice">
            <input type="radio" name="run-mode" value="native" checked={mode === 'native'} onChange={() => void setRunMode('native')} />
            <span className="choice-name">Native</span>
            <span className="muted">Processes started by Keyhive are restarted; .env.local wins.</span>
          </label>
        </fieldset>
      </section>
      <section className="panel" aria-labelledby="theme-title">
        <h2 id="theme-title">Appearance</h2>
        <ThemeToggle theme={theme} onToggle={onToggleTheme} />
      </section>
    </section>
  );
}
