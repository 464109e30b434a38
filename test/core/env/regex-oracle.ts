/**
 * The previous parseEnv core, kept as a test oracle: it runs dotenv's own line pattern and derives
 * every position from the match. scan.ts must find the same entries at the same positions.
 */
import { dotenvValue, isBlank } from '../../../electron/core/env/scan.js';

const DOTENV_LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

export interface OracleEntry { key: string; value: string; start: number; keyStart: number; keyEnd: number; valueStart: number; valueEnd: number; hasValue: boolean }

function keyStartOf(text: string, matchStart: number, key: string): number {
  let p = matchStart;
  while (isBlank(text.charCodeAt(p))) p++;
  if (text.startsWith('export', p) && isBlank(text.charCodeAt(p + 6))) {
    let q = p + 6;
    while (isBlank(text.charCodeAt(q))) q++;
    if (text.startsWith(key, q)) return q;
  }
  return p;
}

function valueStartOf(text: string, keyEnd: number): number {
  if (text.charCodeAt(keyEnd) === 58) return keyEnd + 2;
  let p = keyEnd;
  while (text.charCodeAt(p) !== 61) p++;
  return p + 1;
}

/** Entries (text positions) as dotenv's pattern matches them in `text` (already `\n`-normalised). */
export function regexEntries(text: string): OracleEntry[] {
  const out: OracleEntry[] = [];
  const re = new RegExp(DOTENV_LINE.source, 'mg');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const key = m[1] as string;
    const keyStart = keyStartOf(text, m.index, key);
    const keyEnd = keyStart + key.length;
    let start = m.index;
    while (start < keyStart && isBlank(text.charCodeAt(start))) start++;
    const written = m[2];
    let vs = 0;
    let ve = 0;
    let trimmed = '';
    if (written !== undefined) {
      vs = valueStartOf(text, keyEnd);
      ve = vs + written.length;
      while (vs < ve && isBlank(text.charCodeAt(vs))) vs++;
      while (ve > vs && isBlank(text.charCodeAt(ve - 1))) ve--;
      trimmed = text.slice(vs, ve);
    }
    if (trimmed === '') {
      vs = keyEnd;
      while (text.charCodeAt(vs) !== 61 && text.charCodeAt(vs) !== 58) vs++;
      vs += text.charCodeAt(vs) === 58 && (text.charCodeAt(vs + 1) === 32 || text.charCodeAt(vs + 1) === 9) ? 2 : 1;
      ve = vs;
    }
    out.push({ key, value: trimmed === '' ? '' : dotenvValue(trimmed), start, keyStart, keyEnd, valueStart: vs, valueEnd: ve, hasValue: trimmed !== '' });
  }
  return out;
}
