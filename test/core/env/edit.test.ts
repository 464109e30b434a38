import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renameKey, setValue, unsetValue } from '../../../electron/core/env/edit.js';
import { effectiveIndex, parseEnv } from '../../../electron/core/env/parse.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { envBytes, envKey, envValueText } from './env-arbitrary.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/env/', import.meta.url));
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(FIXTURES + name));
const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
const read = (b: Uint8Array): Record<string, string> => dotenv.parse(Buffer.from(b));
const SECRET = 'hcfm_NEWVALUE_9f8e7d6c5b4a';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof KeyhiveError) return e.code;
    throw e;
  }
  return undefined;
}

/** The edit replaced exactly the bytes of the winning value of `key` and nothing else. */
function expectOnlyValueBytesChanged(before: Uint8Array, after: Uint8Array, key: string): void {
  const doc = parseEnv(before);
  const span = doc.spans[effectiveIndex(doc, key)]!;
  expect(Buffer.from(after.subarray(0, span.valueStart)).equals(Buffer.from(before.subarray(0, span.valueStart)))).toBe(true);
  const tail = before.length - span.valueEnd;
  expect(Buffer.from(after.subarray(after.length - tail)).equals(Buffer.from(before.subarray(span.valueEnd)))).toBe(true);
}

describe('setValue', () => {
  it('replaces only the value bytes, keeping comments, quotes and CRLF', () => {
    const core = fixture('hivecfm-core.env');
    const out = setValue(core, 'HIVECFM_HUB_API_KEY', SECRET);
    expectOnlyValueBytesChanged(core, out, 'HIVECFM_HUB_API_KEY');
    expect(text(out)).toContain(`HIVECFM_HUB_API_KEY="${SECRET}" # shared with hub\n`);
    expect(read(out)).toEqual({ ...read(core), HIVECFM_HUB_API_KEY: SECRET });

    const crlf = fixture('crlf.env');
    const out2 = setValue(crlf, 'C', 'new');
    expect(text(out2)).toBe(text(crlf).replace("C='x' # c", "C='new' # c"));
  });

  it('changes the winning assignment of a duplicated key', () => {
    const out = setValue(fixture('duplicates.env'), 'KEY', 'fourth');
    expect(text(out)).toBe("KEY=first\nOTHER=x\nKEY=second\nKEY='fourth'\n");
  });

  it('appends an absent key with the file newline style, adding a line break when the file lacks one', () => {
    expect(text(setValue(fixture('no-final-newline.env'), 'NEW', 'v'))).toBe('A=1\nB=2\nNEW=v\n');
    expect(text(setValue(fixture('bom-crlf.env'), 'NEW', 'v'))).toBe('\ufeffA=1\r\nB=2\r\nNEW=v\r\n');
    expect(text(setValue('', 'NEW', 'v'))).toBe('NEW=v\n');
    expect(text(setValue('export A=1\n', 'B', 'v'))).toBe('export A=1\nexport B=v\n');
  });

  it('fills an empty value in place', () => {
    expect(text(setValue('A=\nB=2\n', 'A', 'x'))).toBe('A=x\nB=2\n');
    expect(text(setValue('A= # note\n', 'A', 'x'))).toBe('A=x # note\n');
  });

  it('quotes only as much as the value needs', () => {
    expect(text(setValue('A=1\n', 'A', 'plain'))).toBe('A=plain\n');
    expect(text(setValue('A=1\n', 'A', 'has # hash'))).toBe("A='has # hash'\n");
    expect(text(setValue('A=1\n', 'A', '  padded '))).toBe("A='  padded '\n");
    expect(text(setValue('A=1\n', 'A', 'two\nlines'))).toBe('A="two\\nlines"\n');
    expect(text(setValue('A=1\n', 'A', "it's # x"))).toBe('A="it\'s # x"\n');
    expect(text(setValue('A=1\n', 'A', ''))).toBe('A=\n');
    expect(text(setValue('A="1"\n', 'A', 'kept'))).toBe('A="kept"\n');
  });

  it('refuses a value dotenv cannot read back, saying why without showing it', () => {
    const value = 'q\'"`\n#zz-unique';
    let err: unknown;
    try {
      setValue('A=1\n', 'A', value);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KeyhiveError);
    expect((err as KeyhiveError).code).toBe('ENV_UNWRITABLE_VALUE');
    expect((err as KeyhiveError).message).toMatch(/quote characters/);
    expect((err as KeyhiveError).message).not.toContain('zz-unique');
    expect(codeOf(() => setValue('A=1\n', 'A', 'cr\rand\\n'))).toBe('ENV_UNWRITABLE_VALUE');
  });

  it('refuses with EDIT_VERIFY_FAILED when the edit would change another key', () => {
    // `X:` with no line break after it would swallow an appended line as its value.
    expect(codeOf(() => setValue('X:', 'NEW', 'v'))).toBe('EDIT_VERIFY_FAILED');
  });

  it('rejects keys dotenv cannot read', () => {
    expect(codeOf(() => setValue('', 'BAD KEY', 'v'))).toBe('BAD_INPUT');
    expect(codeOf(() => setValue('', '__proto__', 'v'))).toBe('BAD_INPUT');
  });
});

