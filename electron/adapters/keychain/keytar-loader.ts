/**
 * Loads the native keytar module on first use (never at import), so a missing or broken
 * native build becomes a clear KEYCHAIN_UNAVAILABLE error instead of a crash at start-up.
 */
import { createRequire } from 'node:module';
import { KeyhiveError } from '../../../shared/errors.js';

/** The part of keytar Keyhive uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

let cached: KeytarLike | undefined;

/** keytar, loaded once. `id` lets tests point at a module that does not exist. */
export function loadKeytar(id = 'keytar'): KeytarLike {
  if (id === 'keytar' && cached) return cached;
  const require = createRequire(import.meta.url);
  let mod: unknown;
  try {
    mod = require(id);
  } catch (e) {
    throw new KeyhiveError('KEYCHAIN_UNAVAILABLE', `The keychain module (keytar) could not be loaded: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, {
      fix: 'Run `npm run setup` to build keytar for this Node/Electron (it needs libsecret-1-dev on Linux).',
      cause: e,
    });
  }
  const k = ((mod as { default?: unknown }).default ?? mod) as Partial<KeytarLike>;
  if (typeof k.getPassword !== 'function' || typeof k.setPassword !== 'function' || typeof k.deletePassword !== 'function') {
    throw new KeyhiveError('KEYCHAIN_UNAVAILABLE', `The module "${id}" does not look like keytar (no getPassword/setPassword/deletePassword).`, {
      fix: 'Run `npm run setup` to reinstall and rebuild keytar.',
    });
  }
  const api = k as KeytarLike;
  if (id === 'keytar') cached = api;
  return api;
}
