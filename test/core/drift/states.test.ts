import { describe, expect, it } from 'vitest';
import { DriftState } from '../../../shared/domain.js';
import { STATE_SEVERITY, sortBySeverity, worstState } from '../../../electron/core/drift/states.js';

describe('drift state order', () => {
  it('ranks every DriftState exactly once, in-sync last', () => {
    expect([...STATE_SEVERITY].sort()).toEqual([...DriftState.options].sort());
    expect(STATE_SEVERITY.at(-1)).toBe('in-sync');
  });
  it('picks the worst state, in-sync for none', () => {
    expect(worstState([])).toBe('in-sync');
    expect(worstState(['in-sync', 'no-keychain-entry', 'drifted'])).toBe('drifted');
    expect(worstState(['drifted', 'shadowed'])).toBe('shadowed');
    expect(worstState(['stale-container', 'missing'])).toBe('missing');
  });
  it('sorts worst first without duplicates', () => {
    expect(sortBySeverity(['in-sync', 'drifted', 'missing', 'drifted'])).toEqual(['missing', 'drifted', 'in-sync']);
  });
});
