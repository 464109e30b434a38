/**
 * Builds the reference peers (small node:http servers under test/peers/) into single .mjs
 * files for native runs and scratch images. `buildPeer(entryTs) → path of the .mjs`.
 */
import { fileURLToPath } from 'node:url';
import { buildPeer } from '../../electron/demo/build-peer.js';

export { buildPeer };
export { buildHivecfmPeers } from '../../electron/demo/hivecfm-peers.js';

/** Absolute path of a peer source under test/peers/, e.g. peerSource('hivecfm/hub.ts'). */
export const peerSource = (rel: string): string => fileURLToPath(new URL(`./${rel}`, import.meta.url));
