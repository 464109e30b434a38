import { describe, expect, it } from 'vitest';
import { KeyhiveError } from '../../shared/errors.js';

describe('KeyhiveError', () => {
  it('describes file, line and fix', () => {
    const e = new KeyhiveError('ENV_PARSE', 'bad line', { file: 'a/.env', line: 3, fix: 'quote it' });
    expect(e.describe()).toBe('a/.env:3: bad line\n  fix: quote it');
  });
});
