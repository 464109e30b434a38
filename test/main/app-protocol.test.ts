import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, respondWithRendererFile, rendererFileFor } from '../../electron/main/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/api.js';

describe('app:// protocol', () => {
  let dir: string;
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'keyhive-protocol-'));
    dir = join(base, 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Keyhive</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'outside');
  });

  it('serves the renderer build with the CSP and security headers', async () => {
    const res = await respondWithRendererFile(APP_ENTRY_URL, dir);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Keyhive</title>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const js = await respondWithRendererFile('app://keyhive/assets/app.js', dir);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('never reads outside the build, nor for another host', async () => {
    for (const url of ['app://keyhive/../secret.txt', 'app://keyhive/%2e%2e/secret.txt', 'app://keyhive/..%2fsecret.txt', 'app://other/index.html', 'file:///etc/passwd']) {
      const file = rendererFileFor(url, dir);
      if (file) expect(file.startsWith(dir + '/'), url).toBe(true);
      const res = await respondWithRendererFile(url, dir);
      expect(await res.text(), url).not.toContain('outside');
    }
    expect((await respondWithRendererFile('app://keyhive/missing.js', dir)).status).toBe(404);
  });
});
