/** The journal of syncs, rotations, restarts and probes — filterable, live, undoable. */
import { useEffect, useMemo, useState } from 'react';
import { ActivityKind } from '../../../../shared/domain.js';
import type { ActivityEntry } from '../../../../shared/domain.js';
import type { ErrorPayload } from '../../../../shared/errors.js';
import { useApiClient } from '../../api/context.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Fingerprint } from '../../components/Fingerprint.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useApp } from '../../stores/store-context.js';
import { SelectField } from '../../components/SelectField.js';

export function ActivityView() {
  const { api } = useApiClient();
  const undo = useApp((s) => s.undo);
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [kind, setKind] = useState('');
  const [secret, setSecret] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.invoke('activity.list', { limit: 500 }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setEntries(r.value);
          setError(null);
        } else {
          setEntries([]);
          setError(r.error);
        }
      });
    load();
    const off = api.on('activity', () => load());
    return () => {
      live = false;
      off();
    };
  }, [api]);
  const secrets = useMemo(() => [...new Set((entries ?? []).flatMap((e) => (e.secret ? [e.secret] : [])))].sort(), [entries]);
  const needle = text.trim().toLowerCase();
  const shown = (entries ?? []).filter(
    (e) =>
      (!kind || e.kind === kind) &&
      (!secret || e.secret === secret) &&
      (!needle || `${e.summary} ${e.secret ?? ''} ${e.files.join(' ')} ${e.kind}`.toLowerCase().includes(needle)),
  );
  return (
    <section className="view" aria-labelledby="activity-title">
      <header className="view-head">
        <h1 id="activity-title">Activity</h1>
        <p className="view-sub">Every change Keyhive made, newest first. Values never appear here: fingerprints only.</p>
      </header>
      <div className="toolbar" role="search" aria-label="Filter activity">
        <SelectField label="Kind" value={kind} options={ActivityKind.options} onChange={setKind} allLabel="All kinds" />
        <SelectField label="Secret" value={secret} options={secrets} onChange={setSecret} allLabel="All secrets" />
        <label className="field field-grow">
          <span>Search</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="summary, file, secret…" />
        </label>
        <span className="muted" role="status">
          {entries ? `${shown.length} of ${entries.length}` : ''}
        </span>
      </div>
      {error && <ErrorNotice error={error} title="Could not read the activity log" />}
      {entries === null ? (
        <Skeleton lines={6} label="Loading activity" />
      ) : shown.length === 0 ? (
        <p className="empty-note">{entries.length === 0 ? 'Nothing yet: syncs, rotations, restarts and probes will be listed here.' : 'No entry matches these filters.'}</p>
      ) : (
        <table className="activity" aria-label="Activity entries">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Secret</th>
              <th scope="col">What</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} className={e.undone ? 'undone' : undefined}>
                <td>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
                </td>
                <td>
                  <span className={`kind kind-${e.kind}`}>{e.kind}</span>
                </td>
                <td>{e.secret ?? '—'}</td>
                <td>
                  {e.summary}
                  {e.files.length > 0 && <span className="muted activity-files"> · {e.files.map((f) => f.split(/[\\/]/).slice(-2).join('/')).join(', ')}</span>}
                </td>
                <td className="nowrap">
                  {e.fingerprintBefore !== undefined || e.fingerprintAfter !== undefined ? (
                    <>
                      <Fingerprint value={e.fingerprintBefore ?? null} /> → <Fingerprint value={e.fingerprintAfter ?? null} />
                    </>
                  ) : null}
                </td>
                <td>
                  {e.undone ? (
                    <span className="muted">undone</span>
                  ) : e.undoable ? (
                    <button type="button" className="button button-small button-ghost" onClick={() => void undo(e.id)} aria-label={`Undo: ${e.summary}`}>
                      Undo
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
