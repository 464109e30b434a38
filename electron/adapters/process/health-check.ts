/**
 * One health probe: GET a public health URL with hard time limits, and say plainly what came
 * back. Used by both run modes to decide when a (re)started service is ready.
 */
import { request } from '../http/undici-lite.js';

export interface HealthAnswer {
  ok: boolean;
  /** "200", "503", "ECONNREFUSED", "timeout". */
  detail: string;
}

export async function checkHealth(url: string, timeoutMs = 2000): Promise<HealthAnswer> {
  try {
    const res = await request(url, { method: 'GET', headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) });
    await res.body.dump();
    return { ok: res.statusCode >= 200 && res.statusCode < 400, detail: String(res.statusCode) };
  } catch (e) {
    const err = e as { code?: string; name?: string; cause?: { code?: string } };
    const detail = err.name === 'TimeoutError' || err.name === 'AbortError' ? 'timeout' : (err.code ?? err.cause?.code ?? err.name ?? 'error');
    return { ok: false, detail: String(detail) };
  }
}

/** The port of a URL (its explicit port, or 80/443 by scheme). */
export function portOf(url: string): number {
  const u = new URL(url);
  return u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
}

/** base + path, keeping any path prefix of the base. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
