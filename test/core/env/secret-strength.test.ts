import { describe, expect, it } from 'vitest';
import { SECRET_KEY, secretWeakness, shannonEntropy } from '../../../electron/core/env/secret-strength.js';

describe('secretWeakness', () => {
  it('spots placeholders', () => {
    for (const v of ['changeme', 'CHANGE_ME', 'secret-key', 'password', 'xxx', 'XXXXXXXX', 'your-api-key-here', 'your_token_here', '<api key>', 'replace-me-please', '...'])
      expect(secretWeakness(v)?.code, v).toBe('PLACEHOLDER_SECRET');
  });
  it('spots short and repetitive values', () => {
    expect(secretWeakness('hsk_abc123')?.code).toBe('SHORT_SECRET');
    expect(secretWeakness('tokenhub_' + 'a'.repeat(64))?.code).toBe('LOW_ENTROPY_SECRET');
    expect(secretWeakness('abababababababababab')?.code).toBe('LOW_ENTROPY_SECRET');
  });
  it('accepts generated keys of the formats we serve', () => {
    expect(secretWeakness('tokenhub_3f9a0c7e1b2d4f6a8c0e2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f0a2c4e6b8d0f1a')).toBeNull();
    expect(secretWeakness('hsk_9Qw3LzX7pN2vR8tY5kM1')).toBeNull();
    expect(secretWeakness('hf_live_Zk29dLq83mWx71PaRt')).toBeNull();
  });
  it('never puts the value in the reason', () => {
    const v = 'zzqq';
    expect(secretWeakness(v)?.reason).not.toContain(v);
  });
});

describe('shannonEntropy and SECRET_KEY', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });
  it('recognises secret-looking keys', () => {
    for (const k of ['API_KEY', 'HIVECFM_HUB_API_KEY', 'JWT_SECRET', 'GITHUB_TOKEN', 'DB_PASSWORD']) expect(SECRET_KEY.test(k), k).toBe(true);
    for (const k of ['PORT', 'NODE_ENV', 'DATABASE_URL']) expect(SECRET_KEY.test(k), k).toBe(false);
  });
});
