/**
 * fast-check generators of .env-like files: real constructs (export, quotes, multi-line values,
 * comments, colon syntax, CRLF/CR, BOM, duplicates) mixed with junk, as bytes.
 */
import fc from 'fast-check';

const KEY_CHARS = 'ABCXYZabcxyz019_.-';
export const envKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('API_KEY', 'HIVECFM_HUB_API_KEY', 'PORT', 'DB_URL', 'A', 'B', 'TOKEN', 'export', 'x.y', 'a-b') },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...KEY_CHARS), minLength: 1, maxLength: 6 }) },
);

/** Characters that matter to dotenv and Compose, plus ordinary and exotic ones. */
const valueChar = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...'abcXYZ019_-/+=:.@') },
  { weight: 3, arbitrary: fc.constantFrom(' ', '\t', '#', "'", '"', '`', '\\', '$', '{', '}') },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\r', '\r\n', '\\n', '\\r', '\u00a0', '\u2028', '\u2029', '\ufeff', 'é', '日', '🐝', 'n', 'r') },
);
export const envValueText = fc.array(valueChar, { maxLength: 14 }).map((a) => a.join(''));

const blank = fc.constantFrom('', ' ', '  ', '\t', ' \t');
const sep = fc.constantFrom('=', '=', '=', ' = ', ':', ': ', ':\t', ' : ', '=\n', '\n=');
const quoteWrap = fc.constantFrom<[string, string]>(['', ''], ['', ''], ["'", "'"], ['"', '"'], ['`', '`'], ["'", ''], ['"', ''], ['', '"']);
const comment = fc.constantFrom('', '', '', ' # note', '#tight', ' #', '  # a # b');

const assignment = fc
  .tuple(blank, fc.constantFrom('', '', '', 'export ', 'export\t', 'export  '), envKey, sep, blank, quoteWrap, envValueText, blank, comment)
  .map(([b1, exp, key, s, b2, [qo, qc], v, b3, c]) => `${b1}${exp}${key}${s}${b2}${qo}${v}${qc}${b3}${c}`);

const otherLine = fc.oneof(
  fc.constantFrom('', '', '# comment', '   # indented', '#', 'JUST_A_KEY', 'some words', '=value', '[section]', 'export', '  ', '\t'),
  envValueText,
);

const lineBreak = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** A text .env file. */
export const envText = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: assignment }, { weight: 1, arbitrary: otherLine }), lineBreak), { maxLength: 10 }),
    fc.boolean(),
  )
  .map(([bom, lines, finalBreak]) => {
    let s = (bom ? '\ufeff' : '') + lines.map(([l, br]) => l + br).join('');
    if (!finalBreak && s.endsWith('\n')) s = s.slice(0, -1);
    return s;
  });

/** Bytes: mostly UTF-8 text, sometimes with random bytes spliced in (invalid UTF-8, NULs, ...). */
export const envBytes = fc.oneof(
  { weight: 4, arbitrary: envText.map((s) => new Uint8Array(Buffer.from(s, 'utf8'))) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(envText, fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })), { maxLength: 3 }))
      .map(([s, junk]) => {
        let b = Buffer.from(s, 'utf8');
        for (const [at, bytes] of junk) {
          const i = b.length === 0 ? 0 : at % (b.length + 1);
          b = Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i)]);
        }
        return new Uint8Array(b);
      }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 80 }) },
);
