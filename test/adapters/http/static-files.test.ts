import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStaticFile, staticFileFor } from '../../../electron/adapters/http/static-files.js';

describe('static files', () => {
  const base = mkdtempSync(join(tmpdir(), 'keyhive-static-'));
  const dir = join(base, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<title>Keyhive</title>');
  writeFileSync(join(dir, 'assets', 'x.css'), 'body{}');
  writeFileSync(join(base, 'outside.txt'), 'outside');

  it('serves files inside the build with their type; / is index.html', async () => {
    expect(await readStaticFile('/', dir)).toMatchObject({ contentType: 'text/html; charset=utf-8' });
    expect((await readStaticFile('/assets/x.css', dir))?.contentType).toBe('text/css; charset=utf-8');
    expect(await readStaticFile('/missing.js', dir)).toBeNull();
    expect(await readStaticFile('/assets', dir)).toBeNull();
  });

  it('refuses traversal, NUL and broken escapes', async () => {
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/a%00b', '/%E0%A4%A', 'relative']) {
      const file = staticFileFor(p, dir);
      if (file !== null) expect(file.startsWith(dir + '/'), p).toBe(true);
      expect((await readStaticFile(p, dir))?.body.toString() ?? '', p).not.toContain('outside');
    }
  });
});
