/**
 * lintEnv: findings about a .env file, each with line, column and a fix, never showing a value.
 *  - where dotenv (what Node services read) and Docker Compose read the file differently;
 *  - duplicate keys, empty values, the `export` prefix;
 *  - placeholder or weak values of secret-looking keys (or keys passed in `secretKeys`).
 */
import { readLikeCompose, type ComposeEntry } from './compose-read.js';
import { parseEnv } from './parse.js';
import { SECRET_KEY, secretWeakness } from './secret-strength.js';
import type { EnvDiagnostic, EnvDocument } from './types.js';

type Position = (index: number) => { line: number; column: number };

function positions(text: string): Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo] as number;
    const bom = lo === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { line: lo + 1, column: Math.max(1, index - lineStart + 1 - bom) };
  };
}

/** Index of the assignment that wins for each key (the last one). */
function winningIndexes(doc: EnvDocument): Map<string, number> {
  const m = new Map<string, number>();
  doc.entries.forEach((e, i) => m.set(e.key, i));
  return m;
}

/** The assignment is written `KEY: value` (the first thing after the key is a colon). */
function usesColon(text: string, keyEnd: number): boolean {
  let i = keyEnd;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.charCodeAt(i) === 58;
}

const QUOTE_FIX = (key: string): string => `Quote the value in single quotes (${key}='…') so both read it the same way.`;

function composeDiagnostics(doc: EnvDocument, at: Position, out: EnvDiagnostic[]): void {
  const compose = readLikeCompose(doc.text);
  const errorLine = compose.error ? at(compose.error.index).line : Infinity;
  if (compose.error) {
    out.push({
      ...at(compose.error.index), severity: 'error', code: 'COMPOSE_REJECTS_FILE',
      message: `Docker Compose refuses this file: ${compose.error.reason}`,
      fix: 'Fix or comment out this line (# …); Compose reads only KEY=value lines, comments and blank lines.',
    });
  }
  const composeLast = new Map<string, ComposeEntry>();
  for (const e of compose.entries) {
    composeLast.set(e.key, e);
    if (e.inherited) {
      out.push({
        ...at(e.start), severity: 'warning', code: 'BARE_KEY', key: e.key,
        message: `${e.key || 'this line'} has no "=": dotenv ignores it, Docker Compose takes ${e.key || 'it'} from the shell environment`,
        fix: `Write ${e.key || 'KEY'}=value, or comment the line out.`,
      });
    }
  }
  const dotenvKeys = new Set(Object.keys(doc.values));
  const winners = winningIndexes(doc);
  doc.entries.forEach((entry, i) => {
    const span = doc.spans[i];
    if (!span || winners.get(entry.key) !== i) return; // judge the winning line
    if (at(span.textValueEnd).line >= errorLine) return; // Compose stopped before this assignment ended
    const c = composeLast.get(entry.key);
    const where = at(span.textValueStart);
    if (!c || c.inherited) {
      out.push({
        ...at(span.textStart), severity: 'warning', code: 'ONLY_DOTENV', key: entry.key,
        message: `dotenv reads ${entry.key} here, Docker Compose does not read it the same way (e.g. the value starts on a later line or the key is not followed by "=")`,
        fix: `Write ${entry.key}=value on one line.`,
      });
      return;
    }
    if (c.interpolates) {
      out.push({
        ...where, severity: 'warning', code: 'COMPOSE_INTERPOLATION', key: entry.key,
        message: `${entry.key} contains $NAME, \${…} or $$: Docker Compose substitutes variables there, dotenv keeps the text as written`,
        fix: QUOTE_FIX(entry.key),
      });
      return;
    }
    if (c.value === entry.value) return;
    const rest = c.value.startsWith(entry.value) ? c.value.slice(entry.value.length).trimStart() : '';
    if (entry.quote === null && rest.startsWith('#')) {
      out.push({
        ...where, severity: 'warning', code: 'HASH_WITHOUT_SPACE', key: entry.key,
        message: `${entry.key} has a "#" that dotenv reads as a comment but Docker Compose keeps in the value (Compose needs a blank between the value and "#")`,
        fix: QUOTE_FIX(entry.key),
      });
    } else if (entry.quote === '`') {
      out.push({
        ...where, severity: 'warning', code: 'BACKTICK_QUOTES', key: entry.key,
        message: `${entry.key} is in backticks: dotenv strips them, Docker Compose keeps them as part of the value`,
        fix: QUOTE_FIX(entry.key),
      });
    } else {
      out.push({
        ...where, severity: 'warning', code: 'VALUE_DIFFERS', key: entry.key,
        message: `dotenv and Docker Compose read different values for ${entry.key} (quotes, escapes or trailing text are handled differently)`,
        fix: QUOTE_FIX(entry.key),
      });
    }
  });
  for (const [key, c] of composeLast) {
    if (c.inherited || dotenvKeys.has(key)) continue;
    out.push({
      ...at(c.start), severity: 'warning', code: 'ONLY_COMPOSE', key,
      message: `Docker Compose reads ${key || 'a variable with an empty name'} here, dotenv ignores the line (e.g. "KEY:value" without a space, a non-ASCII key, or no key)`,
      fix: 'Write KEY=value with a key of letters, digits and "_" only.',
    });
  }
}

