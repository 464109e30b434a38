/**
 * Values copied from the four systems' own documentation are placeholders, not keys — even
 * when they have the right format (the HiveCFM runbook tells people to paste the first one).
 */
import { describe, expect, it } from 'vitest';
import { lintEnv } from '../../../electron/core/env/diagnostics.js';
import { DOCUMENTATION_EXAMPLES, isDocumentationExample, secretWeakness } from '../../../electron/core/env/secret-strength.js';
import { validate } from '../../../electron/core/keys/registry.js';

describe('documentation example values', () => {
  it('the runbook and Hogsend examples pass the format check but the weak-secret lint names them', () => {
    expect(validate('hogsend', 'hsk_your-secret-admin-key-at-least-32-chars').ok).toBe(true);
    expect(validate('hivecfm-hub', 'hivecfm-hub-secret-key').ok).toBe(true);
    const codes = lintEnv('API_KEY=hivecfm-hub-secret-key\nADMIN_API_KEY=hsk_your-secret-admin-key-at-least-32-chars\n').map((d) => `${d.line} ${d.code}`);
    expect(codes).toEqual(['1 PLACEHOLDER_SECRET', '2 PLACEHOLDER_SECRET']);
  });

  it('every example in the docs (and the truncated ones) is a placeholder; the reason never holds the value', () => {
    for (const v of DOCUMENTATION_EXAMPLES) {
      const w = secretWeakness(v);
      expect(w?.code, v).toBe('PLACEHOLDER_SECRET');
      expect(w?.reason).not.toContain(v);
    }
    expect(isDocumentationExample('tokenhub_a1b2c3d4e5f6789012345678abcdef0123456789abcdef0123456789abcdef01')).toBe(true);
    expect(isDocumentationExample('hsk_abc123def456ghi789jkl012mno345pqr999')).toBe(true);
    expect(isDocumentationExample('hf_live_a1b2c3d4e5f6aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(true);
  });

  it('real generated keys are not', () => {
    expect(isDocumentationExample(`tokenhub_${'0f'.repeat(32)}`)).toBe(false);
    expect(secretWeakness('hsk_Q8r2LmZ0vT4xW9yB1nC6dE3fG7hJ5kP0aS')).toBeNull();
  });
});
