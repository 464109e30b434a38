/**
 * Key formats: what a valid value of a secret looks like, how to generate a fresh one and how
 * to describe it to a person. Built-in formats cover the systems Keyhive serves (HiveCFM hub,
 * Hogsend, TokenHub, HiveForge); workspaces add their own under `formats:`.
 *
 * A validation reason never contains the value, only its shape (length, prefix, which rule).
 * Built-in generators carry at least 256 bits of crypto randomness.
 */
import { ALPHABETS, cryptoBytes, entropyBits, lengthForBits, randomString, type AlphabetName, type ByteSource } from './random.js';

export type FormatCheck = { ok: true; warning?: string } | { ok: false; reason: string };

export interface KeyFormat {
  name: string;
  /** One sentence for people: what a value looks like. */
  description: string;
  /** Bits of entropy of a generated value. */
  entropyBits: number;
  /** Where the format comes from. */
  origin: 'builtin' | 'workspace';
  validate(value: string): FormatCheck;
  generate(source?: ByteSource): string;
}

export const MIN_GENERATED_BITS = 256;

/** True when any character is whitespace or a control character. */
function hasSpaceOrControl(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f || /\s/u.test(ch)) return true;
  }
  return false;
}

/** A generator: fixed prefix + random characters carrying at least 256 bits. */
export function prefixedGenerator(prefix: string, alphabet: AlphabetName, length?: number) {
  const chars = ALPHABETS[alphabet];
  const len = length ?? lengthForBits(chars.length, MIN_GENERATED_BITS);
  return {
    entropyBits: entropyBits(chars.length, len),
    generate: (source: ByteSource = cryptoBytes): string => prefix + randomString(chars, len, source),
  };
}

function shape(value: string): string {
  return `${value.length} characters`;
}

function noWhitespace(value: string): FormatCheck | null {
  if (hasSpaceOrControl(value)) return { ok: false, reason: `contains whitespace or a control character (${shape(value)}); a key is one unbroken token` };
  return null;
}

const generic: KeyFormat = {
  name: 'generic',
  description: 'Any non-empty value; 16 or more characters recommended. Generated: 43 random base64url characters (256 bits).',
  origin: 'builtin',
  ...prefixedGenerator('', 'base64url'),
  validate(value) {
    if (value.length === 0) return { ok: false, reason: 'is empty' };
    if (value.includes('\n') || value.includes('\r') || value.includes(String.fromCharCode(0))) return { ok: false, reason: 'contains a line break or NUL character' };
    if (value.trim() !== value) return { ok: true, warning: 'has leading or trailing whitespace, which some tools strip' };
    if (value.length < 16) return { ok: true, warning: `is short (${shape(value)}); use 16 or more random characters` };
    return { ok: true };
  },
};

const hivecfmHub: KeyFormat = {
  name: 'hivecfm-hub',
  description: 'The HiveCFM hub API key: any non-empty opaque token, sent as "Authorization: Bearer <key>". Generated: 43 random base64url characters (256 bits).',
  origin: 'builtin',
  ...prefixedGenerator('', 'base64url'),
  validate(value) {
    if (value.length === 0) return { ok: false, reason: 'is empty (the hub refuses to start with an empty API_KEY)' };
    const ws = noWhitespace(value);
    if (ws) return ws;
    if (value.length < 16) return { ok: true, warning: `is short (${shape(value)}); use 16 or more random characters` };
    return { ok: true };
  },
};

const hogsend: KeyFormat = {
  name: 'hogsend',
  description: 'A Hogsend admin API key: at least 32 characters, by convention starting with "hsk_". Generated: hsk_ + 43 random base62 characters (256 bits).',
  origin: 'builtin',
  ...prefixedGenerator('hsk_', 'base62'),
  // Hogsend requires at least 32 random characters; "hsk_" is its convention, not a rule: warn, never refuse.
  validate(value) {
    const ws = noWhitespace(value);
    if (ws) return ws;
    if (value.length < 32) return { ok: false, reason: `is too short: ${shape(value)}, Hogsend wants at least 32` };
    if (!value.startsWith('hsk_')) return { ok: true, warning: `does not start with "hsk_" (${shape(value)}), Hogsend's convention for its keys` };
    return { ok: true };
  },
};

const tokenhub: KeyFormat = {
  name: 'tokenhub',
  description: 'A TokenHub consumer key: "tokenhub_" followed by exactly 64 lowercase hex characters (256 bits).',
  origin: 'builtin',
  ...prefixedGenerator('tokenhub_', 'hex', 64),
  validate(value) {
    if (!value.startsWith('tokenhub_')) return { ok: false, reason: `does not start with "tokenhub_" (${shape(value)})` };
    const rest = value.slice('tokenhub_'.length);
    if (rest.length !== 64) return { ok: false, reason: `has ${rest.length} characters after "tokenhub_", TokenHub wants exactly 64 hex characters` };
    if (/^[0-9A-Fa-f]+$/.test(rest) && /[A-F]/.test(rest)) return { ok: false, reason: 'uses uppercase hex; TokenHub keys are lowercase hex' };
    if (!/^[0-9a-f]{64}$/.test(rest)) return { ok: false, reason: 'has characters after "tokenhub_" that are not hex digits (0-9, a-f)' };
    return { ok: true };
  },
};

function hiveforgeFormat(name: string, prefixes: string[], generatePrefix: string, what: string): KeyFormat {
  return {
    name,
    description: `${what}: ${prefixes.map((p) => `"${p}"`).join(' or ')} followed by 32 or more letters and digits. Generated: ${generatePrefix} + 43 random base62 characters (256 bits).`,
    origin: 'builtin',
    ...prefixedGenerator(generatePrefix, 'base62'),
    validate(value) {
      const prefix = prefixes.find((p) => value.startsWith(p));
      if (!prefix) return { ok: false, reason: `does not start with ${prefixes.map((p) => `"${p}"`).join(' or ')} (${shape(value)})` };
      const rest = value.slice(prefix.length);
      if (!/^[A-Za-z0-9]*$/.test(rest)) return { ok: false, reason: `has characters after "${prefix}" that are not letters or digits` };
      if (rest.length < 32) return { ok: false, reason: `has ${rest.length} characters after "${prefix}", HiveForge keys have at least 32` };
      return { ok: true };
    },
  };
}

export const BUILTIN_FORMATS: readonly KeyFormat[] = [
  generic,
  hivecfmHub,
  hogsend,
  tokenhub,
  hiveforgeFormat('hiveforge-live', ['hf_live_'], 'hf_live_', 'A HiveForge production (live) key'),
  hiveforgeFormat('hiveforge-test', ['hf_test_'], 'hf_test_', 'A HiveForge sandbox (test) key'),
  hiveforgeFormat('hiveforge', ['hf_live_', 'hf_test_'], 'hf_test_', 'A HiveForge key (live or test)'),
];
