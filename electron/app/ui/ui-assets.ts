/**
 * The UI for the CLI's `keyhive web` and `keyhive app`: the renderer build, built on demand when
 * missing or older than its sources (electron-vite, loaded only then), and the system's browser
 * for `keyhive web --open`. Serving the built files is ui-files.ts.
 */
export { ensureBuild as ensureUiBuild, type BuildTarget as UiBuildTarget } from '../../adapters/fs/ui-build.js';
export { openBrowser } from '../../adapters/process/open-url.js';
