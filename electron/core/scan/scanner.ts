/**
 * One automaton per scan for everything the leak guard looks for: every managed value in every
 * encoding, the key prefixes of the four systems, and the docs' example values. `scanBytes`
 * runs it over one file or blob and says what is where (line numbers), never what the value is.
 */
import type { FindingEncoding } from '../../../shared/scan.js';
import { buildMatcher, type Matcher } from './matcher.js';
import { buildNeedles, type ManagedValue, type Needle } from './needles.js';
import { DOC_EXAMPLE_KEYS, glued, isPlaceholderKey, KEY_PATTERNS, type KeyPattern } from './patterns.js';

export interface ByteHit {
  kind: 'managed' | 'pattern' | 'placeholder';
  secret: string | null;
  system: string | null;
  encoding: FindingEncoding;
  /** 1-based line of the match's first byte. */
  line: number;
}

type Entry = { type: 'managed'; needle: Needle } | { type: 'prefix'; pattern: KeyPattern } | { type: 'doc'; system: string | null };

/**
 * What another thread needs to tell which files cannot hold a finding, without the scanner's
 * code: the goto table, and for each state `first[s]…first[s+1]` the checks of the needles that
 * end there as pairs (the needle's head length, key bytes needed from the match's start: 0 for a value or a doc
 * example, the shape's minimum for a key prefix, which also must not be glued to a word before
 * it). A file with no state whose check passes has
 * no finding; one that has one is scanned in full by `scanBytes`.
 */
export interface ScreenTables {
  goto: Uint16Array | Int32Array;
  first: Int32Array;
  checks: Int32Array;
}

export interface Scanner {
  scanBytes(bytes: Uint8Array): ByteHit[];
  /** The screen for helper threads (shared memory, no strings). */
  screen(): ScreenTables;
  /** Managed secrets whose values are too short to search for. */
  readonly skippedSecrets: string[];
  readonly needleCount: number;
}

const enc = new TextEncoder();
const systemOfDocKey = (k: string): string | null => (k.startsWith('hsk_') ? 'hogsend' : k.startsWith('tokenhub_') ? 'tokenhub' : k.startsWith('hf_') ? 'hiveforge' : 'hivecfm');

/** Key bytes are ASCII, which every single-byte decoding maps alike; the byte after only needs to be "not a key byte". */
const keyText = new TextDecoder('latin1');

/** A byte every key shape may hold: letters, digits, `-` and `_`. */
const isKeyByte = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;

/** How many key bytes run from `start` (at most `max`). */
function keyRun(bytes: Uint8Array, start: number, max = 600): number {
  let end = start;
  const limit = Math.min(bytes.length, start + max);
  while (end < limit && isKeyByte(bytes[end]!)) end++;
  return end - start;
}

/**
 * The text of a possible key from `start`: its `run` key bytes and the one byte after them (a
 * shape may check what follows). Every shape stops at the first other byte, so reading further
 * would only cost time (files full of near-misses are common).
 */
const textAt = (bytes: Uint8Array, start: number, run: number): string => keyText.decode(bytes.subarray(start, Math.min(bytes.length, start + run + 1)));

export function createScanner(values: readonly ManagedValue[]): Scanner {
  const { needles, skipped } = buildNeedles(values);
  const entries: Entry[] = needles.map((needle) => ({ type: 'managed', needle }));
  const patterns: Uint8Array[] = needles.map((n) => n.bytes);
  for (const pattern of KEY_PATTERNS) {
    entries.push({ type: 'prefix', pattern });
    patterns.push(enc.encode(pattern.prefix));
  }
  for (const key of DOC_EXAMPLE_KEYS) {
    if (KEY_PATTERNS.some((p) => key.startsWith(p.prefix))) continue; // found through its prefix
    entries.push({ type: 'doc', system: systemOfDocKey(key) });
    patterns.push(enc.encode(key));
  }
  const matcher: Matcher = buildMatcher(patterns);

  let screen: ScreenTables | null = null;
  const screenTables = (): ScreenTables => {
    const first = new Int32Array(new SharedArrayBuffer((matcher.states + 1) * 4));
    const pairs: number[] = [];
    for (let s = 0; s < matcher.states; s++) {
      first[s] = pairs.length;
      for (const id of matcher.outputsAt(s)) {
        const e = entries[id]!;
        // A managed value or doc example passes on its head alone (the full compare is the scan's).
        pairs.push(matcher.headLength(id), e.type === 'prefix' ? e.pattern.minLength : 0);
      }
    }
    first[matcher.states] = pairs.length;
    const checks = new Int32Array(new SharedArrayBuffer(Math.max(1, pairs.length) * 4));
    checks.set(pairs);
    return { goto: matcher.goto, first, checks };
  };

  return {
    skippedSecrets: skipped,
    needleCount: needles.length,
    screen: () => (screen ??= screenTables()),
    scanBytes(bytes) {
      type Raw = { kind: ByteHit['kind']; secret: string | null; system: string | null; encoding: FindingEncoding; start: number; end: number };
      const pairs = matcher.collect(bytes); // (needle, start) pairs; most files have none
      if (pairs.length === 0) return [];
      const raw: Raw[] = [];
      let managedRanges = null as Set<string> | null; // most files hold no managed value: no Set for them
      const pending: Array<{ pattern: KeyPattern; start: number }> = [];
      for (let k = 0; k < pairs.length; k += 2) {
        const e = entries[pairs[k]!]!;
        const start = pairs[k + 1]!;
        const end = start + patterns[pairs[k]!]!.length;
        if (e.type === 'managed') {
          raw.push({ kind: 'managed', secret: e.needle.secret, system: e.needle.system, encoding: e.needle.encoding, start, end });
          if (e.needle.encoding === 'raw') (managedRanges ??= new Set()).add(`${start}:${end}`);
        } else if (e.type === 'prefix') {
          pending.push({ pattern: e.pattern, start });
        } else {
          raw.push({ kind: 'placeholder', secret: null, system: e.system, encoding: 'raw', start, end });
        }
      }
      for (const { pattern, start } of pending) {
        if (start > 0 && glued(String.fromCharCode(bytes[start - 1]!), 1)) continue;
        const run = keyRun(bytes, start);
        if (run < pattern.minLength) continue; // too short for the shape: most near-misses end here, undecoded
        const text = textAt(bytes, start, run);
        const len = pattern.match(text);
        if (len === 0 || managedRanges?.has(`${start}:${start + len}`)) continue;
        const placeholder = isPlaceholderKey(text.slice(0, len));
        raw.push({ kind: placeholder ? 'placeholder' : 'pattern', secret: null, system: pattern.system, encoding: 'raw', start, end: start + len });
      }
      if (raw.length === 0) return [];
      raw.sort((a, b) => a.start - b.start);
      const out: ByteHit[] = [];
      const seen = new Set<string>();
      let line = 1;
      let pos = 0;
      for (const r of raw) {
        for (; pos < r.start; pos++) if (bytes[pos] === 10) line++;
        const key = `${r.kind}\0${r.secret}\0${r.system}\0${r.encoding}\0${line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ kind: r.kind, secret: r.secret, system: r.system, encoding: r.encoding, line });
      }
      return out;
    },
  };
}
