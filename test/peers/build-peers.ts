/**
 * The reference peers (small node:http servers that ship with the demo, sources under
 * electron/demo/peers/) as the tests use them: built into single .mjs files for native runs and
 * scratch images. `buildPeer(entryTs) → path of the .mjs`.
 */
import { fileURLToPath } from 'node:url';
import { buildPeer } from '../../electron/demo/build-peer.js';

export { buildPeer };
export { buildHivecfmPeers } from '../../electron/demo/hivecfm-peers.js';

/** Absolute path of a peer source under electron/demo/peers/, e.g. peerSource('hivecfm/hub.ts'). */
export const peerSource = (rel: string): string => fileURLToPath(new URL(`../../electron/demo/peers/${rel}`, import.meta.url));
