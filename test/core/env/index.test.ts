import { describe, expect, it } from 'vitest';
import * as env from '../../../electron/core/env/index.js';

describe('electron/core/env public API', () => {
  it('exports the functions other areas build on', () => {
    for (const name of ['parseEnv', 'printEnv', 'effectiveEntry', 'setValue', 'unsetValue', 'renameKey', 'lintEnv'] as const) {
      expect(typeof env[name], name).toBe('function');
    }
  });

  it('works end to end: parse, edit, lint', () => {
    const file = 'HIVECFM_HUB_API_KEY=old # shared\r\n';
    const doc = env.parseEnv(file);
    expect(env.effectiveEntry(doc, 'HIVECFM_HUB_API_KEY')).toMatchObject({ value: 'old', line: 1, column: 1, quote: null, exported: false });
    expect(Buffer.from(env.printEnv(doc)).toString()).toBe(file);
    const next = env.setValue(file, 'HIVECFM_HUB_API_KEY', 'hcfm_3f9a0c7e1b2d4f6a8c0e');
    expect(Buffer.from(next).toString()).toBe('HIVECFM_HUB_API_KEY=hcfm_3f9a0c7e1b2d4f6a8c0e # shared\r\n');
    expect(env.lintEnv(next)).toEqual([]);
    expect(env.lintEnv(file).map((d) => d.code)).toEqual(['SHORT_SECRET']);
  });
});
