import { describe, expect, it } from 'vitest';
import { compilePattern, customFormat } from '../../../electron/core/keys/custom-format.js';

describe('custom formats', () => {
  it('validates against the anchored pattern and generates matching values', () => {
    const f = customFormat('acme', { pattern: 'acme_[a-z0-9]{40}', generate: { prefix: 'acme_', alphabet: 'alphanumeric-lower', length: 40 } });
    for (let i = 0; i < 20; i++) expect(f.validate(f.generate())).toEqual({ ok: true });
    expect(f.validate('xacme_' + 'a'.repeat(40))).toMatchObject({ ok: false }); // anchored at the start
    expect(f.validate('acme_' + 'a'.repeat(41))).toMatchObject({ ok: false }); // and at the end
    expect(f.origin).toBe('workspace');
    expect(f.entropyBits).toBeCloseTo(40 * Math.log2(36), 5);
    expect(f.description).toContain('below the recommended 256 bits');
  });

  it('uses the workspace description when given', () => {
    const f = customFormat('x', { pattern: '.+', generate: { prefix: '', alphabet: 'hex', length: 64 }, description: 'Our own.' });
    expect(f.description).toBe('Our own.');
  });

  it('reports an invalid pattern instead of throwing', () => {
    expect(compilePattern('(unclosed')).toMatchObject({ ok: false });
    const f = customFormat('bad', { pattern: '(unclosed', generate: { prefix: '', alphabet: 'hex', length: 64 } });
    expect(f.validate('abc')).toMatchObject({ ok: false, reason: expect.stringContaining('invalid pattern') });
  });

  it('the reason names the format, never the value', () => {
    const f = customFormat('acme', { pattern: 'acme_\\d+', generate: { prefix: 'acme_', alphabet: 'hex', length: 64 } });
    const r = f.validate('TopSecretValue');
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('acme') });
    expect(JSON.stringify(r)).not.toContain('TopSecretValue');
  });
});
