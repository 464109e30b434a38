/**
 * An Aho–Corasick automaton over bytes: every needle found in one pass over a buffer, whatever
 * the number of needles. Built per scan as a dense transition table (state × byte) and dropped
 * with it; it holds the needles' bytes only as automaton states, never as strings to log.
 */

export interface MatchHit {
  /** Index into the needles the matcher was built from. */
  needle: number;
  /** Byte offset of the first byte of the match. */
  start: number;
  end: number;
}

export interface Matcher {
  /** Calls onHit for every occurrence of every needle, in order of the match's end. */
  scan(bytes: Uint8Array, onHit: (hit: MatchHit) => void): void;
  readonly states: number;
  /** The goto table (state × 256 + byte → state), in shared memory so another thread can run it without a copy. */
  readonly goto: Uint16Array | Int32Array;
  /** The needles ending at each state. */
  readonly outputs: ReadonlyArray<readonly number[]>;
}

export function buildMatcher(needles: readonly Uint8Array[]): Matcher {
  // 1. The trie, with growable children maps.
  const children: Array<Map<number, number>> = [new Map()];
  const outputs: number[][] = [[]];
  needles.forEach((bytes, id) => {
    let s = 0;
    for (const b of bytes) {
      let next = children[s]!.get(b);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        outputs.push([]);
        children[s]!.set(b, next);
      }
      s = next;
    }
    if (bytes.length > 0) outputs[s]!.push(id);
  });
  const n = children.length;
  // 2. Failure links breadth-first, folded into a dense goto table.
  const table = n <= 0x10000 ? new Uint16Array(new SharedArrayBuffer(n * 256 * 2)) : new Int32Array(new SharedArrayBuffer(n * 256 * 4));
  const fail = new Int32Array(n);
  const queue: number[] = [];
  for (let b = 0; b < 256; b++) {
    const c = children[0]!.get(b);
    table[b] = c ?? 0;
    if (c !== undefined) queue.push(c);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    const f = fail[s]!;
    outputs[s]!.push(...outputs[f]!);
    // A missing edge goes where the failure state's edge goes: copy its row, then set our own edges.
    table.copyWithin(s * 256, f * 256, f * 256 + 256);
    for (const [b, c] of children[s]!) {
      fail[c] = table[f * 256 + b]!;
      table[s * 256 + b] = c;
      queue.push(c);
    }
  }
  const hasOut = new Uint8Array(n);
  for (let s = 0; s < n; s++) hasOut[s] = outputs[s]!.length > 0 ? 1 : 0;
  const lengths = needles.map((x) => x.length);

  return {
    states: n,
    goto: table,
    outputs,
    scan(bytes, onHit) {
      let s = 0;
      const len = bytes.length;
      for (let i = 0; i < len; i++) {
        s = table[(s << 8) | bytes[i]!]!;
        if (hasOut[s] === 1) {
          for (const id of outputs[s]!) onHit({ needle: id, start: i + 1 - lengths[id]!, end: i + 1 });
        }
      }
    },
  };
}
