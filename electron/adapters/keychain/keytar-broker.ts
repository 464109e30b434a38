/**
 * Runs keytar in a small helper process, so a keychain call that never returns (a prompt no
 * one answers, a wedged bus) can be cut off for real: libsecret blocks a thread-pool thread
 * forever, and a process holding such a thread can no longer exit. On timeout the helper is
 * killed and the next call starts a fresh one. The helper is plain JavaScript: `node -e` under
 * Node, a utility process inside Electron (helper-process.ts); it is unreferenced while idle, so
 * it never keeps Keyhive alive.
 * The helper runs the calls it is sent one at a time, in order, whichever store sent them.
 */
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import { childHelperProcess, helperFile, nodeHelperLauncher, type HelperLauncher, type HelperProcess } from './helper-process.js';
import { adoptPrestartedKeytarHelper, HELPER_SOURCE, keytarModulePath } from './keytar-helper.js';

/** The part of keytar Keyhive uses (the broker below, or a stand-in in unit tests). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  /** Several getPassword calls in one round trip (run one after another, in order). Optional. */
  getPasswords?(service: string, accounts: readonly string[]): Promise<(string | null)[]>;
  /** Cut off calls in flight (after a timeout). */
  abort?(reason: Error): void;
  /** Resolves once keytar is loaded and ready (so call timeouts measure the keychain, not start-up). */
  ensureStarted?(): Promise<void>;
  /** Stops any helper process and resolves once it has exited. */
  shutdown?(): Promise<void>;
}

/** How long a new helper may take to start and load keytar (a loaded machine can be slow). */
export const HELPER_START_TIMEOUT_MS = 30_000;


interface Reply { id: number; ok: boolean; result?: unknown; message?: string; load?: boolean; ready?: boolean }
interface Pending { resolve: (v: unknown) => void; reject: (e: unknown) => void }

/** keytar's module path, or KEYCHAIN_UNAVAILABLE telling to run setup. */
export function resolveKeytarPath(id = 'keytar'): string {
  try {
    return keytarModulePath(id);
  } catch (e) {
    throw new KeyhiveError('KEYCHAIN_UNAVAILABLE', `The keychain module (${id}) is not installed.`, { fix: 'Run `npm run setup` to install and build keytar (it needs libsecret-1-dev on Linux).', cause: e });
  }
}

export interface KeytarBrokerOptions {
  /** Extra environment for the helper (tests point it at another D-Bus session). */
  env?: Record<string, string | undefined>;
  /** Module id or path of keytar. */
  keytarId?: string;
  /** Stop an idle helper after this many ms (default HELPER_IDLE_MS). */
  idleMs?: number;
  /** How the helper process is started (default: `node -e`; Electron's main supplies a utility process). */
  launcher?: HelperLauncher;
  /** Where a launcher that needs a module file may write the helper (default: the OS temp dir). */
  helperDir?: string;
}

/** An idle helper is stopped after this long (the next call starts a new one). */
export const HELPER_IDLE_MS = 60_000;

/** How long a helper may take to exit after its channel closed before it is killed. */
export const HELPER_EXIT_GRACE_MS = 2_000;

