/**
 * The documented key shapes of the systems Keyhive serves, for keys nobody manages yet, and the
 * example values their documentation prints (placeholders: lower severity). The shapes follow
 * the built-in key formats (electron/core/keys/formats.ts); the example values are the ones the
 * systems' published docs use, so a pasted quick-start is recognised as such.
 */
import { secretWeakness } from '../env/secret-strength.js';

export type KeySystem = 'hogsend' | 'tokenhub' | 'hiveforge';

export interface KeyPattern {
  system: KeySystem;
  /** The literal prefix the automaton looks for. */
  prefix: string;
  /** The fewest key bytes (letters, digits, `-`, `_`, prefix included) a key of this shape has: a shorter run is not one. */
  minLength: number;
  /** Length of the key starting at the prefix (0 = not this shape). */
  match(text: string): number;
}

const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isHexLower = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102);

/** Generated keys mix letters and digits; an identifier such as `hsk_api_key_from_the_environment` does not. */
function mixed(text: string, from: number, to: number): boolean {
  let letter = false;
  let digit = false;
  for (let i = from; i < to && !(letter && digit); i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letter = true;
  }
  return letter && digit;
}

/** Length of the run of bytes satisfying `ok` from `from`. */
function run(text: string, from: number, ok: (c: number) => boolean, max = 512): number {
  let i = from;
  while (i < text.length && i - from < max && ok(text.charCodeAt(i))) i++;
  return i - from;
}

/** Hogsend: `hsk_` + 28 or more (32+ in all); the docs' own examples contain hyphens. */
const hogsend: KeyPattern = {
  system: 'hogsend',
  prefix: 'hsk_',
  minLength: 4 + 28,
  match(t) {
    const body = run(t, 4, (c) => isWord(c) || c === 45 || c === 95);
    return body >= 28 && mixed(t, 4, 4 + body) ? 4 + body : 0;
  },
};

/** TokenHub: `tokenhub_` + exactly 64 lowercase hex. */
const tokenhub: KeyPattern = {
  system: 'tokenhub',
  prefix: 'tokenhub_',
  minLength: 9 + 64,
  match(t) {
    const body = run(t, 9, isHexLower, 65);
    return body === 64 && !isWord(t.charCodeAt(9 + 64)) ? 9 + 64 : 0;
  },
};

/** HiveForge: `hf_live_`/`hf_test_` + 32 or more letters and digits. */
function hiveforge(prefix: string): KeyPattern {
  return {
    system: 'hiveforge',
    prefix,
    minLength: prefix.length + 32,
    match(t) {
      const body = run(t, prefix.length, isWord);
      return body >= 32 && mixed(t, prefix.length, prefix.length + body) ? prefix.length + body : 0;
    },
  };
}

export const KEY_PATTERNS: readonly KeyPattern[] = [hogsend, tokenhub, hiveforge('hf_live_'), hiveforge('hf_test_')];

/** The example keys of the systems' documentation (docs/reference): never real, often pasted. */
export const DOC_EXAMPLE_KEYS: ReadonlySet<string> = new Set([
  'hsk_your-secret-admin-key-at-least-32-chars',
  'hsk_abc123def456ghi789jkl012mno345pqr678',
  'tokenhub_a1b2c3d4e5f6789012345678abcdef0123456789abcdef0123456789abcdef01',
  'hivecfm-hub-secret-key',
]);

/** The bits of a placeholder key: the docs' examples, or a body the weak-secret lint calls a placeholder. */
export function isPlaceholderKey(key: string): boolean {
  if (DOC_EXAMPLE_KEYS.has(key)) return true;
  const body = key.replace(/^(hsk_|tokenhub_|hf_live_|hf_test_)/, '');
  return secretWeakness(body)?.code === 'PLACEHOLDER_SECRET' || /^(?:0+|x+|(?:a1b2c3d4e5f6|abc123def456)[0-9a-z]*)$/i.test(body);
}

/** True when the byte before a prefix makes it part of a longer word or identifier (then it is not a key). */
export function glued(text: string, at: number): boolean {
  return at > 0 && (isWord(text.charCodeAt(at - 1)) || text.charCodeAt(at - 1) === 95);
}
