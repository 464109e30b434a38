/**
 * Where probes may go (pure): Keyhive sends keys only to loopback and to the hosts the
 * workspace itself names (its services' URLs, its issuers). A name is checked twice: the host
 * must be allowed by name, AND every address it resolves to must be loopback — or, for a host
 * the workspace names, loopback or private (a LAN dev box). Anything else is refused before
 * connecting (PROBE_TARGET_REFUSED).
 */
import type { WorkspaceConfig } from '../workspace/schema.js';

/** 4 for a dotted IPv4 address, 6 for an IPv6 one, 0 otherwise (like node:net's isIP, without I/O imports). */
export function isIP(s: string): 0 | 4 | 6 {
  if (isIPv4(s)) return 4;
  return isIPv6(s) ? 6 : 0;
}

function isIPv4(s: string): boolean {
  return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
}

function isIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (const [h, half] of halves.entries()) {
    if (half === '') continue;
    const parts = half.split(':');
    for (const [i, p] of parts.entries()) {
      const last = h === halves.length - 1 && i === parts.length - 1;
      if (/^[0-9a-fA-F]{1,4}$/.test(p)) groups += 1;
      else if (last && isIPv4(p)) groups += 2;
      else return false;
    }
  }
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

export function isLoopbackAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) return ip.startsWith('127.');
  if (v === 6) {
    const l = ip.toLowerCase();
    if (l === '::1' || l === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(l);
    return mapped ? isLoopbackAddress(mapped[1] ?? '') : false;
  }
  return false;
}

export function isPrivateAddress(ip: string): boolean {
  if (isLoopbackAddress(ip)) return true;
  const v = isIP(ip);
  if (v === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (v === 6) {
    const l = ip.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(l);
    if (mapped) return isPrivateAddress(mapped[1] ?? '');
    return l.startsWith('fc') || l.startsWith('fd') || l.startsWith('fe80:');
  }
  return false;
}

export const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', 'ip6-localhost', 'ip6-loopback']);

export function normalizeHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
}

/** The host names the workspace itself names (services' URLs in every mode, issuers). */
export function workspaceHosts(config: WorkspaceConfig): Set<string> {
  const hosts = new Set<string>();
  const add = (url: string | undefined): void => {
    if (!url) return;
    try {
      hosts.add(normalizeHost(new URL(url).hostname));
    } catch {
      // invalid URLs are reported by the workspace validator
    }
  };
  for (const s of Object.values(config.services)) {
    add(s.urls.docker);
    add(s.urls.native);
  }
  for (const i of Object.values(config.issuers)) add(i.url);
  return hosts;
}

/**
 * Hosts of issuers the workspace names with an `https://` URL (e.g. `https://api.hiveforge.dev`):
 * probes may reach their PUBLIC addresses, over HTTPS only.
 */
export function httpsIssuerHosts(config: WorkspaceConfig): Set<string> {
  const hosts = new Set<string>();
  for (const i of Object.values(config.issuers)) {
    try {
      const u = new URL(i.url);
      if (u.protocol === 'https:') hosts.add(normalizeHost(u.hostname));
    } catch {
      // reported by the workspace validator
    }
  }
  return hosts;
}

/**
 * Keys never travel over plain HTTP outside local development (Hogsend's docs: "never use HTTP
 * in production"): `http:` is allowed only when every address is loopback.
 */
export function checkScheme(protocol: string, host: string, addresses: readonly string[]): TargetDecision {
  if (protocol !== 'http:') return { allowed: true };
  const far = addresses.find((a) => !isLoopbackAddress(a));
  if (far) return { allowed: false, reason: `plain http:// to ${normalizeHost(host)} (${far}, not loopback) would send the key unencrypted` };
  return { allowed: true };
}

export type TargetDecision = { allowed: true } | { allowed: false; reason: string };

/** Is this host allowed by name (before resolving)? */
export function checkHostName(host: string, allowedHosts: ReadonlySet<string>): TargetDecision {
  const h = normalizeHost(host);
  if (isIP(h)) {
    if (isLoopbackAddress(h) || (allowedHosts.has(h) && isPrivateAddress(h))) return { allowed: true };
    return { allowed: false, reason: `${h} is not a loopback address${allowedHosts.has(h) ? ' nor a private one' : ' and the workspace does not name it'}` };
  }
  if (LOOPBACK_NAMES.has(h) || h.endsWith('.localhost') || allowedHosts.has(h)) return { allowed: true };
  return { allowed: false, reason: `${h} is neither loopback nor a host named in keyhive.yaml` };
}

/** Are the addresses a name resolved to acceptable for that name? */
export function checkResolved(host: string, addresses: readonly string[], allowedHosts: ReadonlySet<string>, opts: { publicHttps?: boolean } = {}): TargetDecision {
  const h = normalizeHost(host);
  if (addresses.length === 0) return { allowed: false, reason: `${h} resolves to no address` };
  if (opts.publicHttps && allowedHosts.has(h)) return { allowed: true };
  const named = allowedHosts.has(h);
  const bad = addresses.find((a) => !(isLoopbackAddress(a) || (named && isPrivateAddress(a))));
  if (bad) return { allowed: false, reason: `${h} resolves to ${bad}, which is ${named ? 'neither loopback nor private' : 'not loopback'}` };
  return { allowed: true };
}
