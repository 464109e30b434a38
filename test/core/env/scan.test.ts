import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../electron/core/env/parse.js';
import { scanDotenv, SPAN_FIELDS } from '../../../electron/core/env/scan.js';
import { envBytes, envText } from './env-arbitrary.js';
import { regexEntries } from './regex-oracle.js';

/** The scanner's entries in the oracle's shape. */
function scanned(text: string): ReturnType<typeof regexEntries> {
  const { keys, positions } = scanDotenv(text);
  const doc = parseEnv(text);
  return keys.map((key, i) => {
    const p = i * SPAN_FIELDS;
    return {
      key,
      value: doc.entries[i]!.value,
      start: positions[p]!,
      keyStart: positions[p + 1]!,
      keyEnd: positions[p + 2]!,
      valueStart: positions[p + 3]!,
      valueEnd: positions[p + 4]!,
      hasValue: positions[p + 5] === 1,
    };
  });
}

const normalised = (s: string): string => s.replace(/\r\n?/g, '\n');

describe('scanDotenv finds exactly what dotenv\'s line pattern matches, at the same positions', () => {
  it.each([
    ['export tricks', 'export A=1\nexport=2\nexport  =3\nexport\n\nB=4\nexport.x=5\nexport C\nexport D E=6\n'],
    ['escaped and unclosed quotes', `A="a\\"b" # c\nB='x\\'y\\' z'\nC="open\nD=2\nE='a' b'\nF=\`m\nl\` #x\nG="\\\\"\n`],
    ['colon syntax', 'A: x\nB:y\nC:\tz\nD:\nE\n=6\nF :7\n'],
    ['line and paragraph separators', 'A=1\u2028B=2\nC="x"\u2029D=3\nE=\'q\u2028\'\n\u2028F=4\n#\u2028G=5\nH=\u2028\nI=x\u2028#y\n'],
    ['blanks and comments around values', 'A=\n"later"\nB=   # none\nC=  \n\n  # c\nD=x#y\nE=\u00a0v\u00a0\n\ufeffF=1\n'],
    ['values on later lines', "A=\n\n'x'\n\nB\n\n=2\nC=\n#c\nD=4\n"],
  ])('%s', (_name, text) => {
    expect(scanned(text)).toEqual(regexEntries(text));
  });

  it('on generated .env text and arbitrary bytes', { timeout: 120_000 }, () => {
    fc.assert(fc.property(envText, (s) => {
      expect(scanned(normalised(s))).toEqual(regexEntries(normalised(s)));
    }), { numRuns: 10_000 });
    fc.assert(
      fc.property(envBytes, (b) => {
        const s = normalised(Buffer.from(b).toString('utf8'));
        expect(scanned(s)).toEqual(regexEntries(s));
      }),
      { numRuns: 10_000 },
    );
  });
});
