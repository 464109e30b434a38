/**
 * The desktop UI is served from a custom `app://keyhive/` protocol (not file://), so every
 * response carries our Content-Security-Policy and security headers, the page has a real origin
 * the IPC sender check can pin, and no path outside the renderer build can be read.
 */
import type { Protocol } from 'electron';
import { readUiFile, uiFileFor, UI_SECURITY_HEADERS } from '../app/ui/ui-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'keyhive';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Headers every UI response carries (shared with web mode). */
export { UI_SECURITY_HEADERS };

/** Must run before `app` is ready: `app://` behaves like https (standard, secure origin). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } },
  ]);
}

/** Maps an `app://keyhive/...` URL to a file inside the renderer build, or null when it is not one. */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  return uiFileFor(parsed.pathname, rendererDir);
}

export async function respondWithRendererFile(url: string, rendererDir: string): Promise<Response> {
  const file = rendererFileFor(url, rendererDir);
  const found = file ? await readUiFile(new URL(url).pathname, rendererDir) : null;
  if (!found) return new Response('Not found', { status: 404, headers: { ...UI_SECURITY_HEADERS } });
  return new Response(found.body, { status: 200, headers: { ...UI_SECURITY_HEADERS, 'Content-Type': found.contentType } });
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondWithRendererFile(request.url, rendererDir));
}
