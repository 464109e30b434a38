/**
 * A packaged app has neither the peers' TypeScript sources nor esbuild: it runs the demo from
 * the copy `npm run build` prebuilt into out/demo. Here that copy is emitted into a temp dir and
 * the demo is materialized and started from it alone (the assets point only at that dir), as
 * plain `node <file>.mjs` processes with no node_modules anywhere near them.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { DEFAULT_DEMO_PORTS, materializeDemo, type DemoPorts } from '../../../electron/app/demo/demo-workspace.js';
import { createServiceController } from '../../../electron/app/services/service-control.js';
import { DEMO_MANIFEST, PEER_NAMES, findPrebuiltDemo, unpackedPath } from '../../../electron/demo/demo-assets.js';
import { emitDemo } from '../../../electron/demo/emit-demo.js';
import { freePort } from '../../support/free-port.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let outDir = '';
beforeAll(async () => {
  outDir = await emitDemo(join(mkdtempSync(join(tmpdir(), 'kh-prebuilt-')), 'out', 'demo'));
});

describe('the prebuilt demo (npm run build → out/demo)', () => {
  it('holds one self-contained .mjs per peer, the workspace template with its .env files, and a manifest', () => {
    expect(readdirSync(join(outDir, 'peers')).sort()).toEqual(PEER_NAMES.map((n) => `${n}.mjs`).sort());
    for (const name of PEER_NAMES) {
      const code = readFileSync(join(outDir, 'peers', `${name}.mjs`), 'utf8');
      const imports = [...code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]!);
      expect(imports.filter((s) => !s.startsWith('node:') && !builtinModules.includes(s)), name).toEqual([]);
    }
    expect(readFileSync(join(outDir, 'workspace', 'keyhive.yaml'), 'utf8')).toContain('{{TOKENHUB_PEER}}');
    expect(readFileSync(join(outDir, 'workspace', 'tokenhub', '.env'), 'utf8')).toMatch(/^TOKENHUB_ADMIN_TOKEN=/m);
    expect(JSON.parse(readFileSync(join(outDir, DEMO_MANIFEST), 'utf8'))).toMatchObject({ peers: { hub: 'peers/hub.mjs', tokenhub: 'peers/tokenhub.mjs' } });
  });

  it('is found next to the app bundle, in app.asar.unpacked when the bundle is inside app.asar', () => {
    expect(findPrebuiltDemo(join(outDir, '..', 'main'))).toBe(outDir);
    const app = mkdtempSync(join(tmpdir(), 'kh-packaged-'));
    const unpacked = join(app, 'resources', 'app.asar.unpacked', 'out', 'demo');
    mkdirSync(unpacked, { recursive: true });
    writeFileSync(join(unpacked, DEMO_MANIFEST), '{}');
    expect(findPrebuiltDemo(join(app, 'resources', 'app.asar', 'out', 'main'))).toBe(unpacked);
    expect(unpackedPath('/opt/Keyhive/resources/app.asar/out/demo')).toBe('/opt/Keyhive/resources/app.asar.unpacked/out/demo');
    expect(unpackedPath('/home/me/app.asarx/out')).toBe('/home/me/app.asarx/out');
  });

  it('materializes and runs from the prebuilt copy alone: the hub and TokenHub answer /health', async () => {
    const ports = { ...DEFAULT_DEMO_PORTS };
    for (const k of Object.keys(ports) as (keyof DemoPorts)[]) ports[k] = await freePort();
    const root = mkdtempSync(join(tmpdir(), 'kh-prebuilt-demo-'));
    const file = await materializeDemo(join(root, 'demo'), { ports, assets: { kind: 'prebuilt', dir: outDir } });
    const ws = await loadWorkspace(file);
    const services = [ws.services.get('hivecfm-hub')!, ws.services.get('tokenhub')!];
    for (const s of services) expect(s.config.native?.command).toMatch(new RegExp(`^node "${outDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/peers/[a-z]+\\.mjs"$`));
    const ctl = createServiceController({ native: { stateDir: join(root, 'state') } });
    try {
      await ctl.up(services, 'native');
      for (const port of [ports.hub, ports.tokenhub]) {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        expect(res.status, `port ${port}`).toBe(200);
      }
    } finally {
      await ctl.down(services, 'native');
      await ctl.close();
    }
  });
});
