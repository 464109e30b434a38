/**
 * Shared shape of the issuer presets (TokenHub, HiveForge): keys are issued by an admin API and
 * only *used* by the workspace's services, so every binding is a client.
 */
import type { SecretInput, ServiceInput } from '../draft.js';
import type { ProjectScan } from '../project-scan.js';
import { clientsWith, hasLiveHiveForgeKey, nameForDir } from './layout.js';

export interface IssuedClients {
  services: Record<string, ServiceInput>;
  bindings: SecretInput['bindings'];
  warnings: string[];
}

/** Client services that hold the key (found by variable pattern), or one conventional `app`. */
export function issuedKeyClients(scan: ProjectScan, opts: { pattern: RegExp; conventionalVar: string; urlVars: string[]; exclude: string[] }): IssuedClients {
  const services: Record<string, ServiceInput> = {};
  const bindings: SecretInput['bindings'] = [];
  const warnings: string[] = [];
  for (const c of clientsWith(scan, opts.pattern, opts.exclude)) {
    const name = nameForDir(c.dir, 'app');
    if (services[name]) continue;
    services[name] = { dir: c.dir || '.', envFiles: scan.envFiles.some((f) => f.dir === c.dir && f.name === '.env.local') ? ['.env', '.env.local'] : ['.env'] };
    const urlVar = opts.urlVars.find((v) => c.all.has(v));
    bindings.push({ service: name, var: c.var, role: 'client', ...(urlVar ? { urlVar } : {}) });
    if (hasLiveHiveForgeKey(scan, c.dir, c.var)) {
      warnings.push(`${c.dir || '.'}: ${c.var} holds a HiveForge live (production) key in a local workspace — use a hf_test_ sandbox key for development.`);
    }
  }
  if (bindings.length === 0) {
    services.app = { dir: 'app', envFiles: ['.env'] };
    bindings.push({ service: 'app', var: opts.conventionalVar, role: 'client', ...(opts.urlVars[0] ? { urlVar: opts.urlVars[0] } : {}) });
    warnings.push(`no service with ${opts.conventionalVar} found in ${scan.root} — wrote a placeholder service "app" (app/.env); point it at the service that uses the key.`);
  }
  return { services, bindings, warnings };
}

/**
 * One issued-key secret per consumer, as the systems' docs advise (a key per integration, never
 * one key shared): a single consumer keeps the preset's usual name; several get
 * `<stem>-<service>-key`, each with its one binding; no consumer, no secret.
 */
export function secretPerConsumer(
  stem: string,
  singleName: string,
  bindings: SecretInput['bindings'],
  make: (bindings: SecretInput['bindings']) => SecretInput,
): Record<string, SecretInput> {
  if (bindings.length === 0) return {};
  if (bindings.length === 1) return { [singleName]: make(bindings) };
  return Object.fromEntries(bindings.map((b) => [`${stem}-${b.service}-key`, make([b])]));
}
