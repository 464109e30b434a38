/**
 * How Docker Compose reads the same .env file. A model of compose-go's `dotenv` parser (the one
 * `docker compose` uses for `env_file` and the project `.env`), used only to tell users where
 * Compose and dotenv disagree. It returns values before variable interpolation and notes where
 * Compose would interpolate, plus the first error that makes Compose refuse the whole file.
 */

export interface ComposeEntry {
  key: string;
  /** The value with escapes applied, before `$VAR` interpolation. */
  value: string;
  /** Text index where the statement (key or `export`) starts, and where the value starts. */
  start: number;
  valueStart: number;
  quote: '"' | "'" | null;
  /** `KEY` alone on its line: Compose takes the value from the shell environment. */
  inherited: boolean;
  /** The value contains `$name`, `${…}` or `$$`, which Compose interpolates. */
  interpolates: boolean;
}

export interface ComposeRead {
  entries: ComposeEntry[];
  error?: { index: number; reason: string };
}

/** Go's unicode.IsSpace. */
function isUnicodeSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
/** compose-go's isSpace: blanks but not the line break. */
function isBlank(c: number): boolean {
  return c === 9 || c === 11 || c === 12 || c === 13 || c === 32 || c === 0x85 || c === 0xa0;
}
function trimEndGo(s: string): string {
  let e = s.length;
  while (e > 0 && isUnicodeSpace(s.charCodeAt(e - 1))) e--;
  return s.slice(0, e);
}
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const EXPORT = /^export[\t\n\f\r ]+/;
const TEMPLATE = /\$(?:\$|[_a-z][_a-z0-9]*|\{(?:[_a-z][_a-z0-9]*(?::?[-+?][^}]*)?\}|))/gi;
const ESCAPES = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\', $: '$' };

function expandEscapes(s: string): string {
  return s.replace(ESCAPES, (m) => {
    const c = m.slice(1);
    if (c.startsWith('0')) {
      const digits = c.slice(1);
      return /^[0-7]{3}$/.test(digits) && parseInt(digits, 8) <= 255 ? String.fromCharCode(parseInt(digits, 8)) : m;
    }
    return SIMPLE_ESCAPES[c] ?? m;
  });
}

/** Compose interpolates `$name`, `${…}` and turns `$$` into `$`; a `${` it cannot read is an error. */
function templateUse(s: string): { interpolates: boolean; invalid: boolean } {
  let interpolates = false;
  let invalid = false;
  for (const m of s.matchAll(TEMPLATE)) {
    interpolates = true;
    if (m[0] === '${' || (m[0].startsWith('${') && !m[0].endsWith('}'))) invalid = true;
  }
  return { interpolates, invalid };
}

export function readLikeCompose(input: string): ComposeRead {
  const text = input;
  const entries: ComposeEntry[] = [];
  const fail = (index: number, reason: string): ComposeRead => ({ entries, error: { index, reason } });
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0; // Compose drops a BOM
  for (;;) {
    while (pos < n && isUnicodeSpace(text.charCodeAt(pos))) pos++;
    if (pos >= n) break;
    if (text.charCodeAt(pos) === 35) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) break;
      pos = nl;
      continue;
    }
    const start = pos;
    const exp = EXPORT.exec(text.slice(pos, pos + 64));
    if (exp) {
      pos += 6;
      while (pos < n && isBlank(text.charCodeAt(pos))) pos++;
    }
    const keyStart = pos;
    let sep = -1;
    for (let i = pos; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isBlank(c)) continue;
      if (c === 61 || c === 58 || c === 10) {
        sep = i;
        break;
      }
      if (c === 95 || c === 46 || c === 45 || c === 91 || c === 93) continue;
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) continue;
      if (c < 128) return fail(i, `unexpected character ${JSON.stringify(text[i])} in a variable name`);
      const cp = text.codePointAt(i) as number;
      if (LETTER_OR_NUMBER.test(String.fromCodePoint(cp))) {
        if (cp > 0xffff) i++;
        continue;
      }
      return fail(i, `unexpected character ${JSON.stringify(String.fromCodePoint(cp))} in a variable name`);
    }
    // A last line with no separator: Compose reads the whole line as the value of an empty name.
    const key = sep === -1 ? '' : trimEndGo(text.slice(keyStart, sep));
    if (key.includes(' ')) return fail(keyStart, 'a variable name contains a space');
    const inherited = sep !== -1 && text.charCodeAt(sep) === 10;
    if (inherited) {
      entries.push({ key, value: '', start, valueStart: sep, quote: null, inherited: true, interpolates: false });
      pos = sep + 1;
      continue;
    }
    pos = sep === -1 ? keyStart : sep + 1;
    while (pos < n && isBlank(text.charCodeAt(pos))) pos++;
    const valueStart = pos;
    const q = text.charCodeAt(pos);
    if (q === 34 || q === 39) {
      let chars = '';
      let escaped = false;
      let end = -1;
      for (let i = pos + 1; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c !== q) {
          if (!escaped && c === 92) {
            escaped = true;
            continue;
          }
          if (escaped) {
            escaped = false;
            chars += '\\';
          }
          chars += text[i];
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += text[i];
          continue;
        }
        end = i;
        break;
      }
      if (end === -1) return fail(valueStart, 'a quoted value is never closed');
      const quote = q === 34 ? '"' : "'";
      let value = chars;
      let interpolates = false;
      if (quote === '"') {
        value = expandEscapes(chars);
        const t = templateUse(value);
        if (t.invalid) return fail(valueStart, 'a ${…} template Compose cannot read');
        interpolates = t.interpolates;
      }
      entries.push({ key, value, start, valueStart, quote, inherited: false, interpolates });
      pos = end + 1;
      continue;
    }
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    let value = text.slice(pos, end);
    const cut = value.indexOf(' #');
    if (cut !== -1) value = value.slice(0, cut);
    value = trimEndGo(value);
    const t = templateUse(value);
    if (t.invalid) return fail(valueStart, 'a ${…} template Compose cannot read');
    entries.push({ key, value, start, valueStart, quote: null, inherited: false, interpolates: t.interpolates });
    pos = end;
  }
  return { entries };
}
