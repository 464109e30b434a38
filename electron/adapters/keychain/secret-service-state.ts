/**
 * Is the Secret Service's default collection there and unlocked? Asked READ-ONLY over D-Bus
 * (`ReadAlias("default")`, then the collection's `Locked` property) with `dbus-send`, so telling
 * "no entry" from "locked keyring" never writes anything to the user's keychain.
 *
 * libsecret answers "no entry" for a read in a locked collection whose unlock prompt could not be
 * shown; this is how Keyhive tells the two apart on Linux. When `dbus-send` is not installed the
 * answer is `unknown` and the caller trusts the read (a later write still fails loudly on a locked
 * keyring). Never hangs: the call has its own time limit and is killed after it.
 */
import { execFile } from 'node:child_process';
import { classifyKeychainError, keychainUnavailable } from './keychain-errors.js';

export type CollectionState = 'unlocked' | 'unknown';

export interface CollectionCheckOptions {
  /** Environment of the keychain's session (DBUS_SESSION_BUS_ADDRESS…). */
  env?: Record<string, string | undefined>;
  timeoutMs: number;
  platform?: NodeJS.Platform;
}

/** Reads the default collection's state; throws KEYCHAIN_UNAVAILABLE when it is missing or locked. */
export type CollectionCheck = (opts: CollectionCheckOptions) => Promise<CollectionState>;

const DEST = 'org.freedesktop.secrets';

interface Run {
  missing: boolean;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

function dbusSend(args: string[], opts: CollectionCheckOptions): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'dbus-send',
      ['--session', '--print-reply', `--reply-timeout=${Math.max(1, Math.floor(opts.timeoutMs))}`, `--dest=${DEST}`, ...args],
      { env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs + 1000, killSignal: 'SIGKILL', encoding: 'utf8' },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean }) | null;
        resolve({ missing: e?.code === 'ENOENT', timedOut: !!e?.killed || /NoReply|did not receive a reply/i.test(stderr), stdout, stderr: stderr || (e ? e.message : '') });
      },
    );
  });
}

function failed(run: Run, opts: CollectionCheckOptions): Error {
  if (run.timedOut) return keychainUnavailable('timeout', `the Secret Service did not answer within ${opts.timeoutMs} ms`, opts.platform);
  const line = run.stderr.trim().split('\n')[0] ?? '';
  return keychainUnavailable(classifyKeychainError(line), line.replace(/^Error\s+/, ''), opts.platform);
}

export const checkDefaultCollection: CollectionCheck = async (opts) => {
  const alias = await dbusSend(['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.ReadAlias', 'string:default'], opts);
  if (alias.missing) return 'unknown';
  if (alias.stderr.trim() || alias.timedOut) throw failed(alias, opts);
  const path = /object path "([^"]*)"/.exec(alias.stdout)?.[1];
  if (!path || path === '/') {
    throw keychainUnavailable('no-collection', 'the Secret Service has no default collection', opts.platform);
  }
  const locked = await dbusSend([path, 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked'], opts);
  if (locked.stderr.trim() || locked.timedOut) throw failed(locked, opts);
  if (/boolean true/.test(locked.stdout)) throw keychainUnavailable('locked', 'the default collection is locked', opts.platform);
  if (!/boolean false/.test(locked.stdout)) return 'unknown';
  return 'unlocked';
};