export class KeytarBroker implements KeytarLike {
  private child: HelperProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private idleTimer: NodeJS.Timeout | undefined;
  private ready: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void; settled: boolean } | undefined;

  constructor(private readonly opts: KeytarBrokerOptions = {}) {}

  /** The helper's process id while one runs. */
  get helperPid(): number | undefined {
    return this.child?.pid;
  }

  getPassword(service: string, account: string): Promise<string | null> {
    return this.request({ op: 'get', service, account }) as Promise<string | null>;
  }
  async setPassword(service: string, account: string, password: string): Promise<void> {
    await this.request({ op: 'set', service, account, value: password });
  }
  deletePassword(service: string, account: string): Promise<boolean> {
    return this.request({ op: 'delete', service, account }) as Promise<boolean>;
  }
  getPasswords(service: string, accounts: readonly string[]): Promise<(string | null)[]> {
    return this.request({ op: 'getMany', service, accounts: [...accounts] }) as Promise<(string | null)[]>;
  }

  /** Start the helper if needed and wait until keytar is loaded in it. */
  async ensureStarted(timeoutMs = HELPER_START_TIMEOUT_MS): Promise<void> {
    if (!this.child) this.child = this.start();
    const ready = this.ready as NonNullable<KeytarBroker['ready']>;
    if (ready.settled) return ready.promise;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new KeyhiveError('KEYCHAIN_UNAVAILABLE', `The keychain helper did not start within ${Math.round(timeoutMs / 1000)} s.`, {
          fix: 'The machine may be overloaded; try again. If it persists, run `npm run setup` to rebuild keytar.',
        });
        this.abort(err);
        reject(err);
      }, timeoutMs);
    });
    try {
      await Promise.race([ready.promise, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kill the helper (after a timeout): pending calls fail, the next call starts a new helper. */
  abort(reason: Error): void {
    const child = this.child;
    this.child = undefined;
    if (child && !child.gone) child.kill();
    this.settleReady(reason);
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
  }

  close(): void {
    clearTimeout(this.idleTimer);
    this.abort(new Error('keychain helper closed'));
  }

  /**
   * Before the process exits: lets the helper go (it exits when its channel closes) and waits
   * until it has, so no helper outlives the command; killed after `graceMs`.
   */
  async shutdown(graceMs = HELPER_EXIT_GRACE_MS): Promise<void> {
    clearTimeout(this.idleTimer);
    const child = this.child;
    this.child = undefined;
    for (const p of this.pending.values()) p.reject(new Error('keychain helper closed'));
    this.pending.clear();
    this.settleReady(new Error('keychain helper closed'));
    if (!child || child.gone) return;
    const exited = new Promise<void>((resolve) => child.onGone(() => resolve()));
    this.busy(child); // keep the event loop alive until it has gone
    child.release();
    const timer = setTimeout(() => child.kill(), graceMs);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private settleReady(error?: unknown): void {
    const r = this.ready;
    if (!r || r.settled) return;
    r.settled = true;
    if (error === undefined) r.resolve();
    else r.reject(error);
  }

  private start(): HelperProcess {
    const keytarPath = resolveKeytarPath(this.opts.keytarId);
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => {}); // also surfaced through ensureStarted and the calls
    this.ready = { promise, resolve, reject, settled: false };
    // The shared broker takes over the helper the CLI started ahead (keytar-helper.ts), if any.
    const own = this.opts.env === undefined && this.opts.keytarId === undefined && this.opts.launcher === undefined;
    const adopted = own ? adoptPrestartedKeytarHelper(keytarPath) : undefined;
    const launch = this.opts.launcher ?? nodeHelperLauncher;
    const helperDir = this.opts.helperDir ?? join(tmpdir(), `keyhive-${process.getuid?.() ?? 'user'}`);
    const child = adopted
      ? childHelperProcess(adopted.child, adopted.stderr)
      : launch({ source: HELPER_SOURCE, file: () => helperFile(helperDir, HELPER_SOURCE) }, { ...process.env, ...this.opts.env, KEYHIVE_KEYTAR_PATH: keytarPath });
    child.onMessage((m) => this.onReply(m as Reply));
    child.onGone((why) => {
      if (this.child !== child) return; // an aborted helper: its calls were already failed
      this.child = undefined;
      const tail = child.stderrTail().trim().split('\n')[0];
      const err = new Error(`${why}${tail ? `: ${tail}` : ''}`);
      this.settleReady(err);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
    this.busy(child); // until it is ready
    for (const m of adopted?.early ?? []) this.onReply(m as Reply); // e.g. its "ready"
    return child;
  }

  private onReply(m: Reply): void {
    if (m.ready) {
      this.settleReady();
    } else if (m.load) {
      const err = new KeyhiveError('KEYCHAIN_UNAVAILABLE', `The keychain module (keytar) could not be loaded: ${m.message ?? ''}`, {
        fix: 'Run `npm run setup` to build keytar for this Node/Electron (it needs libsecret-1-dev on Linux).',
      });
      if (m.id === 0) this.settleReady(err);
      const targets = m.id === 0 ? [...this.pending.values()] : [this.pending.get(m.id)].filter((p): p is Pending => !!p);
      for (const p of targets) p.reject(err);
      if (m.id === 0) this.pending.clear();
      else this.pending.delete(m.id);
    } else {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.message ?? 'keychain call failed'));
    }
    if (this.pending.size === 0 && this.child) this.idle(this.child);
  }

  /** While idle the helper must not keep this process alive, and stops after HELPER_IDLE_MS. */
  private idle(child: HelperProcess): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.child === child && this.pending.size === 0) {
        this.child = undefined;
        child.release();
      }
    }, this.opts.idleMs ?? HELPER_IDLE_MS);
    this.idleTimer.unref();
    child.hold(false);
  }

  private busy(child: HelperProcess): void {
    clearTimeout(this.idleTimer);
    child.hold(true);
  }

  private request(msg: { op: string; service: string; account?: string; accounts?: string[]; value?: string }): Promise<unknown> {
    let child: HelperProcess;
    try {
      child = this.child ?? (this.child = this.start());
    } catch (e) {
      return Promise.reject(e);
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.busy(child);
      child.send({ id, ...msg }, (err) => {
        if (this.pending.delete(id)) reject(err);
      });
    });
  }
}

