/**
 * The byte strings a managed value can appear as: raw; base64 and base64url of the value, of
 * `Bearer <value>`, of `user:value` (and of any other text around it: one fragment per byte
 * alignment, cut where the surrounding bytes stop mattering); URL-encoded; JSON-escaped;
 * shell-quoted. Built per scan from the values in memory and dropped with the matcher.
 */
import type { FindingEncoding } from '../../../shared/scan.js';

export interface ManagedValue {
  secret: string;
  /** The issuer system of the secret, when it has one. */
  system: string | null;
  value: string;
}

export interface Needle {
  bytes: Uint8Array;
  encoding: FindingEncoding;
  secret: string;
  system: string | null;
}

/** Shorter values match too much by chance; they are skipped (and named in the report). */
export const MIN_MANAGED_LENGTH = 12;
/** A base64 fragment shorter than this would match by chance. */
const MIN_FRAGMENT_CHARS = 12;

const enc = new TextEncoder();

function toBase64(bytes: Uint8Array, url: boolean): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(url ? 'base64url' : 'base64');
  return b.replace(/=+$/, '');
}

/**
 * The base64 text of `value` wherever it sits in the encoded plaintext: for each of the three
 * byte alignments, the value's bytes from the first 3-byte group boundary to the last complete
 * group — those characters do not depend on the bytes around them.
 */
export function base64Fragments(value: Uint8Array, url: boolean): string[] {
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const skip = (3 - offset) % 3;
    const usable = value.length - skip;
    const whole = usable - (usable % 3);
    if (whole <= 0) continue;
    const frag = toBase64(value.subarray(skip, skip + whole), url);
    if (frag.length >= MIN_FRAGMENT_CHARS) out.push(frag);
  }
  return out;
}

/** encodeURIComponent's spelling, the strict RFC 3986 one (also `!'()*`), each in upper and lower hex. */
const percent = (value: string): string[] => {
  const plain = encodeURIComponent(value);
  const strict = plain.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const lower = (e: string): string => e.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  return [plain, strict, lower(plain), lower(strict)];
};

function jsonEscaped(value: string): string[] {
  const j = JSON.stringify(value).slice(1, -1);
  return [j, j.replace(/\//g, '\\/')];
}

/** POSIX shell spellings: '…' with '\'' for a quote, "…" with \ before $ ` " \. */
function shellQuoted(value: string): string[] {
  return [value.replace(/'/g, "'\\''"), value.replace(/[$`"\\]/g, (c) => `\\${c}`), value.replace(/'/g, `'"'"'`)];
}

/** Every needle for the values given; duplicates (same bytes) keep the first, raw first. */
export function buildNeedles(values: readonly ManagedValue[]): { needles: Needle[]; skipped: string[] } {
  const needles: Needle[] = [];
  const seen = new Set<string>();
  const skipped = new Set<string>();
  const add = (text: string, encoding: FindingEncoding, v: ManagedValue): void => {
    const key = `${v.secret}\0${text}`;
    if (seen.has(key) || text.length === 0) return;
    seen.add(key);
    needles.push({ bytes: enc.encode(text), encoding, secret: v.secret, system: v.system });
  };
  for (const v of values) {
    if (v.value.length < MIN_MANAGED_LENGTH) {
      skipped.add(v.secret);
      continue;
    }
    add(v.value, 'raw', v);
  }
  for (const v of values) {
    if (v.value.length < MIN_MANAGED_LENGTH) continue;
    const bytes = enc.encode(v.value);
    for (const url of [false, true]) {
      // The fragments cover the value inside any base64 text — `Bearer <value>`, `user:value` and
      // the value alone included: a value of MIN_MANAGED_LENGTH bytes has all three of them.
      for (const f of base64Fragments(bytes, url)) add(f, 'base64', v);
    }
    for (const p of percent(v.value)) add(p, 'url', v);
    add(v.value.replace(/ /g, '+'), 'url', v);
    for (const j of jsonEscaped(v.value)) add(j, 'json', v);
    for (const q of shellQuoted(v.value)) add(q, 'quoted', v);
  }
  // A secret skipped once but scanned through another of its values is not "skipped".
  for (const n of needles) skipped.delete(n.secret);
  return { needles, skipped: [...skipped].sort() };
}