describe('unsetValue', () => {
  it('comments out every assignment of the key, multi-line values included', () => {
    expect(text(unsetValue(fixture('duplicates.env'), 'KEY'))).toBe("# KEY=first\nOTHER=x\n# KEY=second\n# KEY='third'\n");
    expect(text(unsetValue('A="l1\r\nl2"\r\nB=2\r\n', 'A'))).toBe('# A="l1\r\n# l2"\r\nB=2\r\n');
    expect(text(unsetValue('  export A=1 # c\n', 'A'))).toBe('  # export A=1 # c\n');
  });

  it('removes the lines of the assignment in remove mode', () => {
    expect(text(unsetValue(fixture('duplicates.env'), 'KEY', 'remove'))).toBe('OTHER=x\n');
    expect(text(unsetValue('A=1\nB="x\ny"\nC=3', 'B', 'remove'))).toBe('A=1\nC=3');
    expect(text(unsetValue('\ufeffA=1\r\nB=2', 'A', 'remove'))).toBe('\ufeffB=2');
  });

  it('leaves a file without the key unchanged', () => {
    expect(text(unsetValue('A=1\n', 'Z'))).toBe('A=1\n');
  });
});

describe('renameKey', () => {
  it('renames every assignment, keeping the value bytes', () => {
    expect(text(renameKey(fixture('duplicates.env'), 'KEY', 'NEW_KEY'))).toBe("NEW_KEY=first\nOTHER=x\nNEW_KEY=second\nNEW_KEY='third'\n");
  });
  it('refuses to overwrite an existing key or rename a missing one', () => {
    expect(codeOf(() => renameKey('A=1\nB=2\n', 'A', 'B'))).toBe('BAD_INPUT');
    expect(codeOf(() => renameKey('A=1\n', 'Z', 'B'))).toBe('NOT_FOUND');
  });
});

describe('edit properties: exact success or a refusal, never corruption', () => {
  const refusal = (e: unknown): boolean => e instanceof KeyhiveError && (e.code === 'ENV_UNWRITABLE_VALUE' || e.code === 'EDIT_VERIFY_FAILED');

  it('setValue', () => {
    fc.assert(fc.property(envBytes, envKey, envValueText, (bytes, key, value) => {
      const before = read(bytes);
      let out: Uint8Array;
      try {
        out = setValue(bytes, key, value);
      } catch (e) {
        if (!refusal(e)) throw e;
        return;
      }
      const after = read(out);
      expect(after[key]).toBe(value);
      const rest = (o: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
      expect(rest(after)).toEqual(rest(before));
      if (Object.prototype.hasOwnProperty.call(before, key) && key !== '__proto__') expectOnlyValueBytesChanged(bytes, out, key);
    }), { numRuns: 10_000 });
  });

  it('setValue of a token-like value on an existing key always succeeds', () => {
    const token = fc.string({ unit: fc.constantFrom(...'abcdefXYZ0123456789_'), minLength: 1, maxLength: 40 });
    fc.assert(fc.property(envBytes, token, (bytes, value) => {
      const doc = parseEnv(bytes);
      const key = Object.keys(doc.values)[0];
      if (key === undefined) return;
      expect(read(setValue(bytes, key, value))[key]).toBe(value);
    }), { numRuns: 5_000 });
  });

  it('unsetValue and renameKey', () => {
    fc.assert(fc.property(envBytes, fc.boolean(), (bytes, remove) => {
      const before = read(bytes);
      const key = Object.keys(before)[0];
      if (key === undefined) return;
      const rest = { ...before };
      delete rest[key];
      try {
        const after = read(unsetValue(bytes, key, remove ? 'remove' : 'comment'));
        expect(after).toEqual(rest);
      } catch (e) {
        if (!refusal(e)) throw e;
      }
      const to = 'RENAMED_KEY';
      if (Object.prototype.hasOwnProperty.call(before, to)) return;
      try {
        expect(read(renameKey(bytes, key, to))).toEqual({ ...rest, [to]: before[key] });
      } catch (e) {
        if (!refusal(e)) throw e;
      }
    }), { numRuns: 5_000 });
  });
});
