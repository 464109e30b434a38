/**
 * The UI itself, for the shells that show it: the renderer build (built on demand when missing
 * or older than its sources), its files with the security headers every UI response carries
 * (web mode's HTTP server and the desktop app's `app://` protocol serve the same bytes the same
 * way), and the system's browser for `keyhive web --open`. The shells get all of it here.
 */
export { ensureBuild as ensureUiBuild, type BuildTarget as UiBuildTarget } from '../../adapters/fs/ui-build.js';
export { readStaticFile as readUiFile, staticFileFor as uiFileFor, UI_SECURITY_HEADERS } from '../../adapters/http/static-files.js';
export { openBrowser } from '../../adapters/process/open-url.js';
