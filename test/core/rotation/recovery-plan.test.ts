import { describe, expect, it } from 'vitest';
import type { JournalRecord, JournalStep } from '../../../electron/core/rotation/journal-record.js';
import { planRecovery } from '../../../electron/core/rotation/recovery-plan.js';

const shape = [{ id: 'backup' }, { id: 'write' }, { id: 'probe', commits: true }, { id: 'cleanup' }];
function rec(phase: JournalRecord['phase'], states: JournalStep['state'][]): JournalRecord {
  return {
    version: 1,
    operationId: 'x',
    operation: 'rotate',
    workspaceId: 'ws',
    workspaceFile: '/k.yaml',
    phase,
    steps: shape.map((s, i) => ({ id: s.id, label: s.id, state: states[i] ?? 'pending' })),
    data: {},
    pid: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('planRecovery', () => {
  it('rolls back every started step, newest first, before the commit step is done', () => {
    expect(planRecovery(rec('forward', ['done', 'running']), shape)).toMatchObject({ action: 'rollback', steps: ['write', 'backup'] });
    expect(planRecovery(rec('forward', ['done', 'done', 'running']), shape)).toMatchObject({ action: 'rollback', steps: ['probe', 'write', 'backup'] });
    expect(planRecovery(rec('forward', []), shape)).toMatchObject({ action: 'rollback', steps: [] });
  });
  it('completes the remaining steps once the commit step is done', () => {
    expect(planRecovery(rec('forward', ['done', 'done', 'done', 'running']), shape)).toMatchObject({ action: 'complete', steps: ['cleanup'] });
    expect(planRecovery(rec('forward', ['done', 'done', 'done']), shape)).toMatchObject({ action: 'complete', steps: ['cleanup'] });
  });
  it('finishes an interrupted or stuck roll-back and leaves finished journals alone', () => {
    expect(planRecovery(rec('compensating', ['done', 'rolled-back']), shape)).toMatchObject({ action: 'rollback', steps: ['backup'] });
    expect(planRecovery(rec('stuck', ['done', 'failed']), shape)).toMatchObject({ action: 'rollback', steps: ['write', 'backup'] });
    expect(planRecovery(rec('committed', ['done', 'done', 'done', 'done']), shape).action).toBe('nothing');
    expect(planRecovery(rec('rolled-back', ['rolled-back']), shape).action).toBe('nothing');
  });
  it('refuses to act on a journal naming a step it does not know', () => {
    const r = rec('forward', ['done']);
    r.steps.push({ id: 'mystery', label: 'mystery', state: 'running' });
    const plan = planRecovery(r, shape);
    expect(plan.action).toBe('nothing');
    expect(plan.reason).toContain('mystery');
  });
});
