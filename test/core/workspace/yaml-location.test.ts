import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { locate } from '../../../electron/core/workspace/yaml-location.js';

const TEXT = `name: x
services:
  hub:
    dir: hub
secrets:
  k:
    bindings:
      - service: hub
        var: API_KEY
      - { service: core, var: X }
`;

function at(path: (string | number)[], atKey = false) {
  const lines = new LineCounter();
  const doc = parseDocument(TEXT, { lineCounter: lines });
  return locate(doc, lines, path, atKey);
}

describe('locate', () => {
  it('finds values in block and flow collections', () => {
    expect(at(['services', 'hub', 'dir'])).toEqual({ line: 4, col: 10 });
    expect(at(['secrets', 'k', 'bindings', 0, 'var'])).toEqual({ line: 9, col: 14 });
    expect(at(['secrets', 'k', 'bindings', 1, 'service'])).toEqual({ line: 10, col: 20 });
  });

  it('points at the key when asked', () => {
    expect(at(['services', 'hub', 'dir'], true)).toEqual({ line: 4, col: 5 });
  });

  it('falls back to the nearest existing parent', () => {
    expect(at(['services', 'hub', 'envFiles'])?.line).toBe(4);
    expect(at(['secrets', 'k', 'bindings', 5, 'var'])?.line).toBe(8);
  });
});
