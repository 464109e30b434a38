import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProgressSteps } from '../../../renderer/src/components/ProgressSteps.js';
import type { OperationView } from '../../../renderer/src/stores/operations-slice.js';

const step = (s: string, state: OperationView['steps'][number]['state'], detail?: string) => ({
  operationId: 'o', operation: 'rotate' as const, step: s, label: `Step ${s}`, state, at: '2026-11-25T07:00:00.000Z', ...(detail ? { detail } : {}),
});

describe('ProgressSteps', () => {
  it('names every step state in words and the outcome', () => {
    const op: OperationView = {
      operationId: 'o', operation: 'rotate', steps: [step('a', 'done'), step('b', 'failed', 'probe got 401'), step('c', 'rolled-back'), step('d', 'skipped')],
      finished: true, ok: false, summary: 'Rolled back: the new key failed the probe.',
    };
    render(<ProgressSteps op={op} title="Rotation progress" />);
    const region = screen.getByRole('region', { name: 'Rotation progress' });
    expect(within(region).getByRole('status')).toHaveTextContent('Failed');
    const items = within(region).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['✓Step aDone', '✕Step bFailedprobe got 401', '↺Step cRolled back', '–Step dSkipped']);
    expect(region).toHaveTextContent('Rolled back: the new key failed the probe.');
  });

  it('says it is in progress while running', () => {
    render(<ProgressSteps op={{ operationId: 'o', operation: 'sync', steps: [step('a', 'running')], finished: false }} title="Sync progress" />);
    expect(screen.getByRole('status')).toHaveTextContent('In progress…');
  });
});
