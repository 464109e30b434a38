/**
 * An Aho–Corasick automaton over bytes: every needle found in one pass over a buffer, whatever
 * the number of needles. Built per scan as a dense transition table (state × byte) and dropped
 * with it; it holds the needles' bytes only as automaton states, never as strings to log.
 *
 * Only the first MAX_TRIE_DEPTH bytes of a needle become states; a longer needle is confirmed
 * byte by byte where its head matched. A managed value's encodings are long and random, so their
 * heads alone already almost never match by chance, and the table (and the time to build it)
 * stays small: it is built with flat typed arrays, one Map for the trie's edges and no
 * per-state object.
 */

export interface MatchHit {
  /** Index into the needles the matcher was built from. */
  needle: number;
  /** Byte offset of the first byte of the match. */
  start: number;
  end: number;
}

export interface Matcher {
  /** Calls onHit for every occurrence of every needle, in order of the end of the needle's head. */
  scan(bytes: Uint8Array, onHit: (hit: MatchHit) => void): void;
  /**
   * The same occurrences as pairs (needle, start) in one array the matcher reuses: valid until
   * its next call, and no allocation for a buffer without any (most files).
   */
  collect(bytes: Uint8Array): readonly number[];
  readonly states: number;
  /** The goto table (state × 256 + byte → state), in shared memory so another thread can run it without a copy. */
  readonly goto: Uint16Array | Int32Array;
  /** The needles whose head ends at `state` (its own, then those of its suffixes). */
  outputsAt(state: number): number[];
  /** How many of the needle's first bytes the automaton matches (the rest is confirmed at a hit). */
  headLength(needle: number): number;
}

/** Bytes of a needle that become automaton states (the rest is compared where the head matched). */
export const MAX_TRIE_DEPTH = 24;

/** Does `bytes` hold `needle[from…]` at `at`? */
function restMatches(bytes: Uint8Array, at: number, needle: Uint8Array, from: number): boolean {
  if (at + needle.length - from > bytes.length) return false;
  for (let k = from; k < needle.length; k++) if (bytes[at + k - from] !== needle[k]) return false;
  return true;
}

export function buildMatcher(needles: readonly Uint8Array[]): Matcher {
  const heads = needles.map((x) => Math.min(x.length, MAX_TRIE_DEPTH));
  // 1. The trie: one edge map ((state × 256 + byte) → child), each state's parent and byte.
  const edge = new Map<number, number>();
  const parentOf: number[] = [0];
  const byteOf: number[] = [0];
  const endState = new Int32Array(needles.length).fill(-1);
  needles.forEach((bytes, id) => {
    let s = 0;
    for (let i = 0; i < heads[id]!; i++) {
      const key = s * 256 + bytes[i]!;
      let next = edge.get(key);
      if (next === undefined) {
        next = parentOf.length;
        edge.set(key, next);
        parentOf.push(s);
        byteOf.push(bytes[i]!);
      }
      s = next;
    }
    if (heads[id]! > 0) endState[id] = s;
  });
  const n = parentOf.length;
  // Children and own needles of each state, grouped by state (counting sort).
  const kidFirst = new Int32Array(n + 1);
  for (let c = 1; c < n; c++) kidFirst[parentOf[c]! + 1]!++;
  for (let s = 0; s < n; s++) kidFirst[s + 1]! += kidFirst[s]!;
  const kids = new Int32Array(Math.max(0, n - 1));
  const kidFill = kidFirst.slice(0, n);
  for (let c = 1; c < n; c++) kids[kidFill[parentOf[c]!]!++] = c;
  const ownFirst = new Int32Array(n + 1);
  for (const s of endState) if (s >= 0) ownFirst[s + 1]!++;
  for (let s = 0; s < n; s++) ownFirst[s + 1]! += ownFirst[s]!;
  const own = new Int32Array(ownFirst[n]!);
  const ownFill = ownFirst.slice(0, n);
  endState.forEach((s, id) => {
    if (s >= 0) own[ownFill[s]!++] = id;
  });

  // 2. Failure links breadth-first, folded into a dense goto table; `dict` links each state to
  //    its longest proper suffix state that ends a needle (0: none).
  const table = n <= 0x10000 ? new Uint16Array(new SharedArrayBuffer(n * 256 * 2)) : new Int32Array(new SharedArrayBuffer(n * 256 * 4));
  const fail = new Int32Array(n);
  const dict = new Int32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let k = kidFirst[0]!; k < kidFirst[1]!; k++) {
    const c = kids[k]!;
    table[byteOf[c]!] = c;
    queue[tail++] = c;
  }
  for (let head = 0; head < tail; head++) {
    const s = queue[head]!;
    const f = fail[s]!;
    dict[s] = ownFirst[f + 1]! > ownFirst[f]! ? f : dict[f]!;
    // A missing edge goes where the failure state's edge goes: copy its row, then set our own edges.
    table.copyWithin(s * 256, f * 256, f * 256 + 256);
    for (let k = kidFirst[s]!; k < kidFirst[s + 1]!; k++) {
      const c = kids[k]!;
      const b = byteOf[c]!;
      fail[c] = table[f * 256 + b]!;
      table[s * 256 + b] = c;
      queue[tail++] = c;
    }
  }
  const hasOut = new Uint8Array(n);
  for (let s = 1; s < n; s++) hasOut[s] = ownFirst[s + 1]! > ownFirst[s]! || dict[s] !== 0 ? 1 : 0;
  const lengths = needles.map((x) => x.length);
  const found: number[] = [];

  function collect(bytes: Uint8Array): readonly number[] {
    found.length = 0;
    let s = 0;
    const len = bytes.length;
    for (let i = 0; i < len; i++) {
      s = table[(s << 8) | bytes[i]!]!;
      if (hasOut[s] !== 1) continue;
      for (let t = s; t !== 0; t = dict[t]!) {
        for (let k = ownFirst[t]!; k < ownFirst[t + 1]!; k++) {
          const id = own[k]!;
          if (lengths[id]! > heads[id]! && !restMatches(bytes, i + 1, needles[id]!, heads[id]!)) continue;
          found.push(id, i + 1 - heads[id]!);
        }
      }
    }
    return found;
  }

  return {
    states: n,
    goto: table,
    outputsAt(state) {
      const out: number[] = [];
      for (let t = state; t !== 0; t = dict[t]!) for (let k = ownFirst[t]!; k < ownFirst[t + 1]!; k++) out.push(own[k]!);
      return out;
    },
    headLength: (needle) => heads[needle]!,
    collect,
    scan(bytes, onHit) {
      const pairs = collect(bytes);
      for (let k = 0; k < pairs.length; k += 2) onHit({ needle: pairs[k]!, start: pairs[k + 1]!, end: pairs[k + 1]! + lengths[pairs[k]!]! });
    },
  };
}
