/**
 * Finds where a path of a parsed YAML document sits in its text, so every workspace problem
 * can name its line. When the exact node is missing (a required key left out) it points at
 * the nearest parent that exists.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { PathSegment } from './problem.js';

export interface Position {
  line: number;
  col: number;
}

function child(node: unknown, seg: PathSegment): { value: unknown; keyNode?: Node } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(k) === String(seg)) return { value: pair.value, keyNode: isScalar(pair.key) ? pair.key : undefined };
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

function start(node: unknown, lines: LineCounter): Position | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return undefined;
  return lines.linePos(range[0]);
}

/**
 * Line/col of `path` (1-based). `atKey` points at the key of the last segment rather than its
 * value (for "unknown key" problems and empty values).
 */
export function locate(doc: Document, lines: LineCounter, path: readonly PathSegment[], atKey = false): Position | undefined {
  let node: unknown = doc.contents;
  let best = start(node, lines);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as PathSegment;
    const next = child(node, seg);
    if (!next) return best;
    const isLast = i === path.length - 1;
    const keyPos = next.keyNode ? start(next.keyNode, lines) : undefined;
    if (isLast && atKey && keyPos) return keyPos;
    const valuePos = isPair(next.value) ? undefined : start(next.value, lines);
    best = valuePos ?? keyPos ?? best;
    node = next.value;
  }
  return best;
}
