/**
 * A service's `.env.example`: it should name every variable Keyhive binds in that service and
 * hold no real value. The check names variables only; the refresh edits only the values it must
 * (through the lossless .env engine), adding missing variables with a placeholder.
 */
import type { EnvExampleCheck } from '../../../shared/scan.js';
import { parseEnv } from '../env/parse.js';
import { setValue } from '../env/edit.js';
import { secretWeakness } from '../env/secret-strength.js';
import { isPlaceholderKey } from './patterns.js';

export const ENV_EXAMPLE_NAME = '.env.example';

/** The placeholder Keyhive writes for a bound variable: the weak-secret lint calls `<…>` a placeholder. */
export const placeholderFor = (secret: string): string => `<${secret}>`;

/** A value that is not a real secret: empty, a `<…>`/changeme-style placeholder, or a docs example. */
export function isPlaceholderValue(value: string): boolean {
  return value.trim() === '' || secretWeakness(value)?.code === 'PLACEHOLDER_SECRET' || isPlaceholderKey(value);
}

export interface BoundVar {
  var: string;
  secret: string;
}

export function checkEnvExample(service: string, file: string, text: string | null, bound: readonly BoundVar[]): EnvExampleCheck {
  if (text === null) return { service, file, exists: false, missing: [...new Set(bound.map((b) => b.var))].sort(), realValues: [] };
  const doc = parseEnv(text);
  const values = new Map(doc.entries.map((e) => [e.key, e.value]));
  const missing = new Set<string>();
  const real = new Set<string>();
  for (const b of bound) {
    const v = values.get(b.var);
    if (v === undefined) missing.add(b.var);
    else if (!isPlaceholderValue(v)) real.add(b.var);
  }
  return { service, file, exists: true, missing: [...missing].sort(), realValues: [...real].sort() };
}

/** The refreshed example: every bound variable present, every real value replaced by its placeholder. */
export function refreshEnvExample(text: string | null, bound: readonly BoundVar[]): Uint8Array {
  let out: string | Uint8Array = text ?? '# Variables this service reads. Real values live in .env (not committed) and the keychain (keyhive).\n';
  for (const b of bound) {
    const doc = parseEnv(out);
    const entry = doc.entries.find((e) => e.key === b.var);
    if (entry && isPlaceholderValue(entry.value)) continue;
    out = setValue(out, b.var, placeholderFor(b.secret));
  }
  return typeof out === 'string' ? new TextEncoder().encode(out) : out;
}

/** The `.gitignore` text with `entry` appended (on its own line), or null when already listed. */
export function addGitignoreEntry(text: string | null, entry: string): string | null {
  const lines = (text ?? '').split(/\r?\n/);
  if (lines.some((l) => l.trim() === entry || l.trim() === `/${entry}`)) return null;
  const base = text ?? '';
  const sep = base === '' || base.endsWith('\n') ? '' : '\n';
  return `${base}${sep}${entry}\n`;
}
