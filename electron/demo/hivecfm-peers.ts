/**
 * The HiveCFM reference peers (hub + core, sources in electron/demo/peers/hivecfm/) as the demo and the
 * tests use them: built to single .mjs files for native runs, and as scratch images
 * (`keyhive-peer/hivecfm-hub:dev`, `keyhive-peer/hivecfm-core:dev`) for Docker runs.
 */
import { join } from 'node:path';
import { buildPeer, repoRoot } from './build-peer.js';
import { buildNodeImage } from './node-image.js';

export const HUB_IMAGE = 'keyhive-peer/hivecfm-hub:dev';
export const CORE_IMAGE = 'keyhive-peer/hivecfm-core:dev';

export function hivecfmPeerSources(): { hub: string; core: string } {
  const dir = join(repoRoot(), 'electron', 'demo', 'peers', 'hivecfm');
  return { hub: join(dir, 'hub.ts'), core: join(dir, 'core.ts') };
}

/** The hub and core built to .mjs files (cached by content). */
export async function buildHivecfmPeers(): Promise<{ hub: string; core: string }> {
  const src = hivecfmPeerSources();
  const [hub, core] = await Promise.all([buildPeer(src.hub), buildPeer(src.core)]);
  return { hub, core };
}

/** Both images on the engine DOCKER_HOST points at (skipped when already up to date), from `built` .mjs files if given. */
export async function buildHivecfmImages(built?: { hub: string; core: string }): Promise<{ hub: string; core: string }> {
  const peers = built ?? (await buildHivecfmPeers());
  await buildNodeImage(HUB_IMAGE, { files: { '/app/hub.mjs': peers.hub }, cmd: ['/app/hub.mjs'], env: { PORT: '8080' }, expose: [8080] });
  await buildNodeImage(CORE_IMAGE, { files: { '/app/core.mjs': peers.core }, cmd: ['/app/core.mjs'], env: { PORT: '3000' }, expose: [3000] });
  return { hub: HUB_IMAGE, core: CORE_IMAGE };
}
