import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSecretStatus } from '../../../electron/core/drift/secret.js';
import type { SecretObservation } from '../../../electron/core/drift/model.js';
import { binding, file, fp, opts } from './helpers.js';

const secretOf = (keychain: string | null, hub: string | undefined, core: string | undefined, format = 'generic'): SecretObservation => ({
  name: 'hub-api-key',
  format,
  keychainValue: keychain,
  bindings: [binding('hub', [file('/ws/hub/.env', hub)]), { ...binding('core', [file('/ws/core/.env', core)]), var: 'HIVECFM_HUB_API_KEY', role: 'client' }],
});

describe('computeSecretStatus', () => {
  it('is in-sync when both sides hold the keychain value', () => {
    const s = computeSecretStatus(secretOf('K', 'K', 'K'), opts);
    expect(s.state).toBe('in-sync');
    expect(s.keychainFingerprint).toBe(fp('K'));
    expect(s.bindings.map((b) => [b.state, b.fingerprint, b.detail])).toEqual([
      ['in-sync', fp('K'), undefined],
      ['in-sync', fp('K'), undefined],
    ]);
  });

  it('marks the side that differs from the keychain as drifted, the other in-sync', () => {
    const s = computeSecretStatus(secretOf('K', 'K', 'X'), opts);
    expect(s.state).toBe('drifted');
    expect(s.bindings.map((b) => b.state)).toEqual(['in-sync', 'drifted']);
    expect(s.bindings[1]?.detail).toContain(`differs from the keychain (${fp('K')})`);
    expect(s.bindings[1]?.detail).toContain('keyhive sync hub-api-key');
  });

  it('without a keychain entry and a tie, every present side is drifted', () => {
    const s = computeSecretStatus(secretOf(null, 'A', 'B'), opts);
    expect(s.bindings.map((b) => b.state)).toEqual(['drifted', 'drifted']);
  });

  it('sides that agree with each other but not the keychain: keychain-mismatch', () => {
    const s = computeSecretStatus(secretOf('K', 'A', 'A'), opts);
    expect(s.state).toBe('keychain-mismatch');
    expect(s.bindings.every((b) => b.state === 'keychain-mismatch')).toBe(true);
  });

  it('sides that agree and no keychain entry: no-keychain-entry with the import hint', () => {
    const s = computeSecretStatus(secretOf(null, 'A', 'A'), opts);
    expect(s.state).toBe('no-keychain-entry');
    expect(s.keychainFingerprint).toBeNull();
    expect(s.bindings[0]?.detail).toContain('keyhive import hub-api-key --from hub');
  });

  it('a missing side makes the secret missing; the other side is judged on its own', () => {
    const s = computeSecretStatus(secretOf('K', 'K', undefined), opts);
    expect(s.state).toBe('missing');
    expect(s.bindings.map((b) => b.state)).toEqual(['in-sync', 'missing']);
    expect(s.bindings[1]?.fingerprint).toBeNull();
  });

  it('reports an invalid format per binding and warns about an invalid keychain value', () => {
    const s = computeSecretStatus(secretOf('NOT-HEX', 'NOT-HEX', 'NOT-HEX', 'hex'), opts);
    expect(s.state).toBe('invalid-format');
    expect(s.bindings[0]?.detail).toContain('use lowercase hex only');
    expect(s.warnings.join()).toContain('keychain value of hub-api-key is not a valid hex key');
  });

  it('shadowed beats drifted and the detail explains both', () => {
    const obs = secretOf('K', 'K', undefined);
    obs.bindings[1] = { ...binding('core', [file('/ws/core/.env', 'K', 1), file('/ws/core/.env.local', 'OLD', 1)]), var: 'HIVECFM_HUB_API_KEY' };
    const s = computeSecretStatus(obs, opts);
    expect(s.state).toBe('shadowed');
    expect(s.bindings[1]?.detail).toMatch(/overrides .* Also: .*differs from the keychain/);
  });

  it('no value in any output field', () => {
    const v = 'hsk_live_value_that_must_not_leak';
    const s = computeSecretStatus(secretOf(v + '1', v + '2', v + '3', 'hex'), opts);
    expect(JSON.stringify(s)).not.toContain(v);
  });
});

describe('computeSecretStatus — properties', () => {
  const value = fc.constantFrom('alpha-value-1', 'bravo-value-2', 'charlie-value-3', '');
  const maybe = fc.option(value, { nil: undefined });
  const side = fc.record({ base: maybe, local: maybe });
  it('in-sync exactly when every side sees the keychain value without shadowing; never a value in the output', () => {
    fc.assert(
      fc.property(fc.option(value, { nil: null }), fc.array(side, { minLength: 1, maxLength: 4 }), (keychain, sides) => {
        const obs: SecretObservation = {
          name: 's',
          format: 'generic',
          keychainValue: keychain,
          bindings: sides.map((sd, i) => binding(`svc${i}`, [file(`/ws/svc${i}/.env`, sd.base, 1), file(`/ws/svc${i}/.env.local`, sd.local, 1)])),
        };
        const status = computeSecretStatus(obs, opts);
        const k = keychain === '' ? null : keychain;
        const expectedInSync = sides.every((sd) => {
          const seen = sd.local ?? sd.base;
          const shadow = sd.local !== undefined && sd.base !== undefined && sd.local !== sd.base;
          return k !== null && seen === k && !shadow;
        });
        expect(status.state === 'in-sync').toBe(expectedInSync);
        status.bindings.forEach((b, i) => {
          const sd = sides[i]!;
          const seen = sd.local ?? sd.base;
          if (seen === undefined || seen === '') expect(b.state).toBe('missing');
          if (b.state !== 'in-sync') expect(b.detail).toBeTruthy();
          expect(b.fingerprint).toBe(fp(seen));
        });
        const text = JSON.stringify(status);
        for (const v of ['alpha-value-1', 'bravo-value-2', 'charlie-value-3']) expect(text).not.toContain(v);
      }),
      { numRuns: 2000 },
    );
  });
});
