import { describe, expect, it } from 'vitest';
import { BUILTIN_FORMATS, MIN_GENERATED_BITS } from '../../../electron/core/keys/formats.js';

const byName = (n: string) => {
  const f = BUILTIN_FORMATS.find((x) => x.name === n);
  if (!f) throw new Error(`no format ${n}`);
  return f;
};

describe('built-in formats', () => {
  it('every built-in generates values that validate, with ≥ 256 bits, all different', () => {
    for (const f of BUILTIN_FORMATS) {
      expect(f.entropyBits, f.name).toBeGreaterThanOrEqual(MIN_GENERATED_BITS);
      const seen = new Set<string>();
      for (let i = 0; i < 50; i++) {
        const v = f.generate();
        expect(f.validate(v), `${f.name}`).toEqual({ ok: true });
        seen.add(v);
      }
      expect(seen.size).toBe(50);
    }
  });

  it('generated shapes match the documented formats', () => {
    expect(byName('tokenhub').generate()).toMatch(/^tokenhub_[0-9a-f]{64}$/);
    expect(byName('hogsend').generate()).toMatch(/^hsk_[A-Za-z0-9]{43}$/);
    expect(byName('hivecfm-hub').generate()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(byName('hiveforge-live').generate()).toMatch(/^hf_live_[A-Za-z0-9]{43}$/);
    expect(byName('hiveforge-test').generate()).toMatch(/^hf_test_[A-Za-z0-9]{43}$/);
    expect(byName('hiveforge').generate()).toMatch(/^hf_test_/); // local default: sandbox
  });

  it('tokenhub: exactly 64 lowercase hex after the prefix', () => {
    const f = byName('tokenhub');
    const hex = 'a1b2c3d4e5f6789012345678abcdef0123456789abcdef0123456789abcdef01';
    expect(f.validate(`tokenhub_${hex}`)).toEqual({ ok: true });
    expect(f.validate(`tokenhub_${hex.toUpperCase()}`)).toMatchObject({ ok: false, reason: expect.stringContaining('lowercase') });
    expect(f.validate(`tokenhub_${hex}0`)).toMatchObject({ ok: false, reason: expect.stringContaining('65') });
    expect(f.validate(`tokenhub_${hex.slice(1)}g`)).toMatchObject({ ok: false, reason: expect.stringContaining('hex') });
    expect(f.validate(hex)).toMatchObject({ ok: false, reason: expect.stringContaining('tokenhub_') });
  });

  it('hogsend: at least 32 characters; the hsk_ prefix is a convention (a warning, not a refusal)', () => {
    const f = byName('hogsend');
    expect(f.validate('hsk_your-secret-admin-key-at-least-32-chars')).toEqual({ ok: true });
    expect(f.validate('hsk_' + 'a'.repeat(28))).toEqual({ ok: true });
    expect(f.validate('hsk_' + 'a'.repeat(27))).toMatchObject({ ok: false, reason: expect.stringContaining('31 characters') });
    expect(f.validate('sk_' + 'a'.repeat(40))).toMatchObject({ ok: true, warning: expect.stringContaining('hsk_') });
    expect(f.validate('a'.repeat(31))).toMatchObject({ ok: false, reason: expect.stringContaining('at least 32') });
    expect(f.validate('hsk_' + 'a'.repeat(20) + ' ' + 'b'.repeat(10))).toMatchObject({ ok: false });
  });

  it('hiveforge: live, test, or either — 32+ alphanumerics', () => {
    const live = 'hf_live_' + 'A1'.repeat(16);
    const test = 'hf_test_' + 'z9'.repeat(16);
    expect(byName('hiveforge').validate(live)).toEqual({ ok: true });
    expect(byName('hiveforge').validate(test)).toEqual({ ok: true });
    expect(byName('hiveforge-live').validate(test)).toMatchObject({ ok: false });
    expect(byName('hiveforge-test').validate(live)).toMatchObject({ ok: false });
    expect(byName('hiveforge').validate('hf_test_short')).toMatchObject({ ok: false, reason: expect.stringContaining('at least 32') });
    expect(byName('hiveforge').validate('hf_test_' + 'a'.repeat(31) + '-')).toMatchObject({ ok: false, reason: expect.stringContaining('letters or digits') });
  });

  it('hivecfm-hub accepts any non-empty opaque token, warns on short ones, refuses whitespace', () => {
    const f = byName('hivecfm-hub');
    expect(f.validate('hivecfm-hub-secret-key')).toEqual({ ok: true });
    expect(f.validate('')).toMatchObject({ ok: false });
    expect(f.validate('short')).toMatchObject({ ok: true, warning: expect.stringContaining('short') });
    expect(f.validate('two words here long enough')).toMatchObject({ ok: false });
  });

  it('generic accepts anything non-empty, warning under 16 characters', () => {
    const f = byName('generic');
    expect(f.validate('x')).toMatchObject({ ok: true, warning: expect.any(String) });
    expect(f.validate('a-long-enough-generic-value')).toEqual({ ok: true });
    expect(f.validate('')).toMatchObject({ ok: false });
    expect(f.validate('line\nbreak-and-more-chars')).toMatchObject({ ok: false });
  });

  it('never puts the value into a reason or warning', () => {
    const secrets = ['hsk_S3cr3tValue', 'tokenhub_NOTHEX-S3cr3tValue-0000000000000000000000000000000000000000000', 'hf_live_S3cr3t!', 'S3cr3t', 'S3cr3t Value With Spaces'];
    for (const f of BUILTIN_FORMATS) {
      for (const v of secrets) {
        const r = f.validate(v);
        const text = 'reason' in r ? r.reason : (r.warning ?? '');
        expect(text, `${f.name}`).not.toContain('S3cr3t');
      }
    }
  });
});
