import { describe, expect, it } from 'vitest';
import { redactKeys } from '../../../electron/core/issuers/redact.js';

describe('redactKeys', () => {
  it('keeps only a short prefix of every key shape and of named secrets', () => {
    const hsk = 'hsk_0123456789abcdef0123456789abcdef0123';
    const th = `tokenhub_${'a'.repeat(64)}`;
    const hf = 'hf_live_abcdef0123456789abcdef';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';
    const out = redactKeys(`a ${hsk} b ${th} c ${hf} d ${jwt} e custom-secret-value`, ['custom-secret-value']);
    for (const s of [hsk, th, hf, jwt, 'custom-secret-value']) expect(out).not.toContain(s);
    expect(out).toContain('hsk_0123…');
    expect(out).toContain('hf_live_abcd…');
    expect(out).toContain('cust…');
  });
  it('leaves ordinary text alone', () => {
    expect(redactKeys('Insufficient scope')).toBe('Insufficient scope');
  });
});
