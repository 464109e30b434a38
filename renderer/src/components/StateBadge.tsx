/** A drift state as colour AND words (never colour alone). */
import { DRIFT_STATE_LABEL } from '../../../shared/domain.js';
import type { DriftState } from '../../../shared/domain.js';

export function StateBadge({ state, title }: { state: DriftState; title?: string }) {
  return (
    <span className={`badge state-${state}`} data-state={state} title={title}>
      <span className="badge-dot" aria-hidden="true" />
      {DRIFT_STATE_LABEL[state]}
    </span>
  );
}

export const isHealthy = (s: DriftState): boolean => s === 'in-sync';
