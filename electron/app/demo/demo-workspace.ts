/**
 * The bundled demo (the HiveCFM hub + core, Hogsend, TokenHub and HiveForge reference servers
 * and their consumers) so Keyhive runs on something real out of the box. `materializeDemo()` copies the template (electron/demo/workspace) into the
 * data dir (`<data dir>/demo`) on first use — never touching the repository — fills in the
 * absolute paths of the built peers and the ports, and returns the keyhive.yaml path.
 * Later calls reuse it (the user's edits and keys stay), unless the peers it points at are gone.
 */
import { join } from 'node:path';
import type { RunMode } from '../../../shared/domain.js';
import { pathKind, readTextOrNull } from '../../adapters/fs/file-facts.js';
import { copyTemplateDir } from '../../adapters/fs/template-dir.js';
import { demoTemplateDirOf, locateDemoAssets, type DemoAssets } from '../../demo/demo-assets.js';
import { repoRoot } from '../../demo/build-peer.js';

/** The folder Keyhive runs from (its renderer build and demo live under it). */
export { repoRoot };
import { buildDemoImages, buildDemoPeers } from '../../demo/demo-peers.js';

export interface DemoOptions {
  /** Run mode written into the new keyhive.yaml (default native: needs no Docker). */
  runMode?: RunMode;
  /** Host ports (defaults in DEFAULT_DEMO_PORTS). */
  ports?: Partial<DemoPorts>;
  /** The issuers' cache windows (default: the documented 60 s / 5 min); tests shorten them. */
  cacheWindowSeconds?: { hogsend?: number; tokenhub?: number };
  /** Workspace id, which namespaces its keychain entries (default keyhive-demo); tests use their own. */
  id?: string;
  /** Compose project name (default keyhive-demo). */
  project?: string;
  /** Where the peers and the template come from (default: the source checkout, else the prebuilt out/demo). */
  assets?: DemoAssets;
}

export const DEMO_DIR_NAME = 'demo';

export const DEFAULT_DEMO_PORTS = {
  hub: 8090,
  core: 3010,
  hogsend: 3402,
  monitor: 3403,
  journeys: 3404,
  tokenhub: 8480,
  chat: 8481,
  planner: 8482,
  hiveforge: 8400,
  integration: 8401,
};
export type DemoPorts = typeof DEFAULT_DEMO_PORTS;

export const demoTemplateDir = (assets: DemoAssets = locateDemoAssets()): string => demoTemplateDirOf(assets);

function render(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (m, name: string) => vars[name] ?? m);
}

/** Does an existing demo still point at peer files that exist? */
async function stillUsable(file: string): Promise<boolean> {
  const text = await readTextOrNull(file);
  if (text === null) return false;
  if (!/^issuers:/m.test(text)) return false; // a demo from before it showed all four systems
  if (!text.includes('TOKENHUB_DEMO_BACKDATE')) return false; // from before its TokenHub key past its rotation schedule
  const peers = [...text.matchAll(/node "([^"]+\.mjs)"/g)].map((m) => m[1]!);
  for (const p of peers) if ((await pathKind(p)) === null) return false;
  return true;
}

/** Where the demo lives in a data dir. */
export const demoDirIn = (dataDir: string): string => join(dataDir, DEMO_DIR_NAME);

/** Copy the demo into `targetDir` (the shell's `demoDirIn(dataDir)`) if needed; returns its keyhive.yaml. */
export async function materializeDemo(targetDir: string, opts: DemoOptions = {}): Promise<string> {
  const file = join(targetDir, 'keyhive.yaml');
  if (await stillUsable(file)) return file;

  const assets = opts.assets ?? locateDemoAssets();
  const peers = await buildDemoPeers(assets);
  const ports = { ...DEFAULT_DEMO_PORTS, ...opts.ports };
  const hogsendCache = opts.cacheWindowSeconds?.hogsend ?? 60;
  const tokenhubCache = opts.cacheWindowSeconds?.tokenhub ?? 300;
  const vars = {
    HUB_PEER: peers.hub,
    CORE_PEER: peers.core,
    HOGSEND_PEER: peers.hogsend,
    TOKENHUB_PEER: peers.tokenhub,
    HIVEFORGE_PEER: peers.hiveforge,
    CONSUMER_PEER: peers.consumer,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [`${k.toUpperCase()}_PORT`, String(v)])),
    HOGSEND_CACHE_S: String(hogsendCache),
    HOGSEND_CACHE_MS: String(hogsendCache * 1000),
    TOKENHUB_CACHE_S: String(tokenhubCache),
    TOKENHUB_CACHE_MS: String(tokenhubCache * 1000),
    RUN_MODE: opts.runMode ?? 'native',
    PROJECT: opts.project ?? 'keyhive-demo',
    WORKSPACE_ID: opts.id ?? 'keyhive-demo',
  };
  const template = demoTemplateDir(assets);
  // No half-written demo. A demo whose peers moved gets a fresh keyhive.yaml and compose file,
  // and keeps its .env files (the keys).
  await copyTemplateDir(template, targetDir, {
    render: (_rel, text) => render(text, vars),
    mode: (rel) => (rel.includes('.env') ? 0o600 : 0o644),
    keep: (rel) => rel.includes('.env'),
  });
  return file;
}

/** Build the demo's scratch images on the current Docker engine (for runMode docker). */
export async function ensureDemoImages(): Promise<void> {
  await buildDemoImages();
}