export function lintEnv(input: string | Uint8Array, opts: { secretKeys?: string[] } = {}): EnvDiagnostic[] {
  const doc = parseEnv(input);
  const at = positions(doc.text);
  const out: EnvDiagnostic[] = [];
  composeDiagnostics(doc, at, out);
  const secretKeys = new Set(opts.secretKeys ?? []);
  const winners = winningIndexes(doc);
  doc.entries.forEach((entry, i) => {
    const span = doc.spans[i];
    if (!span) return;
    const lastLine = doc.entries[winners.get(entry.key) as number]?.line;
    if (lastLine !== entry.line) {
      out.push({
        line: entry.line, column: entry.column, severity: 'warning', code: 'DUPLICATE_KEY', key: entry.key,
        message: `${entry.key} is set again on line ${lastLine}; the last one wins, this one is ignored`,
        fix: 'Delete the lines that do not win so the file says one thing.',
      });
      return;
    }
    if (entry.exported) {
      out.push({
        line: entry.line, column: entry.column, severity: 'info', code: 'EXPORT_PREFIX', key: entry.key,
        message: `"export ${entry.key}": dotenv and Docker Compose accept it, but docker run --env-file and systemd EnvironmentFile do not`,
        fix: `Drop "export " if other tools read this file.`,
      });
    }
    if (usesColon(doc.text, span.textKeyEnd)) {
      out.push({
        line: entry.line, column: entry.column, severity: 'info', code: 'COLON_SYNTAX', key: entry.key,
        message: `"${entry.key}: value": dotenv and Docker Compose accept it, but docker run --env-file, shells and systemd do not`,
        fix: `Write ${entry.key}=value.`,
      });
    }
    const where = at(span.textValueStart);
    const secret = secretKeys.has(entry.key) || SECRET_KEY.test(entry.key);
    if (entry.value === '') {
      out.push({
        ...where, severity: secret ? 'warning' : 'info', code: 'EMPTY_VALUE', key: entry.key,
        message: `${entry.key} is empty`,
        fix: secret ? `Set it (keyhive env set FILE ${entry.key} --stdin), or remove the line.` : 'Set a value or remove the line if unused.',
      });
      return;
    }
    if (!secret) return;
    const weak = secretWeakness(entry.value);
    if (weak) {
      out.push({
        ...where, severity: 'warning', code: weak.code, key: entry.key,
        message: `${entry.key} looks like a secret but ${weak.reason}`,
        fix: `Generate a real key (e.g. openssl rand -hex 32) and set it with keyhive env set FILE ${entry.key} --stdin.`,
      });
    }
  });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
