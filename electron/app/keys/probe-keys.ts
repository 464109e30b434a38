/**
 * Which key value a probe sends: what the CALLER really sends (its client binding's effective
 * value across its .env files — later files win), falling back to the keychain entry, then to
 * the server's own value. And the random wrong key of the negative control, shaped like the
 * real one (same prefix, same length) so the server judges the key, not its format.
 * Values stay in memory here and are never logged or returned to a UI.
 */
import { randomBytes } from 'node:crypto';
import { effectiveEntry, parseEnv } from '../../core/env/parse.js';
import { accounts, type SecretStore } from '../../core/secrets/secret-store.js';
import type { ResolvedService, Workspace } from '../../core/workspace/workspace.js';
import { readBytesOrNull } from '../../adapters/fs/file-facts.js';

export interface BindingValue {
  value: string;
  file: string;
  line: number;
}

/** The effective value of `varName` across a service's env files (later wins); null when unset. */
export async function readBindingValue(service: ResolvedService, varName: string): Promise<BindingValue | null> {
  let found: BindingValue | null = null;
  for (const file of service.envFiles) {
    const bytes = await readBytesOrNull(file);
    if (!bytes) continue;
    const entry = effectiveEntry(parseEnv(bytes), varName);
    if (entry) found = { value: entry.value, file, line: entry.line };
  }
  return found && found.value !== '' ? found : null;
}

export type KeySource = 'caller' | 'keychain' | 'server';

/** The key the probes send for a secret, and where it came from; null when there is none. */
export async function currentKeyOf(workspace: Workspace, store: SecretStore | undefined, secret: string): Promise<{ value: string; source: KeySource } | null> {
  const cfg = workspace.config.secrets[secret];
  if (!cfg) return null;
  for (const b of cfg.bindings.filter((x) => x.role === 'client')) {
    const svc = workspace.services.get(b.service);
    const v = svc ? await readBindingValue(svc, b.var) : null;
    if (v) return { value: v.value, source: 'caller' };
  }
  if (store) {
    const v = await store.get(accounts.secret(workspace.config.id, secret));
    if (v) return { value: v, source: 'keychain' };
  }
  for (const b of cfg.bindings.filter((x) => x.role === 'server')) {
    const svc = workspace.services.get(b.service);
    const v = svc ? await readBindingValue(svc, b.var) : null;
    if (v) return { value: v.value, source: 'server' };
  }
  return null;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random key that is not `real`, keeping its recognisable prefix (`hsk_`, `tokenhub_`, `hf_live_`…) and length. */
export function randomWrongKey(real: string | null): string {
  const prefix = real ? (/^([A-Za-z]+_(?:live_|test_)?)/.exec(real)?.[1] ?? '') : 'keyhive_wrong_';
  const bodyLen = Math.max(24, (real?.length ?? 0) - prefix.length);
  const hexOnly = real ? /^[0-9a-f]+$/.test(real.slice(prefix.length)) : false;
  const alphabet = hexOnly ? '0123456789abcdef' : ALNUM;
  for (;;) {
    const bytes = randomBytes(bodyLen);
    let body = '';
    for (const b of bytes) body += alphabet[b % alphabet.length];
    const key = prefix + body;
    if (key !== real) return key;
  }
}
