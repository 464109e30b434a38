/** The overview picture: services and the secrets between them, each link with its state in words. */
import { DRIFT_STATE_LABEL } from '../../../../shared/domain.js';
import type { WorkspaceStatus } from '../../../../shared/domain.js';
import { NODE_H, NODE_W, layoutGraph } from './graph-layout.js';

export function ServiceGraph({ status, onSelect }: { status: WorkspaceStatus; onSelect(secret: string): void }) {
  const g = layoutGraph(status);
  const summary = g.links.map((l) => `${l.secret}: ${l.from} to ${l.to}, ${DRIFT_STATE_LABEL[l.state]}`).join('; ');
  return (
    <figure className="graph">
      <svg
        viewBox={`0 0 ${g.width} ${g.height}`}
        width={g.width}
        height={g.height}
        className="graph-svg"
        role="group"
        aria-label={`Services and shared secrets. ${summary}`}
      >
        {g.links.map((l) => (
          <g
            key={l.id}
            className={`link state-${l.state}`}
            data-state={l.state}
            data-secret={l.secret}
            role="button"
            tabIndex={0}
            aria-label={`${l.secret} between ${l.from} and ${l.to}: ${DRIFT_STATE_LABEL[l.state]}. Open details.`}
            onClick={() => onSelect(l.secret)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(l.secret);
              }
            }}
          >
            <path d={l.path} className="link-line" />
            {l.ends.map((end, i) => (
              <g key={i} className="link-end">
                <text x={end.x} y={end.y - 8} textAnchor={end.anchor} className="end-var">
                  {end.var.length > 24 ? `${end.var.slice(0, 23)}…` : end.var}
                </text>
                <text x={end.x} y={end.y + 16} textAnchor={end.anchor} className="end-fp">
                  {end.fingerprint ?? 'not set'}
                </text>
              </g>
            ))}
            <g transform={`translate(${l.labelX} ${l.labelY})`}>
              <rect x={-96} y={-27} width={192} height={54} rx={8} className="link-label-bg" />
              <text className="link-secret" y={-10} textAnchor="middle">
                {l.secret.length > 26 ? `${l.secret.slice(0, 25)}…` : l.secret}
              </text>
              <text className="link-state" y={6} textAnchor="middle">
                {l.state === 'in-sync' ? '✓ ' : '! '}
                {DRIFT_STATE_LABEL[l.state]}
              </text>
              <text className="link-keychain" y={20} textAnchor="middle">
                keychain {l.keychainFingerprint ?? '— none'}
              </text>
            </g>
          </g>
        ))}
        {g.nodes.map((n) => (
          <g key={n.service} className="node" transform={`translate(${n.x} ${n.y})`}>
            <rect width={NODE_W} height={NODE_H} rx={9} className="node-box" />
            <text x={14} y={21} className="node-name">
              {n.service.length > 22 ? `${n.service.slice(0, 21)}…` : n.service}
            </text>
            <text x={14} y={37} className="node-mode">
              {n.runMode === 'docker' ? 'Docker' : 'native'}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
