/**
 * Is a secret's value a placeholder or too weak? Judged without ever returning the value.
 */

/** Keys that look like they hold a secret. */
export const SECRET_KEY = /KEY|SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE/i;

export const MIN_SECRET_LENGTH = 16;
/** Bits per character below which a value is too repetitive to be a real key. */
export const MIN_ENTROPY_BITS_PER_CHAR = 3;

const PLACEHOLDERS = new Set([
  'changeme', 'change-me', 'change_me', 'changeit', 'secret', 'secret-key', 'secret_key', 'secretkey', 'mysecret', 'password',
  'passw0rd', 'password1', 'password123', 'pass', 'admin', 'root', 'test', 'testing', 'dummy', 'example', 'sample', 'placeholder',
  'todo', 'tbd', 'fixme', 'replace-me', 'replaceme', 'replace_me', 'none', 'null', 'undefined', 'default', 'key', 'token', 'api-key',
  'apikey', 'api_key', 'foo', 'bar', 'foobar', 'abc123', '123456', '12345678', 'qwerty', 'letmein',
]);

/**
 * Example values printed in the documentation of the systems Keyhive serves (HiveCFM's 401
 * runbook, Hogsend's, TokenHub's and HiveForge's key docs). They pass a format check, but they
 * are placeholders: the runbook even tells people to paste the first one.
 */
export const DOCUMENTATION_EXAMPLES: ReadonlySet<string> = new Set([
  'hivecfm-hub-secret-key',
  'hsk_your-secret-admin-key-at-least-32-chars',
  'hsk_abc123def456ghi789jkl012mno345pqr678',
  'hsk_abc123def456ghi789',
  'tokenhub_a1b2c3d4e5f6789012345678abcdef0123456789abcdef0123456789abcdef01',
  'tokenhub_a1b2c3d4',
  'hf_live_a1b2c3d4e5f6',
  'hf_test_x9y8z7w6v5u4',
  'your-api-key',
  'your-secret-admin-key-at-least-32-chars',
]);

/** Is the value (or its start, for the docs' truncated `…` examples) one of the documentation's examples? */
export function isDocumentationExample(value: string): boolean {
  const v = value.trim();
  if (DOCUMENTATION_EXAMPLES.has(v)) return true;
  // The docs show some keys cut short ("hsk_abc123def456ghi789...", "hf_live_a1b2c3d4e5f6..."): a value starting with one is copied.
  return ['hsk_abc123def456ghi789', 'tokenhub_a1b2c3d4e5f6789012345678abcdef', 'hf_live_a1b2c3d4e5f6', 'hf_test_x9y8z7w6v5u4'].some((p) => v.startsWith(p));
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...value].length;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export type SecretWeakness = { code: 'PLACEHOLDER_SECRET' | 'SHORT_SECRET' | 'LOW_ENTROPY_SECRET'; reason: string };

export function secretWeakness(value: string): SecretWeakness | null {
  if (isDocumentationExample(value)) return { code: 'PLACEHOLDER_SECRET', reason: "the value is an example from the system's documentation, not a real key" };
  const v = value.trim().toLowerCase();
  const bare = v.replace(/^[<[{(]+|[>\]})]+$/g, '');
  if (
    PLACEHOLDERS.has(bare) || /^x{3,}$/.test(bare) || /^\*{3,}$/.test(bare) || /^\.{3,}$/.test(bare) || /^(your|my|insert|put|enter|add)[-_ ].*[-_ ]?(here|key|secret|token|password)$/.test(bare) ||
    /[-_ ]here$/.test(bare) || /^<.*>$/.test(v) || /^(change|replace)[-_ ]?(me|this|it)/.test(bare)
  ) {
    return { code: 'PLACEHOLDER_SECRET', reason: 'the value is a placeholder, not a real secret' };
  }
  const len = [...value].length;
  if (len < MIN_SECRET_LENGTH) return { code: 'SHORT_SECRET', reason: `the value is only ${len} character${len === 1 ? '' : 's'} long (want at least ${MIN_SECRET_LENGTH})` };
  const h = shannonEntropy(value);
  if (h < MIN_ENTROPY_BITS_PER_CHAR) return { code: 'LOW_ENTROPY_SECRET', reason: `the value is too repetitive to be a generated key (${h.toFixed(1)} bits per character, want ${MIN_ENTROPY_BITS_PER_CHAR}+)` };
  return null;
}
