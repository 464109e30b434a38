/**
 * The real SecretStore: the OS keychain through keytar (Secret Service on Linux, Keychain on
 * macOS, Credential Manager on Windows). Service `Keyhive`, account `<workspace id>/<secret>`.
 *
 * Never hangs — every call races its own timeout (default 5 s) and a call cut off kills the
 * keytar helper process (see keytar-broker.ts) — and never falls back to plaintext: anything that keeps the keychain from answering is KEYCHAIN_UNAVAILABLE with the fix.
 * A read never writes. On Linux a locked collection makes libsecret report "no entry" for reads, so
 * a read that finds nothing is confirmed once by a READ-ONLY look at the default collection
 * (secret-service-state.ts; shared by concurrent reads, trusted for a while after) — "no entry"
 * is then answered as missing (null), never as a broken keychain.
 *
 * Calls are serialized per store: one keychain call at a time (the Secret Service is not built for
 * racing calls on the same items), each with its own timeout counted from its start; a call that
 * times out fails the calls queued behind it at once, so a wedged keychain never stacks up waits.
 */
import { KeyhiveError, isKeyhiveError } from '../../../shared/errors.js';
import { KEYCHAIN_SERVICE, type SecretStore } from '../../core/secrets/secret-store.js';
import { assertStorableValue } from '../../core/secrets/value-check.js';
import { classifyKeychainError, keychainUnavailable } from './keychain-errors.js';
import { KeytarBroker, sharedKeytarBroker, type KeytarLike } from './keytar-broker.js';
import { checkDefaultCollection, type CollectionCheck } from './secret-service-state.js';

export interface KeytarSecretStoreOptions {
  /** Per-call limit in ms (default 5000, or KEYHIVE_KEYCHAIN_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Keychain service name (default `Keyhive`). */
  service?: string;
  /** Supplies keytar; defaults to the shared KeytarBroker (keytar in one helper process). */
  keytar?: KeytarLike;
  /** Extra environment for a broker of this store's own (e.g. another D-Bus session). */
  env?: Record<string, string | undefined>;
  /** Confirm "no entry" answers with a read-only look at the default collection (default: on Linux). */
  confirmMissing?: boolean;
  /** How that look is taken (default: D-Bus through dbus-send). */
  checkCollection?: CollectionCheck;
  platform?: NodeJS.Platform;
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 5000;
/** How long a confirmed-reachable keychain is trusted before "no entry" is confirmed again. */
export const CONFIRM_TTL_MS = 30_000;

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

async function sequentialGets(k: KeytarLike, service: string, accounts: readonly string[]): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (const a of accounts) out.push(await k.getPassword(service, a));
  return out;
}

export class KeytarSecretStore implements SecretStore {
  readonly timeoutMs: number;
  private readonly service: string;
  private readonly keytar: KeytarLike;
  private readonly ownsKeytar: boolean;
  private readonly confirmMissing: boolean;
  private readonly platform: NodeJS.Platform;
  private readonly env: Record<string, string | undefined> | undefined;
  private readonly checkCollection: CollectionCheck;
  private confirmedAt = -Infinity;
  private confirming: Promise<void> | undefined;
  /** The tail of this store's call queue. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Bumped by a timed-out call: calls queued before it fail with its error instead of waiting. */
  private generation = 0;
  private lastTimeout: Error | undefined;

  constructor(opts: KeytarSecretStoreOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? timeoutFromEnv() ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.ownsKeytar = opts.keytar === undefined && opts.env !== undefined;
    this.keytar = opts.keytar ?? (opts.env ? new KeytarBroker({ env: opts.env }) : sharedKeytarBroker());
    this.platform = opts.platform ?? process.platform;
    this.confirmMissing = opts.confirmMissing ?? this.platform === 'linux';
    this.env = opts.env;
    this.checkCollection = opts.checkCollection ?? checkDefaultCollection;
  }

  /** Stop this store's own helper process, if it has one (the shared one stops when idle or on exit). */
  close(): void {
    if (this.ownsKeytar) (this.keytar as { close?: () => void }).close?.();
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account);
    const value = await this.call('read', (k) => k.getPassword(this.service, account));
    if (value === null) await this.confirmReachable();
    else this.confirmedAt = Date.now();
    return value;
  }

  /** The values of several accounts in one call to the helper (status reads every secret at once). */
  async getMany(accounts: readonly string[]): Promise<(string | null)[]> {
    accounts.forEach(checkAccount);
    if (accounts.length === 0) return [];
    const values = await this.call('read', async (k) => (k.getPasswords ? k.getPasswords(this.service, accounts) : sequentialGets(k, this.service, accounts)));
    if (values.some((v) => v === null)) await this.confirmReachable();
    else this.confirmedAt = Date.now();
    return values;
  }

  async set(account: string, value: string): Promise<void> {
    checkAccount(account);
    if (value.length === 0) throw new KeyhiveError('BAD_INPUT', 'Refusing to store an empty value in the keychain.', { fix: 'Store a non-empty secret, or delete the entry.' });
    assertStorableValue(value); // the keychain would cut it off at the NUL
    await this.call('write', (k) => k.setPassword(this.service, account, value));
    this.confirmedAt = Date.now();
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    const removed = await this.call('delete', (k) => k.deletePassword(this.service, account));
    if (!removed) await this.confirmReachable();
    else this.confirmedAt = Date.now();
    return removed;
  }

  /**
   * A "no entry" answer can mean a locked collection on Linux: a read-only look at the default
   * collection tells them apart — once for all the reads waiting on it, then trusted for a while.
   */
  private async confirmReachable(): Promise<void> {
    if (!this.confirmMissing || Date.now() - this.confirmedAt < CONFIRM_TTL_MS) return;
    this.confirming ??= this.checkCollection({ env: this.env, timeoutMs: this.timeoutMs, platform: this.platform })
      .then(() => {
        this.confirmedAt = Date.now();
      })
      .finally(() => {
        this.confirming = undefined;
      });
    await this.confirming;
  }

  /** Runs keychain calls one at a time, in order. */
  private call<T>(what: string, op: (k: KeytarLike) => Promise<T>): Promise<T> {
    const generation = this.generation;
    const run = (): Promise<T> => {
      if (this.generation !== generation && this.lastTimeout) return Promise.reject(this.lastTimeout);
      return this.callNow(what, op);
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => {});
    return result;
  }

  private async callNow<T>(what: string, op: (k: KeytarLike) => Promise<T>): Promise<T> {
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
        this.generation++;
        this.lastTimeout = err;
        this.keytar.abort?.(err);
        reject(err);
      }, this.timeoutMs);
    });
    try {
      try {
        return await Promise.race([op(this.keytar), timeout]);
      } catch (e) {
        // An entry removed by another process between libsecret's search and its read: a fresh
        // read (or delete) sees the keychain as it is now. Writes are not repeated.
        if (isKeyhiveError(e) || what === 'write' || classifyKeychainError(e instanceof Error ? e.message : String(e)) !== 'item-changed') throw e;
        return await Promise.race([op(this.keytar), timeout]);
      }
    } catch (e) {
      if (isKeyhiveError(e)) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw keychainUnavailable(classifyKeychainError(message), message, this.platform, e);
    } finally {
      clearTimeout(timer);
    }
  }
}
