/** A labelled path input with a submit button; shows the engine's error (what + fix) under it. */
import { useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';

export function PathForm(props: { id: string; label: string; placeholder: string; action: string; hint?: string; onSubmit(path: string): Promise<ErrorPayload | null> }) {
  const [path, setPath] = useState('');
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    const err = await props.onSubmit(path.trim());
    setBusy(false);
    setError(err);
  };
  return (
    <form className="path-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && <p className="muted">{props.hint}</p>}
      <div className="endpoint-row">
        <input id={props.id} value={path} onChange={(e) => setPath(e.target.value)} placeholder={props.placeholder} spellCheck={false} autoComplete="off" />
        <button type="submit" className="button button-primary" disabled={busy || !path.trim()}>
          {busy ? 'Working…' : props.action}
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}
