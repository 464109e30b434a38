import { describe, expect, it } from 'vitest';
import { syncTargets } from '../../../electron/core/drift/targets.js';
import { file } from './helpers.js';

describe('syncTargets', () => {
  it('writes every file that assigns the variable, shadowing ones included', () => {
    expect(syncTargets([file('/a/.env', 'x'), file('/a/.env.local', 'y')])).toEqual([
      { path: '/a/.env', create: false },
      { path: '/a/.env.local', create: false },
    ]);
  });
  it('writes only the assigning file when another exists without it', () => {
    expect(syncTargets([file('/a/.env'), file('/a/.env.local', 'y')])).toEqual([{ path: '/a/.env.local', create: false }]);
  });
  it('appends to the first existing file when none assigns it', () => {
    expect(syncTargets([{ path: '/a/.env', exists: false }, file('/a/.env.local')])).toEqual([{ path: '/a/.env.local', create: false }]);
  });
  it('creates the first file when none exists, and ignores duplicates', () => {
    expect(syncTargets([{ path: '/a/.env', exists: false }, { path: '/a/.env', exists: false }])).toEqual([{ path: '/a/.env', create: true }]);
    expect(syncTargets([])).toEqual([]);
  });
});
