import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
const targets = (platform: string): unknown => (config[platform] as { target?: unknown } | undefined)?.target;

describe('electron-builder.yml (packaging cannot run here: it downloads Electron)', () => {
  it('names the app and ships only the build output', () => {
    expect(config['appId']).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config['productName']).toBe('Keyhive');
    expect(config['files']).toContain('out/**');
    expect(config['asar']).toBe(true);
  });

  it('hardens the Electron fuses', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('builds AppImage + deb, dmg and nsis', () => {
    expect(targets('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targets('mac')).toEqual(expect.arrayContaining(['dmg']));
    expect(targets('win')).toEqual(expect.arrayContaining(['nsis']));
  });

  it('keeps keytar (native) unpacked from the asar', () => {
    const unpack = config['asarUnpack'] as string[];
    expect(unpack.some((p) => p.includes('node_modules/keytar'))).toBe(true);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string>; main: string };
    expect(pkg.dependencies).toHaveProperty('keytar');
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('ships the prebuilt demo (npm run build writes out/demo) unpacked, so `node <peer>.mjs` can run it', () => {
    expect(config['asarUnpack'] as string[]).toContain('out/demo/**');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.scripts['build']).toMatch(/electron-vite build && tsx electron\/demo\/emit-demo\.ts out\/demo/);
    expect(pkg.dependencies).toHaveProperty('tsx'); // the build step's runner is not a devDependency-only tool
  });
});
