/**
 * A workspace `keyhive init` is about to write: the settings (in the file's own shape, no
 * defaults filled in) plus the comments that explain them and what the user should check.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { WorkspaceSchema } from './schema.js';

export type WorkspaceInput = z.input<typeof WorkspaceSchema>;
export type ServiceInput = WorkspaceInput['services'][string];
export type SecretInput = NonNullable<WorkspaceInput['secrets']>[string];

export interface WorkspaceDraft {
  input: WorkspaceInput;
  /** Comments placed above entries, keyed by dotted path (`services.hub`, `secrets.hub-api-key`). */
  comments: Record<string, string>;
  /** Things the user should know (printed by init, never containing a value). */
  warnings: string[];
  /** How the draft was made, for the file header: `preset hivecfm` or `scan`. */
  source: string;
}

/** A new random workspace id: `ws-` + 16 base32-ish characters (80 bits). */
export function newWorkspaceId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols: a byte's low 5 bits are uniform
  let out = 'ws-';
  for (const b of randomBytes(16)) out += alphabet[b & 31];
  return out;
}

/** A workspace/service/secret name from free text: letters, digits, ".", "_" and "-". */
export function toName(text: string, fallback: string): string {
  const s = text
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
  return s === '' ? fallback : s;
}

/** `HIVECFM_HUB_API_KEY` → `hivecfm-hub-api-key`, collapsing a repeated word (`api-api-key` → `api-key`). */
export function kebab(...parts: string[]): string {
  const words = parts.join('-').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const out: string[] = [];
  for (const w of words) if (out[out.length - 1] !== w) out.push(w);
  return out.join('-');
}

/** `hivecfm-hub` → `HIVECFM_HUB` (to match variable prefixes against service names). */
export function envPrefixOf(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}
