import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintEnv } from '../../../electron/core/env/diagnostics.js';
import { envBytes } from './env-arbitrary.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/env/', import.meta.url));
const lintFixture = (name: string): ReturnType<typeof lintEnv> => lintEnv(new Uint8Array(readFileSync(FIXTURES + name)));
const codes = (ds: ReturnType<typeof lintEnv>): string[] => ds.map((d) => `${d.line}:${d.column} ${d.code}${d.key ? ' ' + d.key : ''}`);

describe('lintEnv: where dotenv and Docker Compose disagree', () => {
  it('flags "#" without a blank before it, with line and column of the value', () => {
    expect(codes(lintEnv('A=ok # fine\nB=value#cut\n'))).toEqual(['2:3 HASH_WITHOUT_SPACE B']);
  });
  it('flags $VAR / ${VAR} / $$ that Compose interpolates, not in single quotes', () => {
    expect(codes(lintEnv("A=$HOME\nB=\"${USER}\"\nC='$HOME'\nD=a$$b\n"))).toEqual([
      '1:3 COMPOSE_INTERPOLATION A', '2:3 COMPOSE_INTERPOLATION B', '4:3 COMPOSE_INTERPOLATION D',
    ]);
  });
  it('flags a bare KEY, a line Compose rejects, backticks and KEY:value without a space', () => {
    expect(codes(lintEnv('FROM_ENV\nA=1\n'))).toEqual(['1:1 BARE_KEY FROM_ENV']);
    expect(codes(lintEnv('A=1\nnot an assignment\n'))).toEqual(['2:1 COMPOSE_REJECTS_FILE']);
    expect(codes(lintEnv('A=`x`\n'))).toEqual(['1:3 BACKTICK_QUOTES A']);
    expect(codes(lintEnv('A:x\n'))).toEqual(['1:1 ONLY_COMPOSE A']);
    expect(lintEnv('A=1\nnot an assignment\n')[0]).toMatchObject({ severity: 'error', fix: expect.any(String) });
  });
  it('flags duplicates at the ignored lines and export as info', () => {
    expect(codes(lintEnv('A=1\nB=2\nA=3\nexport C=4\n'))).toEqual(['1:1 DUPLICATE_KEY A', '4:1 EXPORT_PREFIX C']);
    expect(lintEnv('export C=4\n')[0]?.severity).toBe('info');
    expect(lintEnv('C: 4\n').map((d) => [d.code, d.severity])).toEqual([['COLON_SYNTAX', 'info']]);
  });
  it('says nothing about a clean file', () => {
    expect(lintFixture('basic.env').filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('lintEnv: empty values and weak secrets', () => {
  it('warns about empty, placeholder, short and low-entropy secrets', () => {
    const ds = lintEnv('API_KEY=\nJWT_SECRET=changeme\nGITHUB_TOKEN=abc\nDB_PASSWORD=aaaaaaaaaaaaaaaaaaaaaa\nPORT=\nGOOD_KEY=hsk_9Qw3LzX7pN2vR8tY5kM1\n');
    expect(codes(ds)).toEqual([
      '1:9 EMPTY_VALUE API_KEY', '2:12 PLACEHOLDER_SECRET JWT_SECRET', '3:14 SHORT_SECRET GITHUB_TOKEN', '4:13 LOW_ENTROPY_SECRET DB_PASSWORD', '5:6 EMPTY_VALUE PORT',
    ]);
    expect(ds.find((d) => d.key === 'API_KEY')?.severity).toBe('warning');
    expect(ds.find((d) => d.key === 'PORT')?.severity).toBe('info');
  });
  it('treats keys passed in secretKeys as secrets', () => {
    expect(codes(lintEnv('HUB=changeme\n'))).toEqual([]);
    expect(codes(lintEnv('HUB=changeme\n', { secretKeys: ['HUB'] }))).toEqual(['1:5 PLACEHOLDER_SECRET HUB']);
  });
});

describe('lintEnv properties', () => {
  it('never crashes, gives 1-based positions, and never shows a value', () => {
    fc.assert(fc.property(envBytes, (bytes) => {
      const marker = 'Zq7Vx';
      const withSecret = new Uint8Array(Buffer.concat([Buffer.from(bytes), Buffer.from(`\nAPI_KEY=${marker}\nX=a${marker}#b\nY=$${marker}\n`)]));
      for (const d of lintEnv(withSecret)) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.message).not.toContain(marker);
        expect(d.fix ?? '').not.toContain(marker);
      }
    }), { numRuns: 3_000 });
  });
});
