/**
 * Resolves a probe target's host and checks it against the target policy (electron/core/probes)
 * BEFORE any connection: a host outside loopback and the workspace's own hosts, or a name that
 * resolves somewhere it should not, gets KeyhiveError('PROBE_TARGET_REFUSED'). The vetted
 * addresses are remembered so the HTTP client connects to exactly those (no DNS rebinding
 * between the check and the connect).
 */
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { KeyhiveError } from '../../../shared/errors.js';
import { checkHostName, checkResolved, checkScheme, isIP, normalizeHost } from '../../core/probes/target-policy.js';

export interface VettedHost {
  host: string;
  addresses: LookupAddress[];
}

export class TargetGuard {
  private readonly vetted = new Map<string, LookupAddress[]>();
  /** Targets (scheme and host) that passed every check: the same checks on the same addresses pass again. */
  private readonly passed = new Map<string, VettedHost>();

  /** `httpsIssuerHosts`: issuers the workspace names over https, whose public addresses probes may reach over https. */
  constructor(
    private readonly allowedHosts: ReadonlySet<string>,
    private readonly httpsIssuerHosts: ReadonlySet<string> = new Set(),
  ) {}

  private scheme(protocol: string, host: string, addresses: readonly LookupAddress[]): void {
    const d = checkScheme(protocol, host, addresses.map((a) => a.address));
    if (!d.allowed) {
      throw new KeyhiveError('PROBE_TARGET_REFUSED', `refusing to send a key to ${host}: ${d.reason}`, {
        fix: `Use https:// for ${host} in keyhive.yaml (plain http is only for local development on loopback).`,
      });
    }
  }

  /** A target that already passed vet() (same scheme, same host), at once; undefined otherwise. */
  passedBefore(target: URL): VettedHost | undefined {
    return this.passed.get(`${target.protocol}//${normalizeHost(target.hostname)}`);
  }

  /** Checks a URL's host; resolves and checks its addresses. Throws PROBE_TARGET_REFUSED. */
  async vet(url: string): Promise<VettedHost> {
    const out = await this.vetOnce(url);
    this.passed.set(`${new URL(url).protocol}//${out.host}`, out);
    return out;
  }

  private async vetOnce(url: string): Promise<VettedHost> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new KeyhiveError('PROBE_TARGET_REFUSED', `"${url}" is not a URL Keyhive can probe`, { fix: 'Write the service URL as http://host:port in keyhive.yaml.' });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new KeyhiveError('PROBE_TARGET_REFUSED', `probes use http or https, not ${parsed.protocol}`, { fix: 'Write the service URL as http://host:port in keyhive.yaml.' });
    }
    const host = normalizeHost(parsed.hostname);
    const byName = checkHostName(host, this.allowedHosts);
    if (!byName.allowed) {
      throw new KeyhiveError('PROBE_TARGET_REFUSED', `refusing to send a key to ${host}: ${byName.reason}`, {
        fix: 'Probes only go to loopback and to hosts the workspace names in its service or issuer URLs.',
      });
    }
    const cached = this.vetted.get(host);
    if (cached) {
      this.scheme(parsed.protocol, host, cached);
      return { host, addresses: cached };
    }
    let addresses: LookupAddress[];
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
    else {
      try {
        addresses = await lookup(host, { all: true, verbatim: true });
      } catch {
        addresses = [];
      }
    }
    if (addresses.length === 0) {
      // Not a refusal (nothing would be sent anywhere unvetted): the probe fails and says why.
      throw new KeyhiveError('PROBE_FAILED', `${host} does not resolve on this machine`, {
        fix: 'Docker service names only resolve inside the Compose network: probe the published localhost port, or check the run mode. A public issuer needs a working DNS and network here.',
      });
    }
    this.scheme(parsed.protocol, host, addresses);
    const resolved = checkResolved(host, addresses.map((a) => a.address), this.allowedHosts, { publicHttps: parsed.protocol === 'https:' && this.httpsIssuerHosts.has(host) });
    if (!resolved.allowed) {
      throw new KeyhiveError('PROBE_TARGET_REFUSED', `refusing to send a key to ${host}: ${resolved.reason}`, {
        fix: 'Probes only go to loopback, to the workspace’s own (private) hosts, and to issuers it names with an https:// URL.',
      });
    }
    this.vetted.set(host, addresses);
    return { host, addresses };
  }

  /** A `lookup` for net.connect that answers only with vetted addresses (never resolves again). */
  readonly lookup = (
    hostname: string,
    options: { all?: boolean } | number | undefined,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const list = this.vetted.get(normalizeHost(hostname));
    if (!list || list.length === 0) {
      const err = Object.assign(new Error(`${hostname} was not vetted as a probe target`), { code: 'EKEYHIVE_REFUSED' });
      callback(err, '', 0);
      return;
    }
    if (typeof options === 'object' && options?.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}
