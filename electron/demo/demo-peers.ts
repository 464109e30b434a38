/**
 * Every reference server the demo runs natively, built to single .mjs files (cached by content):
 * the HiveCFM hub and core, the Hogsend, TokenHub and HiveForge admin APIs, and the small
 * consumer each integration runs. Sources live next to this file in peers/.
 */
import { join } from 'node:path';
import { buildPeer, repoRoot } from './build-peer.js';
import { buildHivecfmImages, buildHivecfmPeers } from './hivecfm-peers.js';
import { buildNodeImage } from './node-image.js';

export interface DemoPeers {
  hub: string;
  core: string;
  hogsend: string;
  tokenhub: string;
  hiveforge: string;
  consumer: string;
}

export const demoPeerSource = (rel: string): string => join(repoRoot(), 'electron', 'demo', 'peers', rel);

export async function buildDemoPeers(): Promise<DemoPeers> {
  const [hivecfm, hogsend, tokenhub, hiveforge, consumer] = await Promise.all([
    buildHivecfmPeers(),
    buildPeer(demoPeerSource('hogsend/main.ts')),
    buildPeer(demoPeerSource('tokenhub/main.ts')),
    buildPeer(demoPeerSource('hiveforge/main.ts')),
    buildPeer(demoPeerSource('consumer/main.ts')),
  ]);
  return { ...hivecfm, hogsend, tokenhub, hiveforge, consumer };
}

/** Scratch images of the issuers and the consumer (the HiveCFM pair has its own), for runMode docker. */
export async function buildDemoImages(): Promise<void> {
  const peers = await buildDemoPeers();
  await buildHivecfmImages();
  for (const name of ['hogsend', 'tokenhub', 'hiveforge', 'consumer'] as const) {
    await buildNodeImage(`keyhive-peer/${name}:dev`, { files: { [`/app/${name}.mjs`]: peers[name] }, cmd: [`/app/${name}.mjs`] });
  }
}
