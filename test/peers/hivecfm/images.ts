/**
 * The HiveCFM reference peers as scratch images (`keyhive-peer/hivecfm-hub:dev`,
 * `keyhive-peer/hivecfm-core:dev`), built on the engine DOCKER_HOST points at.
 */
import { buildHivecfmPeers } from '../build-peers.js';
import { buildNodeImage } from '../images/build-image.js';

export const HUB_IMAGE = 'keyhive-peer/hivecfm-hub:dev';
export const CORE_IMAGE = 'keyhive-peer/hivecfm-core:dev';

export async function buildHivecfmImages(): Promise<{ hub: string; core: string }> {
  const peers = await buildHivecfmPeers();
  await buildNodeImage(HUB_IMAGE, { files: { '/app/hub.mjs': peers.hub }, cmd: ['/app/hub.mjs'], env: { PORT: '8080' }, expose: [8080] });
  await buildNodeImage(CORE_IMAGE, { files: { '/app/core.mjs': peers.core }, cmd: ['/app/core.mjs'], env: { PORT: '3000' }, expose: [3000] });
  return { hub: HUB_IMAGE, core: CORE_IMAGE };
}
