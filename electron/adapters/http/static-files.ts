/**
 * Serves the renderer build (out/renderer): files inside it only, typed, with the security
 * headers every UI response carries. Web mode and the desktop app's `app://` protocol both use it.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../shared/api.js';

/** Headers every UI response carries, desktop and web mode alike. */
export const UI_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

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

/** The file for a URL path inside the build, or null (traversal, NUL, bad escape). */
export function staticFileFor(pathname: string, rootDir: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || !path.startsWith('/')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, '.' + (path === '/' ? '/index.html' : path));
  return file.startsWith(root + sep) ? file : null;
}

export async function readStaticFile(pathname: string, rootDir: string): Promise<{ body: Buffer; contentType: string } | null> {
  const file = staticFileFor(pathname, rootDir);
  if (!file) return null;
  try {
    const body = await readFile(file);
    return { body, contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