/**
 * keytar loaded into this process: the fallback inside Electron when main supplied no helper
 * launcher (the packaged app's hardened fuses turn ELECTRON_RUN_AS_NODE off, so `process.execPath
 * -e …` would start a second app instead of Node). The store's per-call timeout still answers
 * the UI in time, but a wedged libsecret call then holds a thread-pool thread for good.
 */
export function inProcessKeytar(id = 'keytar'): KeytarLike {
  const path = resolveKeytarPath(id);
  let loaded: KeytarLike | undefined;
  const keytar = (): KeytarLike => {
    if (loaded) return loaded;
    try {
      return (loaded = createRequire(import.meta.url)(path) as KeytarLike);
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      throw new KeyhiveError('KEYCHAIN_UNAVAILABLE', `The keychain module (keytar) could not be loaded: ${why}`, {
        fix: 'Rebuild keytar for this runtime (`npm run setup`; for the desktop app, electron-builder install-app-deps).',
        cause: e,
      });
    }
  };
  return {
    getPassword: async (service, account) => keytar().getPassword(service, account),
    setPassword: async (service, account, password) => keytar().setPassword(service, account, password),
    deletePassword: async (service, account) => keytar().deletePassword(service, account),
  };
}

let shared: KeytarLike | undefined;
let sharedLauncher: { launcher: HelperLauncher; helperDir?: string } | undefined;

/**
 * How this runtime starts the keychain helper, set once by a shell before any keychain call:
 * Electron's main supplies a utility-process launcher (and where to write the helper module).
 * Without one, Electron falls back to keytar in-process (see inProcessKeytar).
 */
export function useKeychainHelperLauncher(launcher: HelperLauncher, opts: { helperDir?: string } = {}): void {
  sharedLauncher = { launcher, ...opts };
  shared = undefined;
}

/**
 * The process-wide keytar every store without its own environment uses: one helper process
 * (a child `node` under Node; a utility process inside Electron when main supplied a launcher).
 */
export function sharedKeytarBroker(): KeytarLike {
  return (shared ??= keytarFor(process.versions));
}

/** Stops the shared helper (if one was started) and waits for it to exit: for a shell about to exit. */
export async function shutdownSharedKeytarBroker(): Promise<void> {
  const s = shared;
  shared = undefined;
  await s?.shutdown?.();
}

/** A new keytar supplier for this runtime: a helper process, or keytar in-process inside Electron without a launcher. */
export function keytarFor(versions: Partial<NodeJS.ProcessVersions>): KeytarLike {
  if (sharedLauncher) return new KeytarBroker({ launcher: sharedLauncher.launcher, ...(sharedLauncher.helperDir ? { helperDir: sharedLauncher.helperDir } : {}) });
  return versions.electron ? inProcessKeytar() : new KeytarBroker();
}
