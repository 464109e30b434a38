/**
 * Is the caller's URL for the server right for the run mode? (pure)
 *  - Docker: the caller runs in a container, where `localhost` is the container itself; it must
 *    use the server's Compose service name (the workspace's `urls.docker`).
 *  - Native: the caller runs on the host, where Compose service names do not resolve; it must
 *    use the host port (the workspace's `urls.native`).
 */
import type { FindingSeverity, RunMode } from '../../../shared/domain.js';

export interface UrlVerdict {
  severity: FindingSeverity;
  what: string;
  why?: string;
  fix?: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;
const isLoopbackHost = (h: string): boolean => LOOPBACK.test(h);

function parts(url: string): { host: string; port: string } | null {
  try {
    const u = new URL(url);
    return { host: u.hostname.toLowerCase(), port: u.port || (u.protocol === 'https:' ? '443' : '80') };
  } catch {
    return null;
  }
}

const sameEndpoint = (a: { host: string; port: string }, b: { host: string; port: string }): boolean =>
  a.port === b.port && (a.host === b.host || (isLoopbackHost(a.host) && isLoopbackHost(b.host)));

export function checkCallerUrl(input: { runMode: RunMode; urlVar: string; value: string | null; serverUrls: { docker?: string; native?: string } }): UrlVerdict {
  const { runMode, urlVar, value, serverUrls } = input;
  const expected = serverUrls[runMode];
  const setTo = expected ? `Set ${urlVar}=${expected}` : `Set ${urlVar} to the server's ${runMode} URL`;
  if (!value) {
    return { severity: 'error', what: `${urlVar} is not set`, why: 'The caller does not know where the server is.', fix: `${setTo}.` };
  }
  const got = parts(value);
  if (!got) return { severity: 'error', what: `${urlVar}=${value} is not a URL`, fix: `${setTo}.` };
  const dockerHost = serverUrls.docker ? parts(serverUrls.docker)?.host : undefined;
  if (runMode === 'docker' && isLoopbackHost(got.host)) {
    return {
      severity: 'error',
      what: `${urlVar} points at ${got.host}, but the caller runs in a container`,
      why: 'Inside a container, localhost is the container itself, not the server.',
      fix: `${setTo} (the server's Compose service name), then recreate the caller.`,
    };
  }
  if (runMode === 'native' && dockerHost && !isLoopbackHost(dockerHost) && got.host === dockerHost) {
    return {
      severity: 'error',
      what: `${urlVar} uses the Docker name ${got.host}, but the services run natively`,
      why: 'Compose service names only resolve inside the Compose network, not on the host.',
      fix: `${setTo} (the host port), then restart the caller.`,
    };
  }
  const want = expected ? parts(expected) : null;
  if (want && !sameEndpoint(got, want)) {
    return { severity: 'warning', what: `${urlVar}=${value} differs from the server's ${runMode} URL ${expected}`, why: 'The caller may be talking to another server (or nothing).', fix: `${setTo}.` };
  }
  return { severity: 'ok', what: `${urlVar} points at the server for ${runMode} mode (${value})` };
}
