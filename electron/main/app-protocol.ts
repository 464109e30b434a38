/**
 * The desktop UI is served from a custom `app://keyhive/` protocol (not file://), so every
 * response carries our Content-Security-Policy and security headers, the page has a real origin
 * the IPC sender check can pin, and no path outside the renderer build can be read.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/api.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'keyhive';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers every UI response carries, desktop and web mode alike. */
export const UI_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

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
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, '.' + (path === '/' ? '/index.html' : path));
  return file.startsWith(root + sep) ? file : null;
}

export async function respondWithRendererFile(url: string, rendererDir: string): Promise<Response> {
  const file = rendererFileFor(url, rendererDir);
  const headers = { ...UI_SECURITY_HEADERS };
  if (!file) return new Response('Not found', { status: 404, headers });
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' },
    });
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondWithRendererFile(request.url, rendererDir));
}
