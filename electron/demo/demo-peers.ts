/**
 * Every reference server the demo runs natively, as single .mjs files: the HiveCFM hub and core,
 * the Hogsend, TokenHub and HiveForge admin APIs, and the small consumer each integration runs.
 * From a source checkout they are built (cached by content) from peers/ next to this file; a
 * packaged app uses the copies `npm run build` prebuilt into out/demo/peers (demo-assets.ts).
 */
import { PEER_NAMES, demoPeerFile, locateDemoAssets, type DemoAssets, type PeerName } from './demo-assets.js';
import { buildHivecfmImages } from './hivecfm-peers.js';
import { buildNodeImage } from './node-image.js';

export type DemoPeers = Record<PeerName, string>;

export async function buildDemoPeers(assets: DemoAssets = locateDemoAssets()): Promise<DemoPeers> {
  const files = await Promise.all(PEER_NAMES.map(async (n) => [n, await demoPeerFile(assets, n)] as const));
  return Object.fromEntries(files) as DemoPeers;
}

/** Scratch images of the issuers and the consumer (the HiveCFM pair has its own), for runMode docker. */
export async function buildDemoImages(assets: DemoAssets = locateDemoAssets()): Promise<void> {
  const peers = await buildDemoPeers(assets);
  await buildHivecfmImages(peers);
  for (const name of ['hogsend', 'tokenhub', 'hiveforge', 'consumer'] as const) {
    await buildNodeImage(`keyhive-peer/${name}:dev`, { files: { [`/app/${name}.mjs`]: peers[name] }, cmd: [`/app/${name}.mjs`] });
  }
}
