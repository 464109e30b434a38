/**
 * The scratch Node image builder the peers' images use: `buildNodeImage(tag, {files, cmd})`.
 * It lives with the demo (electron/demo/node-image.ts), which builds the same images.
 */
export { buildNodeImage, nodeRuntimeFiles, HASH_LABEL, type NodeImageSpec } from '../../../electron/demo/node-image.js';
