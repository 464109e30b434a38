/**
 * Create a key on one issuer: name, which workspace secret receives it (its consumers are
 * restarted and probed, like Sync) or the keychain only, scopes through the hierarchy with a
 * least-privilege suggestion, and an expiry. The plaintext reaches the page only if the user
 * asks, once, after the key is made (ShowKeyOnce); never in the toast.
 */
import { useState } from 'react';
import type { IssuerKeys, KeyCreated } from '../../../../shared/keys.js';
import { useApiClient } from '../../api/context.js';
import { Dialog } from '../../components/Dialog.js';
import { useApp } from '../../stores/store-context.js';
import { ScopePicker } from './ScopePicker.js';
import { ShowKeyOnce } from './ShowKeyOnce.js';

const DAY_MS = 86_400_000;
const EXPIRY_CHOICES = [30, 60, 90, 0] as const;

export function CreateKeyDialog({ issuer, onClose, onDone, now = Date.now }: { issuer: IssuerKeys; onClose(): void; onDone(): void; now?: () => number }) {
  const { api } = useApiClient();
  const pushError = useApp((s) => s.pushError);
  const pushToast = useApp((s) => s.pushToast);
  const [secret, setSecret] = useState(issuer.secrets[0]?.secret ?? '');
  const target = issuer.secrets.find((s) => s.secret === secret) ?? null;
  const [name, setName] = useState(target ? `${target.secret} (least privilege)` : '');
  const [scopes, setScopes] = useState<string[]>(target?.leastPrivilege ?? []);
  const [days, setDays] = useState<number>(90);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<KeyCreated | null>(null);
  const create = async () => {
    setBusy(true);
    const r = await api.invoke('keys.create', {
      issuer: issuer.issuer,
      name,
      scopes,
      ...(secret ? { secret } : {}),
      ...(days > 0 ? { expiresAt: new Date(now() + days * DAY_MS).toISOString() } : {}),
    });
    setBusy(false);
    if (!r.ok) return void pushError(r.error, `Could not create the ${issuer.system} key`);
    setDone(r.value);
    pushToast({ tone: r.value.probe && !r.value.probe.ok ? 'error' : 'success', title: `Created ${r.value.key.prefix}…`, detail: r.value.probe?.detail ?? 'stored in the keychain' });
    onDone();
  };
  return (
    <Dialog title={`Create a ${issuer.system} key`} onClose={onClose}>
      {done ? (
        <div className="create-result" role="status">
          <p>
            Created <code>{done.key.prefix}…</code> with <code>{done.key.scopes.join(', ') || 'all endpoints'}</code>
            {done.key.expiresAt ? `, expires ${done.key.expiresAt.slice(0, 10)}` : ', no expiry'}.
          </p>
          {done.live && <p>{done.live}</p>}
          {done.probe && <p className={done.probe.ok ? 'probe-ok' : 'probe-failed'}>Probe {done.probe.ok ? 'passed' : 'failed'}: {done.probe.detail}</p>}
          <p className="muted">The key went straight into the keychain{secret ? ` and ${secret}'s bindings` : ''}.</p>
          <ShowKeyOnce target={secret ? { secret } : { issuer: issuer.issuer, id: done.key.id }} prefix={done.key.prefix} />
        </div>
      ) : (
        <form className="create-key" onSubmit={(e) => (e.preventDefault(), void create())}>
          <label>
            For
            <select value={secret} onChange={(e) => {
              setSecret(e.target.value);
              const t = issuer.secrets.find((s) => s.secret === e.target.value);
              if (t?.leastPrivilege) setScopes(t.leastPrivilege);
              if (t) setName(`${t.secret} (least privilege)`);
            }}>
              {issuer.secrets.map((s) => (
                <option key={s.secret} value={s.secret}>
                  {s.secret} (written to its consumer)
                </option>
              ))}
              <option value="">the keychain only</option>
            </select>
          </label>
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <ScopePicker hierarchy={issuer.hierarchy} value={scopes} onChange={setScopes} suggestion={target?.leastPrivilege ?? null} />
          <label>
            Expires
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {EXPIRY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d === 0 ? 'never' : `in ${d} days`}
                </option>
              ))}
            </select>
          </label>
          <footer className="dialog-actions">
            <button type="button" className="button button-ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={busy || name.trim() === '' || (scopes.length === 0 && issuer.system !== 'tokenhub')}>
              {busy ? 'Creating…' : 'Create key'}
            </button>
          </footer>
        </form>
      )}
      {done && (
        <footer className="dialog-actions">
          <button type="button" className="button" onClick={onClose} autoFocus>
            Close
          </button>
        </footer>
      )}
    </Dialog>
  );
}
