/**
 * How to write a value so that dotenv reads it back identically, quoting only as much as needed.
 * The writer offers candidate spellings in order of preference; the editor keeps the first one a
 * re-parse proves exact. When none works, `unwritableReason` says why (never showing the value).
 */
import type { EnvQuote } from './types.js';

export interface ValueSpelling {
  quote: EnvQuote | null;
  text: string;
}

const HAS_ESCAPE = /\\[nr]/;

function spellings(value: string, eol: string): Record<'none' | 'single' | 'doubleEscaped' | 'doubleRaw' | 'backtick', ValueSpelling | null> {
  const hasCR = value.includes('\r');
  const hasLF = value.includes('\n');
  const withEol = (v: string): string => (eol === '\n' ? v : v.replace(/\n/g, eol));
  return {
    none: hasCR || hasLF ? null : { quote: null, text: value },
    single: hasCR ? null : { quote: "'", text: `'${withEol(value)}'` },
    doubleEscaped: HAS_ESCAPE.test(value) ? null : { quote: '"', text: `"${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"` },
    doubleRaw: hasCR || HAS_ESCAPE.test(value) ? null : { quote: '"', text: `"${withEol(value)}"` },
    backtick: hasCR ? null : { quote: '`', text: `\`${withEol(value)}\`` },
  };
}

/**
 * Candidate spellings, best first. `preferred` is the quote the value is written in today: the
 * editor keeps that style when the new value allows it; otherwise the least quoting wins.
 */
export function valueSpellings(value: string, preferred: EnvQuote | null, eol: '\n' | '\r\n'): ValueSpelling[] {
  const s = spellings(value, eol);
  const order: (keyof typeof s)[] =
    preferred === "'" ? ['single', 'none', 'doubleEscaped', 'doubleRaw', 'backtick']
      : preferred === '"' ? ['doubleEscaped', 'doubleRaw', 'none', 'single', 'backtick']
        : preferred === '`' ? ['backtick', 'none', 'single', 'doubleEscaped', 'doubleRaw']
          : value.includes('\n') ? ['doubleEscaped', 'single', 'doubleRaw', 'backtick'] // keeps it on one line
            : ['none', 'single', 'doubleEscaped', 'doubleRaw', 'backtick'];
  const out: ValueSpelling[] = [];
  for (const k of order) {
    const sp = s[k];
    if (sp && !out.some((o) => o.text === sp.text)) out.push(sp);
  }
  return out;
}

/** Why no spelling of this value reads back identically — in words, without the value. */
export function unwritableReason(value: string): string {
  const traits: string[] = [];
  if (value.includes('\r')) traits.push('a carriage return (only writable as \\r inside double quotes)');
  if (HAS_ESCAPE.test(value)) traits.push('a literal backslash-n or backslash-r sequence (double quotes would turn it into a line break)');
  if (value.includes('\n')) traits.push('a line break (needs quotes)');
  const quotes = ["'", '"', '`'].filter((q) => value.includes(q));
  if (quotes.length > 0) traits.push(`the quote character${quotes.length > 1 ? 's' : ''} ${quotes.join(' ')}`);
  if (value.includes('#')) traits.push("a '#' (starts a comment unless quoted)");
  if (value !== value.trim()) traits.push('leading or trailing blanks (dropped unless quoted)');
  if (/\\$/.test(value)) traits.push('a trailing backslash (escapes the closing quote)');
  if (/[\u2028\u2029]/.test(value)) traits.push('a Unicode line or paragraph separator');
  const what = traits.length > 0 ? `it contains ${traits.join(', ')}` : 'of its combination of characters';
  return `no spelling (unquoted, '…', "…" or \`…\`) makes dotenv read this value back identically: ${what}`;
}
