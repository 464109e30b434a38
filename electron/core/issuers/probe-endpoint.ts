/**
 * Which endpoint Keyhive calls to prove an issued key works: the workspace's smoke endpoint or
 * the first declared endpoint the key covers, else the first endpoint of the system's table the
 * key covers (reads first). Pure.
 */
import type { IssuerSystem } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { parseEndpoint, type ParsedEndpoint } from '../scopes/endpoint-match.js';
import { covers, scopeModel } from '../scopes/scopes.js';

const concrete = (path: string): string => path.replace(/:[A-Za-z]+/g, 'keyhive-probe');

export function probeEndpointFor(system: IssuerSystem, scopes: readonly string[], declared: readonly string[] = []): ParsedEndpoint {
  for (const e of declared) {
    const parsed = parseEndpoint(e);
    try {
      if (covers(system, scopes, parsed).covered) return parsed;
    } catch {
      // an endpoint outside the system's table: usable as a probe when declared
      return parsed;
    }
  }
  const model = scopeModel(system);
  const ordered = [...model.endpoints].sort((a, b) => Number(b.method === 'GET') - Number(a.method === 'GET'));
  for (const rule of ordered) {
    if (rule.path.includes(':')) continue;
    if (covers(system, scopes, { method: rule.method, path: rule.path }).covered) return { method: rule.method, path: concrete(rule.path) };
  }
  throw new KeyhiveError('BAD_INPUT', `no ${system} endpoint is covered by the scopes [${scopes.join(', ')}], so the key cannot be probed`, {
    fix: 'Declare what the consumer calls under the secret\'s `endpoints:` (or `probes.smoke`) in keyhive.yaml.',
  });
}
