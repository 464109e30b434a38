/** A long operation step by step (rotation, sync with restart). Fixed row height: no jumps. */
import type { StepState } from '../../../shared/domain.js';
import type { OperationView } from '../stores/operations-slice.js';
import { Countdown } from './Countdown.js';

const STEP_WORD: Record<StepState, string> = {
  pending: 'Waiting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  'rolled-back': 'Rolled back',
  skipped: 'Skipped',
};
const STEP_MARK: Record<StepState, string> = { pending: '○', running: '◌', done: '✓', failed: '✕', 'rolled-back': '↺', skipped: '–' };

export function ProgressSteps({ op, title }: { op: OperationView; title: string }) {
  const outcome = !op.finished ? 'running' : op.ok ? 'ok' : 'failed';
  return (
    <section className={`progress progress-${outcome}`} aria-label={title}>
      <header className="progress-head">
        <h3>{title}</h3>
        <span className="progress-outcome" role="status">
          {outcome === 'running' ? 'In progress…' : outcome === 'ok' ? 'Completed' : 'Failed'}
        </span>
      </header>
      <ol className="steps">
        {op.steps.map((s) => (
          <li key={s.step} className={`step step-${s.state}`} data-state={s.state}>
            <span className="step-mark" aria-hidden="true">
              {STEP_MARK[s.state]}
            </span>
            <span className="step-label">{s.label}</span>
            <span className="step-state">{STEP_WORD[s.state]}</span>
            {s.detail && <span className="step-detail">{s.detail}</span>}
            {s.until && s.state === 'running' && <Countdown key={s.until} until={s.until} label="Re-checking the old key" />}
          </li>
        ))}
      </ol>
      {op.summary && <p className="progress-summary">{op.summary}</p>}
    </section>
  );
}
