/**
 * The built desktop bundles (what `npm run build` makes and Electron loads): the sandboxed
 * preload may require nothing but `electron` (everything else is bundled in), and it exposes
 * only `keyhive`. Builds out/ first when it is missing or older than the sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from '../../electron/adapters/fs/ui-build.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('desktop build output', () => {
  beforeAll(async () => {
    await ensureBuild(ROOT, (line) => process.stderr.write(line + '\n'), 'desktop');
  }, 300_000);

  it('the sandboxed preload requires only electron and exposes only window.keyhive', () => {
    const preload = readFileSync(join(ROOT, 'out/preload/index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    const exposed = [...preload.matchAll(/exposeInMainWorld\(\s*["']([^"']+)["']/g)].map((m) => m[1]);
    expect(exposed).toEqual(['keyhive']);
    expect(preload).not.toMatch(/exposeInMainWorld\(\s*["'][^"']+["']\s*,\s*(electron\.)?ipcRenderer\s*\)/);
  });

  it('the main bundle carries the hardening and never loads remote content', () => {
    const main = readFileSync(join(ROOT, 'out/main/index.js'), 'utf8');
    for (const call of ['registerSchemesAsPrivileged', 'requestSingleInstanceLock', 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'setWindowOpenHandler', 'will-navigate', 'will-attach-webview', 'onHeadersReceived']) {
      expect(main, call).toContain(call);
    }
    expect(main).not.toMatch(/loadURL\(\s*["']https?:/);
  });
});
