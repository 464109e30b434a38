/** No workspace yet: teach what one is, then create it from a folder or open an existing file. */
import { useApp } from '../../stores/store-context.js';
import { ChooseFolderButton } from './ChooseFolderButton.js';
import { PathForm } from './PathForm.js';

export function EmptyWorkspace() {
  const initWorkspace = useApp((s) => s.initWorkspace);
  const openWorkspace = useApp((s) => s.openWorkspace);
  return (
    <section className="view empty-workspace" aria-labelledby="empty-title">
      <h1 id="empty-title">No workspace yet</h1>
      <p className="lead">
        A workspace is one <code>keyhive.yaml</code> that lists your local services, where their <code>.env</code> files live, and which API keys they
        share. Keyhive then keeps every side of every key in sync, with the keychain as the source of truth.
      </p>
      <ol className="teach">
        <li>Point Keyhive at the folder that holds your services (e.g. the parent of <code>hivecfm-hub/</code> and <code>hivecfm-core/</code>).</li>
        <li>It finds the .env files and the keys they share, and writes a <code>keyhive.yaml</code> there for you to review.</li>
        <li>The overview then shows which services hold the right key.</li>
      </ol>
      <div className="panel">
        <p className="muted">Pick the folder; if it already has a keyhive.yaml, Keyhive opens it.</p>
        <ChooseFolderButton />
        <PathForm
          id="init-dir"
          label="Create a workspace from a folder"
          hint="Or type the absolute path of the folder on this machine."
          placeholder="/home/you/code/hivecfm"
          action="Create workspace"
          onSubmit={initWorkspace}
        />
      </div>
      <div className="panel">
        <PathForm id="open-file" label="Or open an existing keyhive.yaml" placeholder="/home/you/code/hivecfm/keyhive.yaml" action="Open" onSubmit={openWorkspace} />
      </div>
    </section>
  );
}
