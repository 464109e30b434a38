import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveEntry, parseEnv, printEnv } from '../../../electron/core/env/parse.js';
import { envBytes, envText } from './env-arbitrary.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/env/', import.meta.url));
const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.env')).sort();
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(FIXTURES + name));

/** What dotenv itself reads (Buffer input, as dotenv.config reads files). */
const oracle = (bytes: Uint8Array): Record<string, string> => dotenv.parse(Buffer.from(bytes));

/** Invariants every parse must satisfy, whatever the input. */
function checkDocument(bytes: Uint8Array): void {
  const doc = parseEnv(bytes);
  expect(Buffer.from(printEnv(doc)).equals(Buffer.from(bytes))).toBe(true);
  expect(doc.values).toEqual(oracle(bytes));
  expect(doc.spans).toHaveLength(doc.entries.length);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  doc.entries.forEach((e, i) => {
    const span = doc.spans[i]!;
    // The key's bytes are the key; the value's bytes are the written value (quotes included).
    expect(decoder.decode(bytes.subarray(span.keyStart, span.keyEnd))).toBe(e.key);
    expect(span.start <= span.keyStart && span.keyEnd <= span.valueStart && span.valueStart <= span.valueEnd).toBe(true);
    if (e.key !== '__proto__' && effectiveEntry(doc, e.key) === e) expect(doc.values[e.key]).toBe(e.value);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
  });
}

describe('parseEnv on hand-written fixtures', () => {
  it('has a fixture for every construct', () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(25);
  });
  it.each(fixtureNames)('%s: prints back byte-identical and reads exactly what dotenv reads', (name) => {
    const bytes = fixture(name);
    checkDocument(bytes);
    // A string input reads the same as its bytes.
    const text = readFileSync(FIXTURES + name, 'utf8');
    expect(parseEnv(text).values).toEqual(dotenv.parse(text));
  });
});

describe('parseEnv details', () => {
  it('reports line, column, quote and export for each assignment', () => {
    const doc = parseEnv(fixture('export-prefix.env'));
    expect(doc.entries.map((e) => [e.key, e.line, e.column, e.exported])).toEqual([
      ['A', 1, 1, true],
      ['B', 2, 1, true],
      ['C', 3, 1, true],
      ['export', 4, 1, false],
      ['export', 5, 1, true],
      ['D', 6, 1, true],
    ]);
    const q = parseEnv(fixture('quotes.env'));
    expect(Object.fromEntries(q.entries.map((e) => [e.key, e.quote]))).toMatchObject({ SINGLE: "'", DOUBLE: '"', BACK: '`', SPACED: "'", NOT_CLOSED_SAME: null });
  });

  it('keeps CRLF, BOM and line numbers of multi-line values', () => {
    const doc = parseEnv(fixture('crlf.env'));
    expect(doc.eol).toBe('\r\n');
    expect(doc.bom).toBe(false);
    expect(doc.values.B).toBe('multi\nline');
    expect(effectiveEntry(doc, 'C')?.line).toBe(5);
    const bom = parseEnv(fixture('bom.env'));
    expect(bom.bom).toBe(true);
    expect(bom.eol).toBe('\n');
    expect(bom.entries[0]).toMatchObject({ key: 'FIRST', line: 1, column: 1 });
  });

  it('keeps duplicates in order and lets the last one win', () => {
    const doc = parseEnv(fixture('duplicates.env'));
    expect(doc.entries.filter((e) => e.key === 'KEY').map((e) => e.value)).toEqual(['first', 'second', 'third']);
    expect(effectiveEntry(doc, 'KEY')).toMatchObject({ value: 'third', line: 4, quote: "'" });
    expect(effectiveEntry(doc, 'MISSING')).toBeUndefined();
  });

  it('follows dotenv quirks: colon syntax, values on a later line, # cuts unquoted values', () => {
    expect(parseEnv('A: x\nB:y\n').values).toEqual({ A: 'x' });
    expect(parseEnv('A=\n"later"\n').entries[0]).toMatchObject({ key: 'A', value: 'later', line: 1 });
    expect(parseEnv('P=abc#def\n').values.P).toBe('abc');
    expect(parseEnv("Q='abc#def'\n").values.Q).toBe('abc#def');
  });

  it('prints a copy: changing the printed bytes never changes the input', () => {
    const input = Buffer.from('A=1\n');
    const printed = printEnv(parseEnv(input));
    printed[2] = 0x32;
    expect(input.toString()).toBe('A=1\n');
  });

  it('maps spans through invalid UTF-8 and multi-byte characters', () => {
    const bytes = fixture('invalid-utf8.env');
    const doc = parseEnv(bytes);
    const d = effectiveEntry(doc, 'D')!;
    const span = doc.spans[doc.entries.indexOf(d)]!;
    expect(Buffer.from(bytes.subarray(span.valueStart, span.valueEnd)).toString('utf8')).toBe('😀 emoji');
  });
});

// 15 000 runs each: seconds alone, but several times that on a loaded shared machine.
describe('parseEnv properties (generated files)', { timeout: 120_000 }, () => {
  it('round-trips and matches dotenv on generated .env text', () => {
    fc.assert(
      fc.property(envText, (s) => {
        checkDocument(new Uint8Array(Buffer.from(s, 'utf8')));
        expect(parseEnv(s).values).toEqual(dotenv.parse(s));
      }),
      { numRuns: 15_000 },
    );
  });
  it('round-trips and matches dotenv on arbitrary bytes', () => {
    fc.assert(fc.property(envBytes, (b) => checkDocument(b)), { numRuns: 15_000 });
  });
});
