import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fingerprint, fingerprinter, newFingerprintKey } from '../../../electron/core/secrets/fingerprint.js';

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

describe('fingerprinter', () => {
  it('gives exactly fingerprint() (HMAC-SHA256) for any key and value, long keys and Unicode included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 140 }), fc.uint8Array({ maxLength: 140 })), fc.string({ unit: 'binary', maxLength: 60 }), (key, value) => {
        expect(fingerprinter(key)(value)).toBe(fingerprint(key, value));
      }),
      { numRuns: 2000 },
    );
    const f = fingerprinter(newFingerprintKey());
    expect([f(''), f(null), f(undefined)]).toEqual([null, null, null]);
  });
});
