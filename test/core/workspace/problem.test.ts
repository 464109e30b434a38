import { describe, expect, it } from 'vitest';
import { formatPath, WorkspaceInvalidError } from '../../../electron/core/workspace/problem.js';

describe('formatPath', () => {
  it('writes dotted paths with [index] for arrays', () => {
    expect(formatPath(['secrets', 'hub-api-key', 'bindings', 1, 'service'])).toBe('secrets.hub-api-key.bindings[1].service');
    expect(formatPath([])).toBe('(top level)');
  });
});

describe('WorkspaceInvalidError', () => {
  it('lists every problem with its line and carries the first one as file/line/fix', () => {
    const e = new WorkspaceInvalidError('/w/keyhive.yaml', [
      { path: ['services', 'a', 'dir'], message: 'is required but missing', fix: 'Add services.a.dir.', line: 4 },
      { path: ['secrets', 'k', 'format'], message: 'uses unknown format "x"', fix: 'Use one of: generic.', line: 9 },
    ]);
    expect(e.code).toBe('WORKSPACE_INVALID');
    expect(e.file).toBe('/w/keyhive.yaml');
    expect(e.line).toBe(4);
    expect(e.fix).toBe('Add services.a.dir.');
    expect(e.message).toContain('2 problems');
    expect(e.message).toContain('line 9: secrets.k.format: uses unknown format "x" (fix: Use one of: generic.)');
    expect(e.toPayload()).toMatchObject({ code: 'WORKSPACE_INVALID', file: '/w/keyhive.yaml', line: 4 });
  });
});
