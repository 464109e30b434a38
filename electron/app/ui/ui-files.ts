/**
 * The UI's files for the shells that serve them: web mode's HTTP server and the desktop app's
 * `app://` protocol serve the same bytes from the renderer build, with the security headers every
 * UI response carries. (Building the UI and opening a browser are ui-assets.ts: the desktop app
 * must not load the build tools.)
 */
export { readStaticFile as readUiFile, staticFileFor as uiFileFor, UI_SECURITY_HEADERS } from '../../adapters/http/static-files.js';
