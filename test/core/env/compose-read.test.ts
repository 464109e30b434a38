import { describe, expect, it } from 'vitest';
import { readLikeCompose } from '../../../electron/core/env/compose-read.js';

const values = (s: string): Record<string, string> => Object.fromEntries(readLikeCompose(s).entries.filter((e) => !e.inherited).map((e) => [e.key, e.value]));

// Expected values follow compose-go's dotenv parser (dotenv/parser.go) and its test-suite cases.
describe('readLikeCompose', () => {
  it('reads plain, quoted and exported assignments, and colon syntax with or without a space', () => {
    expect(values('A=1\nexport B=two\nC: three\nD:four\n')).toEqual({ A: '1', B: 'two', C: 'three', D: 'four' });
  });

  it('keeps "#" unless a blank precedes it, and strips trailing blanks', () => {
    expect(values('A=abc#def\nB=abc #def\nC=abc\t#def\nD=x   \n')).toEqual({ A: 'abc#def', B: 'abc', C: 'abc\t#def', D: 'x' });
  });

  it('handles quotes: escapes in double quotes, none in single, backticks are not quotes', () => {
    expect(values('A="a\\nb\\t\\"q\\""\nB=\'a\\nb\'\nC=`x`\nD="multi\nline"\n')).toEqual({ A: 'a\nb\t"q"', B: 'a\\nb', C: '`x`', D: 'multi\nline' });
  });

  it('notes interpolation in unquoted and double-quoted values but not in single quotes', () => {
    const r = readLikeCompose('A=$HOME\nB="${USER:-x}"\nC=\'$HOME\'\nD=cost $5\nE=$$literal\n');
    expect(Object.fromEntries(r.entries.map((e) => [e.key, e.interpolates]))).toEqual({ A: true, B: true, C: false, D: false, E: true });
  });

  it('treats a bare KEY line as inherited from the environment', () => {
    const r = readLikeCompose('FROM_SHELL\nA=1\n');
    expect(r.entries[0]).toMatchObject({ key: 'FROM_SHELL', inherited: true });
    expect(r.error).toBeUndefined();
  });

  it('drops a leading BOM', () => {
    expect(values('\ufeffA=1\n')).toEqual({ A: '1' });
  });

  it('refuses what Compose refuses, pointing at the spot', () => {
    expect(readLikeCompose('A=1\n!bad=2\n').error).toMatchObject({ index: 4, reason: expect.stringMatching(/unexpected character/) });
    expect(readLikeCompose('some words here\n').error?.reason).toMatch(/contains a space/);
    expect(readLikeCompose("A='never closed\nB=2\n").error).toMatchObject({ index: 2, reason: expect.stringMatching(/never closed/) });
    expect(readLikeCompose('A=${1bad}\n').error?.reason).toMatch(/template/);
  });

  it('accepts keys with dots, dashes, brackets and non-ASCII letters', () => {
    expect(values('a.b=1\nc-d=2\ne[0]=3\nÄRGER=4\n')).toEqual({ 'a.b': '1', 'c-d': '2', 'e[0]': '3', ÄRGER: '4' });
  });
});
