/**
 * Secrets proposed from a scan: variables that look shared — the same value (fingerprint) in
 * two services, or a `<SERVICE>_API_KEY`-style name on one side matching the other service's
 * own `API_KEY`. The server is the side whose name is the plain suffix of the others'. Pure.
 */
import { SECRET_KEY } from '../env/secret-strength.js';
import { envPrefixOf, kebab, type SecretInput } from './draft.js';
import type { ProposedService } from './propose-services.js';
import type { ProjectScan, ScannedVar } from './project-scan.js';

const CONVENTIONAL_VAR = /^[A-Z_][A-Z0-9_]*$/;

export interface ProposedSecret {
  name: string;
  input: SecretInput;
  comment: string;
  warnings: string[];
}

interface Slot {
  service: ProposedService;
  name: string;
  vars: ScannedVar[]; // this variable in each of the service's env files
  all: Set<string>; // every variable name the service has (for urlVar)
}

function slotsOf(scan: ProjectScan, services: ProposedService[]): Slot[] {
  const slots: Slot[] = [];
  const seen = new Set<string>(); // "files|VAR": services reading the very same variable of the same files share it already
  for (const svc of services) {
    const files = scan.envFiles.filter((f) => svc.envFiles.includes(f.path));
    const all = new Set<string>([...files.flatMap((f) => f.vars.map((v) => v.name)), ...(svc.compose?.environment ?? [])]);
    const byName = new Map<string, ScannedVar[]>();
    for (const f of files) for (const v of f.vars) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
    for (const [name, vars] of byName) {
      // Only conventionally named variables (A-Z, 0-9, _): the workspace rules refuse others.
      if (!CONVENTIONAL_VAR.test(name) || !SECRET_KEY.test(name) || /_URL$|_HOST$|_PORT$/.test(name)) continue;
      const where = `${files.filter((f) => f.vars.some((v) => v.name === name)).map((f) => f.path).sort().join(',')}|${name}`;
      if (seen.has(where)) continue;
      seen.add(where);
      slots.push({ service: svc, name, vars, all });
    }
  }
  return slots;
}

/** SUFFIX matched by `<PREFIX>_SUFFIX`, where PREFIX names the other service. */
function nameMatch(client: Slot, server: Slot): boolean {
  if (client.service === server.service || !client.name.endsWith(`_${server.name}`)) return false;
  const prefix = client.name.slice(0, -server.name.length - 1);
  const svc = envPrefixOf(server.service.name);
  const dir = envPrefixOf(server.service.dir.split('/').pop() ?? '');
  return [svc, dir].some((p) => p !== '' && (p === prefix || p.endsWith(`_${prefix}`) || prefix.endsWith(`_${p}`) || p.startsWith(`${prefix}_`)));
}

function groups(slots: Slot[]): Slot[][] {
  const parent = slots.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const union = (a: number, b: number): void => void (parent[find(a)] = find(b));
  const byPrint = new Map<string, number[]>();
  slots.forEach((s, i) => {
    for (const v of s.vars) if (v.fingerprint) byPrint.set(v.fingerprint, [...(byPrint.get(v.fingerprint) ?? []), i]);
  });
  for (const idx of byPrint.values()) for (const j of idx.slice(1)) union(idx[0] as number, j);
  slots.forEach((a, i) => slots.forEach((b, j) => nameMatch(a, b) && union(i, j)));
  const out = new Map<number, Slot[]>();
  slots.forEach((s, i) => out.set(find(i), [...(out.get(find(i)) ?? []), s]));
  return [...out.values()].filter((g) => new Set(g.map((s) => s.service)).size >= 2);
}

function serverOf(group: Slot[]): Slot | undefined {
  const candidates = group.filter((s) => group.every((o) => o === s || (o.service !== s.service && o.name.endsWith(`_${s.name}`))));
  return candidates.length === 1 ? candidates[0] : undefined;
}

function urlVarFor(slot: Slot, server: Slot | undefined): string | undefined {
  const stems = new Set<string>();
  if (server && slot.name.endsWith(`_${server.name}`)) stems.add(slot.name.slice(0, -server.name.length - 1));
  const m = /^(.*?)_(API_KEY|API_TOKEN|KEY|TOKEN|SECRET)$/.exec(slot.name);
  if (m?.[1]) stems.add(m[1]);
  for (const stem of stems) for (const suffix of ['_URL', '_API_URL', '_BASE_URL']) if (slot.all.has(stem + suffix)) return stem + suffix;
  return undefined;
}

function formatOf(group: Slot[]): string {
  const formats = new Set(group.flatMap((s) => s.vars.map((v) => v.format)));
  if (formats.size !== 1) return 'generic';
  const f = [...formats][0];
  return f === null || f === undefined ? 'generic' : f === 'hiveforge-live' || f === 'hiveforge-test' ? 'hiveforge' : f;
}

export function proposeSecrets(scan: ProjectScan, services: ProposedService[]): ProposedSecret[] {
  const taken = new Set<string>();
  const out: ProposedSecret[] = [];
  for (const group of groups(slotsOf(scan, services))) {
    const server = serverOf(group);
    let name = server ? kebab(server.service.name, server.name) : kebab(group[0]?.name ?? 'shared-secret');
    for (let i = 2; taken.has(name); i++) name = `${name.replace(/-\d+$/, '')}-${i}`;
    taken.add(name);
    const ordered = server ? [server, ...group.filter((s) => s !== server)] : group;
    const bindings = ordered.map((s) => {
      const role: 'server' | 'client' = s === server ? 'server' : 'client';
      const urlVar = role === 'client' ? urlVarFor(s, server) : undefined;
      return { service: s.service.name, var: s.name, role, ...(urlVar ? { urlVar } : {}) };
    });
    const prints = group.map((s) => new Set(s.vars.map((v) => v.fingerprint).filter((f): f is string => f !== null)));
    const sameValue = [...(prints[0] ?? [])].some((f) => prints.every((p) => p.has(f)));
    const differs = new Set(group.flatMap((s) => s.vars.map((v) => v.fingerprint))).size > 1;
    const warnings: string[] = [];
    if (group.some((s) => s.vars.some((v) => v.format === 'hiveforge-live'))) {
      warnings.push(`secret "${name}": a HiveForge live (production) key sits in this local workspace — use a hf_test_ sandbox key for development.`);
    }
    const why = sameValue ? 'the same value (by fingerprint) is set in' : 'the variable names match across';
    if (differs) warnings.push(`secret "${name}": the bound variables hold different values right now (drift) — pick one with \`keyhive sync\`.`);
    const roleNote = server ? '' : ' No side is clearly the server: set role: server on the service that checks the key.';
    out.push({
      name,
      input: { format: formatOf(group), bindings },
      comment: `Proposed because ${why} ${[...new Set(group.map((s) => s.service.name))].join(' and ')}.${roleNote}`,
      warnings,
    });
  }
  return out;
}
