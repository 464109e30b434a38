import { describe, expect, it } from 'vitest';
import { fingerprint, newFingerprintKey } from '../../../electron/core/secrets/fingerprint.js';

describe('fingerprint', () => {
  it('is 8 hex chars, equal for equal values under one key, different under another key', () => {
    const k1 = newFingerprintKey();
    const k2 = newFingerprintKey();
    const a = fingerprint(k1, 'hivecfm-hub-secret-key');
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(fingerprint(k1, 'hivecfm-hub-secret-key')).toBe(a);
    expect(fingerprint(k1, 'hivecfm-hub-secret-kez')).not.toBe(a);
    expect(fingerprint(k2, 'hivecfm-hub-secret-key')).not.toBe(a);
  });
  it('is null for absent or empty values', () => {
    expect(fingerprint('k', '')).toBeNull();
    expect(fingerprint('k', null)).toBeNull();
    expect(fingerprint('k', undefined)).toBeNull();
  });
});
