import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../electron/core/env/parse.js';
import { unwritableReason, valueSpellings } from '../../../electron/core/env/quote.js';
import { envValueText } from './env-arbitrary.js';

const readsBack = (text: string): string | undefined => parseEnv(`K=${text}\n`).values.K;

describe('valueSpellings', () => {
  it('puts the least quoting first, or the current quote style when there is one', () => {
    expect(valueSpellings('abc', null, '\n')[0]).toEqual({ quote: null, text: 'abc' });
    expect(valueSpellings('abc', "'", '\n')[0]).toEqual({ quote: "'", text: "'abc'" });
    expect(valueSpellings('abc', '"', '\n')[0]).toEqual({ quote: '"', text: '"abc"' });
    expect(valueSpellings('abc', '`', '\n')[0]).toEqual({ quote: '`', text: '`abc`' });
  });

  it('keeps a multi-line value on one line with \\n in double quotes, or uses the file newline', () => {
    expect(valueSpellings('a\nb', null, '\n')[0]).toEqual({ quote: '"', text: '"a\\nb"' });
    expect(valueSpellings('a\nb', "'", '\r\n')[0]).toEqual({ quote: "'", text: "'a\r\nb'" });
    expect(valueSpellings('a\rb', null, '\n').map((s) => s.text)).toEqual(['"a\\rb"']);
  });

  it('never offers an unquoted spelling for a value with a line break', () => {
    fc.assert(fc.property(envValueText, (v) => {
      const sp = valueSpellings(v, null, '\n');
      if (/[\r\n]/.test(v)) expect(sp.every((s) => s.quote !== null)).toBe(true);
    }));
  });

  it('offers at least one spelling that reads back exactly for ordinary values', () => {
    const ordinary = fc.string({ unit: fc.constantFrom(...'abcXYZ019_-/+=:.@ #$\'"'), maxLength: 30 });
    fc.assert(fc.property(ordinary, (v) => {
      const quotes = ["'", '"', '`'].filter((q) => v.includes(q)).length;
      if (quotes === 3) return;
      expect(valueSpellings(v, null, '\n').some((s) => readsBack(s.text) === v)).toBe(true);
    }), { numRuns: 3_000 });
  });
});

describe('unwritableReason', () => {
  it('names the troublesome traits without the value', () => {
    const r = unwritableReason('my\rsecret\\n');
    expect(r).toMatch(/carriage return/);
    expect(r).toMatch(/backslash-n/);
    expect(r).not.toContain('secret');
  });
});
