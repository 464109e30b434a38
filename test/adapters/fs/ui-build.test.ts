import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildState, ensureBuild, newestMtime } from '../../../electron/adapters/fs/ui-build.js';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'keyhive-build-'));
  for (const d of ['renderer/src', 'shared', 'electron/main', 'out/renderer', 'out/main', 'out/preload']) mkdirSync(join(root, d), { recursive: true });
  return root;
}
const at = (file: string, seconds: number, text = 'x'): void => {
  writeFileSync(file, text);
  utimesSync(file, seconds, seconds);
};

describe('UI build on demand', () => {
  it('knows missing, stale and fresh builds', async () => {
    const root = project();
    at(join(root, 'renderer/src/app.tsx'), 1000);
    at(join(root, 'shared/api.ts'), 1000);
    expect(await buildState(root)).toBe('missing');
    at(join(root, 'out/renderer/index.html'), 2000);
    expect(await buildState(root)).toBe('fresh');
    at(join(root, 'shared/api.ts'), 3000);
    expect(await buildState(root)).toBe('stale');
    expect(await newestMtime([join(root, 'renderer'), join(root, 'shared')])).toBe(3000 * 1000);
    expect(await buildState(root, 'desktop')).toBe('missing');
    at(join(root, 'out/main/index.js'), 4000);
    at(join(root, 'out/preload/index.cjs'), 4000);
    at(join(root, 'out/renderer/index.html'), 4000);
    at(join(root, 'electron/main/index.ts'), 5000);
    expect(await buildState(root, 'desktop')).toBe('stale');
    expect(await buildState(root, 'renderer')).toBe('fresh');
  });

  it('does not rebuild a fresh build (no progress line)', async () => {
    const root = project();
    at(join(root, 'renderer/src/app.tsx'), 1000);
    at(join(root, 'out/renderer/index.html'), 2000);
    const lines: string[] = [];
    expect(await ensureBuild(root, (l) => lines.push(l))).toBe(join(root, 'out/renderer'));
    expect(lines).toEqual([]);
  });

  it('says what failed, with the fix, when a build is impossible', async () => {
    const root = project(); // no electron.vite.config.ts here
    const lines: string[] = [];
    await expect(ensureBuild(root, (l) => lines.push(l))).rejects.toMatchObject({ code: 'INTERNAL', fix: expect.stringContaining('npm run build') });
    expect(lines).toHaveLength(1);
  });
});
