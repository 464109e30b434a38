/**
 * The values the leak guard looks for: each secret's keychain entry, what every binding holds in
 * every one of its service's env files today, and each issuer's admin credential (named
 * `issuer/<name>`). Read for one scan and handed to the scanner;
 * nothing here logs, returns to a UI or stores them.
 */
import { readBytesOrNull } from '../../adapters/fs/file-facts.js';
import { parseEnv } from '../../core/env/parse.js';
import type { ManagedValue } from '../../core/scan/needles.js';
import { accounts, type SecretStore } from '../../core/secrets/secret-store.js';
import type { Workspace } from '../../core/workspace/workspace.js';

export function systemOf(workspace: Workspace, secret: string): string | null {
  const issuer = workspace.config.secrets[secret]?.issuer;
  return issuer ? (workspace.config.issuers[issuer]?.system ?? null) : null;
}

/** The values, and a warning when the keychain could not be read (then only the env files' values). */
export async function managedValues(workspace: Workspace, store: SecretStore | null): Promise<{ values: ManagedValue[]; warnings: string[] }> {
  const out: ManagedValue[] = [];
  const warnings: string[] = [];
  let keychain = store;
  const add = (secret: string, value: string | null | undefined): void => {
    if (value && !out.some((v) => v.secret === secret && v.value === value)) out.push({ secret, system: systemOf(workspace, secret), value });
  };
  // The issuers' admin credentials (legacy admin key or JWT) are managed values too.
  for (const [issuer, cfg] of Object.entries(workspace.config.issuers)) {
    if (!keychain) break;
    try {
      const v = await keychain.get(accounts.issuerCredential(workspace.config.id, issuer));
      if (v && !out.some((x) => x.secret === `issuer/${issuer}` && x.value === v)) out.push({ secret: `issuer/${issuer}`, system: cfg.system, value: v });
    } catch (e) {
      keychain = null;
      warnings.push(`The keychain could not be read (${e instanceof Error ? e.message : String(e)}): only the values in the env files were searched for.`);
    }
  }
  for (const [name, cfg] of Object.entries(workspace.config.secrets)) {
    if (keychain) {
      try {
        add(name, await keychain.get(accounts.secret(workspace.config.id, name)));
      } catch (e) {
        keychain = null;
        warnings.push(`The keychain could not be read (${e instanceof Error ? e.message : String(e)}): only the values in the env files were searched for.`);
      }
    }
    for (const b of cfg.bindings) {
      const svc = workspace.services.get(b.service);
      for (const file of svc?.envFiles ?? []) {
        const bytes = await readBytesOrNull(file);
        if (!bytes) continue;
        for (const e of parseEnv(bytes).entries) if (e.key === b.var) add(name, e.value);
      }
    }
  }
  return { values: out, warnings };
}

/** Every env file a binding lives in: where a managed value belongs (not a leak in the working tree). */
export function boundEnvFiles(workspace: Workspace): Set<string> {
  const files = new Set<string>();
  for (const cfg of Object.values(workspace.config.secrets)) {
    for (const b of cfg.bindings) for (const f of workspace.services.get(b.service)?.envFiles ?? []) files.add(f);
  }
  return files;
}
