/** One leak finding: what, where, since which commit, still present or only in history, and its fix. */
import type { ScanFinding } from '../../../../shared/scan.js';
import { useApp } from '../../stores/store-context.js';

const ENCODING_WORD: Record<ScanFinding['encoding'], string> = { raw: 'as is', base64: 'base64-encoded', url: 'URL-encoded', json: 'JSON-escaped', quoted: 'shell-quoted' };

function title(f: ScanFinding): string {
  if (f.kind === 'managed') return `${f.secret} leaked`;
  if (f.kind === 'unignored-env') return 'Env file git would commit';
  return `A ${f.system} key nobody manages`;
}

function place(f: ScanFinding): string {
  const file = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : null;
  return [f.image ? `image ${f.image}` : null, file].filter(Boolean).join(' · ') || f.where;
}

export function FindingItem({ finding: f, onIgnore }: { finding: ScanFinding; onIgnore: (file: string) => void }) {
  const rotate = useApp((s) => s.rotate);
  const busy = useApp((s) => s.busy);
  const managedHere = useApp((s) => (f.secret ? (s.status?.secrets ?? []).some((x) => x.name === f.secret) : false));
  const severity = f.kind === 'pattern' ? 'warning' : 'error';
  return (
    <li className={`check-item sev-${severity}`} data-kind={f.kind}>
      <span className="check-mark" aria-hidden="true">
        {severity === 'error' ? '✕' : '!'}
      </span>
      <div className="check-body">
        <h3>{title(f)}</h3>
        <p>
          <code>{place(f)}</code> — {f.where}
          {f.kind !== 'unignored-env' && `, ${ENCODING_WORD[f.encoding]}`}
        </p>
        {f.commit && (
          <p className="muted">
            Since commit <code>{f.commit.slice(0, 12)}</code> · {f.inHead ? 'still in HEAD' : 'only in history'}
          </p>
        )}
        {f.kind === 'managed' && <p className="notice-fix">Fix: rotate {f.secret} now (a new value everywhere), then remove the old one from {f.commit ? 'the history' : f.image ? 'the image' : 'the file'}.</p>}
        {f.kind === 'pattern' && <p className="notice-fix">Fix: revoke or rotate this {f.system} key, or manage it with Keyhive.</p>}
      </div>
      {f.kind === 'managed' && f.secret && managedHere && (
        <button type="button" className="button button-small button-primary" onClick={() => void rotate(f.secret!)} disabled={busy !== null} aria-label={`Rotate ${f.secret} now (${place(f)})`}>
          {busy === `rotate:${f.secret}` ? 'Rotating…' : 'Rotate now'}
        </button>
      )}
      {f.kind === 'unignored-env' && f.file && (
        <button type="button" className="button button-small button-primary" onClick={() => onIgnore(f.file!)} aria-label={`Add ${f.file} to .gitignore`}>
          Add to .gitignore
        </button>
      )}
    </li>
  );
}
