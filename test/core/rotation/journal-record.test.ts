import { describe, expect, it } from 'vitest';
import { isFinished, JournalRecord } from '../../../electron/core/rotation/journal-record.js';

const base = {
  version: 1,
  operationId: 'rot-1',
  operation: 'rotate',
  workspaceId: 'ws',
  workspaceFile: '/k.yaml',
  phase: 'forward',
  steps: [{ id: 'a', label: 'A', state: 'pending' }],
  data: { fingerprintBefore: 'abcd1234', services: ['hub', 'core'], n: 1, nested: { ok: true } },
  pid: 42,
  startedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('JournalRecord', () => {
  it('accepts a record with JSON facts and round-trips through JSON', () => {
    const r = JournalRecord.parse(base);
    expect(JournalRecord.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });
  it('rejects ids that could escape the journal directory and unknown phases', () => {
    expect(JournalRecord.safeParse({ ...base, operationId: '../etc/passwd' }).success).toBe(false);
    expect(JournalRecord.safeParse({ ...base, phase: 'half-done' }).success).toBe(false);
  });
  it('is finished only when committed or rolled back', () => {
    expect(isFinished(JournalRecord.parse({ ...base, phase: 'committed' }))).toBe(true);
    expect(isFinished(JournalRecord.parse({ ...base, phase: 'rolled-back' }))).toBe(true);
    expect(isFinished(JournalRecord.parse({ ...base, phase: 'stuck' }))).toBe(false);
  });
});
