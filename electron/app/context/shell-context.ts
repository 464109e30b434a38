/**
 * The shell context: what a shell (the desktop app, the CLI, web mode) chooses ONCE, at start,
 * for every workspace it opens and every use case it calls — where secrets live, where Keyhive
 * keeps its own data (activity, journals, backups, the lock), what time it is, and how a change
 * waits for another one holding the workspace. Use cases receive it; none of them picks a
 * default. `createShellContext` is the one place the defaults are picked: the OS keychain (through
 * the keychain helper), the per-user data dir, the system clock, the default lock wait.
 */
import { systemClock, type Clock } from '../../../shared/clock.js';
import type { LockHolder } from '../../../shared/lock.js';
import { ensureDataDir } from '../../adapters/fs/data-dir.js';
import { ensureDir } from '../../adapters/fs/file-facts.js';
import { KeytarSecretStore } from '../../adapters/keychain/keytar-secret-store.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';

export interface ShellContext {
  /** Where secrets live: the OS keychain (a memory store in tests). */
  readonly store: SecretStore;
  /** Where activity, journals, backups and the workspace lock live. */
  readonly dataDir: string;
  /** What time it is for every use case (activity, status, progress, journals, locks, key expiry). */
  readonly clock: Clock;
  /** How long a change waits for another one holding the workspace (the lock's default when absent). */
  readonly lockWaitMs?: number;
  /** Told once when a change has to wait (to say who holds the workspace). */
  readonly onLockWait?: (holder: LockHolder) => void;
}

/** A context as use cases and tests may give it: the clock is the system clock when left out. */
export type ContextOptions = Omit<ShellContext, 'clock'> & { readonly clock?: Clock };

/** The context with its clock. */
export function withClock(opts: ContextOptions): ShellContext {
  return { ...opts, clock: opts.clock ?? systemClock };
}

/** A context a shell created: closing it closes what it opened (its own keychain connection). */
export interface OwnedShellContext extends ShellContext {
  close(): Promise<void>;
}

/** What a shell (or a test) chooses; everything left out gets the default. */
export type ShellChoices = { -readonly [K in keyof ShellContext]?: ShellContext[K] };

export async function createShellContext(choices: ShellChoices = {}): Promise<OwnedShellContext> {
  const own = choices.store ? null : new KeytarSecretStore();
  let dataDir = choices.dataDir;
  if (dataDir === undefined) dataDir = await ensureDataDir(); // made (0700) and checked
  else await ensureDir(dataDir); // a chosen one exists afterwards too
  return {
    store: choices.store ?? (own as KeytarSecretStore),
    dataDir,
    clock: choices.clock ?? systemClock,
    ...(choices.lockWaitMs !== undefined ? { lockWaitMs: choices.lockWaitMs } : {}),
    ...(choices.onLockWait ? { onLockWait: choices.onLockWait } : {}),
    close: async () => own?.close(),
  };
}
