import { describe, expect, it } from 'vitest';
import { issuedKeyClients } from '../../../../electron/core/workspace/presets/issued-key.js';
import { scanOf } from '../scan-builder.js';

describe('issuedKeyClients', () => {
  it('binds each folder holding the key as a client, with .env.local when present', () => {
    const scan = scanOf({ env: { 'a/.env': { X_API_KEY: 'k', X_URL: 'u' }, 'a/.env.local': { X_API_KEY: 'k' }, 'b/.env': { X_API_KEY: 'k' } } });
    const r = issuedKeyClients(scan, { pattern: /^X_.*KEY$/, conventionalVar: 'X_API_KEY', urlVars: ['X_URL'], exclude: [] });
    expect(r.services).toEqual({ a: { dir: 'a', envFiles: ['.env', '.env.local'] }, b: { dir: 'b', envFiles: ['.env'] } });
    expect(r.bindings).toEqual([
      { service: 'a', var: 'X_API_KEY', role: 'client', urlVar: 'X_URL' },
      { service: 'b', var: 'X_API_KEY', role: 'client' },
    ]);
  });

  it('falls back to a placeholder app client', () => {
    const r = issuedKeyClients(scanOf({}), { pattern: /^X_/, conventionalVar: 'X_API_KEY', urlVars: ['X_URL'], exclude: [] });
    expect(r.bindings).toEqual([{ service: 'app', var: 'X_API_KEY', role: 'client', urlVar: 'X_URL' }]);
    expect(r.warnings).toHaveLength(1);
  });
});
