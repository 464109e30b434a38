/**
 * The real SecretStore: the OS keychain through keytar (Secret Service on Linux, Keychain on
 * macOS, Credential Manager on Windows). Service `Keyhive`, account `<workspace id>/<secret>`.
 *
 * Never hangs — every call races its own timeout (default 5 s) and a call cut off kills the
 * keytar helper process (see keytar-broker.ts) — and never falls back to plaintext: anything that keeps the keychain from answering is KEYCHAIN_UNAVAILABLE with the fix.
 * On Linux a locked collection makes libsecret report "no entry" for reads; so a read that finds
 * nothing is confirmed with a probe write before Keyhive believes it (cached for a few seconds).
 */
import { KeyhiveError, isKeyhiveError } from '../../../shared/errors.js';
import { KEYCHAIN_SERVICE, type SecretStore } from '../../core/secrets/secret-store.js';
import { classifyKeychainError, keychainUnavailable } from './keychain-errors.js';
import { KeytarBroker, sharedKeytarBroker, type KeytarLike } from './keytar-broker.js';

export interface KeytarSecretStoreOptions {
  /** Per-call limit in ms (default 5000, or KEYHIVE_KEYCHAIN_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Keychain service name (default `Keyhive`). */
  service?: string;
  /** Supplies keytar; defaults to the shared KeytarBroker (keytar in one helper process). */
  keytar?: KeytarLike;
  /** Extra environment for a broker of this store's own (e.g. another D-Bus session). */
  env?: Record<string, string | undefined>;
  /** Confirm "no entry" answers with a probe write (default: on Linux). */
  confirmMissing?: boolean;
  platform?: NodeJS.Platform;
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 5000;
/** The account of the probe entry written (and removed at once) to tell "missing" from "locked". */
export const PROBE_ACCOUNT = '.keyhive-probe';
const CONFIRM_TTL_MS = 5000;

function timeoutFromEnv(): number | undefined {
  const raw = process.env.KEYHIVE_KEYCHAIN_TIMEOUT_MS;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function checkAccount(account: string): void {
  if (account.length === 0 || account.length > 512) {
    throw new KeyhiveError('BAD_INPUT', `Invalid keychain account name (${account.length} characters).`, { fix: 'Use `<workspace id>/<secret name>` (see accounts in secret-store.ts).' });
  }
}

export class KeytarSecretStore implements SecretStore {
  readonly timeoutMs: number;
  private readonly service: string;
  private readonly keytar: KeytarLike;
  private readonly ownsKeytar: boolean;
  private readonly confirmMissing: boolean;
  private readonly platform: NodeJS.Platform;
  private confirmedAt = -Infinity;

  constructor(opts: KeytarSecretStoreOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? timeoutFromEnv() ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.ownsKeytar = opts.keytar === undefined && opts.env !== undefined;
    this.keytar = opts.keytar ?? (opts.env ? new KeytarBroker({ env: opts.env }) : sharedKeytarBroker());
    this.platform = opts.platform ?? process.platform;
    this.confirmMissing = opts.confirmMissing ?? this.platform === 'linux';
  }

  /** Stop this store's own helper process, if it has one (the shared one stops when idle or on exit). */
  close(): void {
    if (this.ownsKeytar) (this.keytar as { close?: () => void }).close?.();
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account);
    const value = await this.call('read', (k) => k.getPassword(this.service, account));
    if (value === null) await this.confirmReachable();
    return value;
  }

  async set(account: string, value: string): Promise<void> {
    checkAccount(account);
    if (value.length === 0) throw new KeyhiveError('BAD_INPUT', 'Refusing to store an empty value in the keychain.', { fix: 'Store a non-empty secret, or delete the entry.' });
    await this.call('write', (k) => k.setPassword(this.service, account, value));
    this.confirmedAt = Date.now();
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    const removed = await this.call('delete', (k) => k.deletePassword(this.service, account));
    if (!removed) await this.confirmReachable();
    return removed;
  }

  /**
   * A "no entry" answer can mean a locked collection on Linux: a probe write tells them apart.
   * Concurrent misses share ONE probe: two probes writing and deleting the same entry at once make
   * the Secret Service hand out an item that is already gone ("No such interface … Item").
   */
  private confirming: Promise<void> | null = null;
  private async confirmReachable(): Promise<void> {
    if (!this.confirmMissing || Date.now() - this.confirmedAt < CONFIRM_TTL_MS) return;
    this.confirming ??= (async () => {
      try {
        await this.call('write', (k) => k.setPassword(this.service, PROBE_ACCOUNT, 'probe'));
        await this.call('delete', (k) => k.deletePassword(this.service, PROBE_ACCOUNT));
        this.confirmedAt = Date.now();
      } finally {
        this.confirming = null;
      }
    })();
    await this.confirming;
  }

  private async call<T>(what: string, op: (k: KeytarLike) => Promise<T>): Promise<T> {
    // Starting the helper is not the keychain's time: it has its own, longer limit.
    try {
      await this.keytar.ensureStarted?.();
    } catch (e) {
      if (isKeyhiveError(e)) throw e;
      throw keychainUnavailable('other', e instanceof Error ? e.message : String(e), this.platform, e);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = keychainUnavailable('timeout', `a keychain ${what} took longer than ${this.timeoutMs} ms`, this.platform);
        this.keytar.abort?.(err);
        reject(err);
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([op(this.keytar), timeout]);
    } catch (e) {
      if (isKeyhiveError(e)) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw keychainUnavailable(classifyKeychainError(message), message, this.platform, e);
    } finally {
      clearTimeout(timer);
    }
  }
}
