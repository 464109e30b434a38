import { describe, expect, it } from 'vitest';
import { BUILTIN_FORMAT_NAMES, describe as describeFormat, generate, keyFormats, validate } from '../../../electron/core/keys/registry.js';
import { KeyhiveError } from '../../../shared/errors.js';

describe('keyFormats registry', () => {
  it('has every built-in and the workspace formats', () => {
    const reg = keyFormats({ formats: { acme: { pattern: 'acme_[0-9a-f]{64}', generate: { prefix: 'acme_', alphabet: 'hex', length: 64 } } } });
    expect(reg.names()).toEqual([...BUILTIN_FORMAT_NAMES, 'acme']);
    expect(BUILTIN_FORMAT_NAMES).toEqual(['generic', 'hivecfm-hub', 'hogsend', 'tokenhub', 'hiveforge-live', 'hiveforge-test', 'hiveforge']);
    const v = reg.generate('acme');
    expect(reg.validate('acme', v)).toEqual({ ok: true });
    expect(reg.describe('acme')).toContain('acme');
  });

  it('a workspace cannot shadow a built-in', () => {
    const reg = keyFormats({ formats: { tokenhub: { pattern: '.*', generate: { prefix: '', alphabet: 'hex', length: 16 } } } });
    expect(reg.get('tokenhub').origin).toBe('builtin');
    expect(reg.validate('tokenhub', 'anything')).toMatchObject({ ok: false });
  });

  it('an unknown format is NOT_FOUND listing the known ones', () => {
    const reg = keyFormats();
    try {
      reg.get('nope');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KeyhiveError);
      expect((e as KeyhiveError).code).toBe('NOT_FOUND');
      expect((e as KeyhiveError).fix).toContain('tokenhub');
    }
  });

  it('module-level helpers work on the built-ins', () => {
    expect(validate('tokenhub', generate('tokenhub'))).toEqual({ ok: true });
    expect(describeFormat('hogsend')).toContain('hsk_');
  });
});
