/** The HiveCFM reference peers as scratch images (built with the demo's builder). */
export { buildHivecfmImages, CORE_IMAGE, HUB_IMAGE } from '../../../electron/demo/hivecfm-peers.js';
