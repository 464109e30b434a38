/**
 * A private Secret Service for the test run: a fresh D-Bus session bus with gnome-keyring
 * on it, in temp dirs independent of HOME, with DISPLAY unset (so no prompt can appear).
 * The global set-up starts one shared session and exports its address; keychain tests that
 * need a broken or locked keychain start their own with `startKeyringDaemons`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { StartedPart } from './started-part.js';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Set by the global set-up when no keyring could start; keychain tests fail with it. */
export const KEYRING_UNAVAILABLE_ENV = 'KEYHIVE_TEST_KEYRING_UNAVAILABLE';
/** The password that unlocks the test keyring (test-only, meaningless outside the run). */
export const KEYRING_PASSWORD_ENV = 'KEYHIVE_TEST_KEYRING_PASSWORD';

export interface KeyringDaemons {
  env: Record<string, string>;
  /** XDG data dir holding `keyrings/` (reuse it to start a second, locked session). */
  dataDir: string;
  password: string;
  /** Process ids of the two daemons (stop() ends exactly these). */
  pids: { dbus: number; keyring: number };
  stop: () => Promise<void>;
}

export interface KeyringOptions {
  /** Reuse an existing keyring data dir (a keyring created by an earlier session). */
  dataDir?: string;
  /** Unlock (and, the first time, create) the login collection with the password. Default true. */
  unlock?: boolean;
  password?: string;
  /** Verify with a keytar set/get/delete round trip. Default: when unlocking. */
  verify?: boolean;
}

function killPid(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

/** A keytar round trip in a child process (so this process never binds libsecret to a bus). */
export async function keytarRoundTrip(env: Record<string, string>, timeoutMs = 5000): Promise<void> {
  const script = `const k=require('keytar');(async()=>{const a='.session-check/'+process.pid;await k.setPassword('Keyhive',a,'ok-\\u00e9');const v=await k.getPassword('Keyhive',a);await k.deletePassword('Keyhive',a);if(v!=='ok-\\u00e9')throw new Error('read back '+JSON.stringify(v));})().then(()=>process.exit(0),e=>{console.error(e.message);process.exit(1)})`;
  await run(process.execPath, ['-e', script], { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: timeoutMs });
}

/**
 * A tiny watchdog: if this process dies without calling stop() (a killed test run), it ends
 * the daemons it was given and removes their temp dir, so no keyring outlives its run.
 */
function startReaper(pids: number[], dir: string): number | undefined {
  const script = `const [parent, dir, ...pids] = process.argv.slice(1);
const alive = (p) => { try { process.kill(Number(p), 0); return true; } catch { return false; } };
setInterval(() => {
  if (alive(parent)) return;
  for (const p of pids) { try { process.kill(Number(p), 'SIGTERM'); } catch {} }
  require('node:fs').rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}, 1000);`;
  const reaper = spawn(process.execPath, ['-e', script, String(process.pid), dir, ...pids.filter((p) => p > 0).map(String)], { detached: true, stdio: 'ignore' });
  reaper.unref();
  return reaper.pid;
}

/** Starts dbus-daemon + gnome-keyring-daemon; throws with a readable reason when it cannot. */
export async function startKeyringDaemons(opts: KeyringOptions = {}): Promise<KeyringDaemons> {
  const base = await mkdtemp(path.join(tmpdir(), 'keyhive-keyring-'));
  const dataDir = opts.dataDir ?? path.join(base, 'data');
  const runtimeDir = path.join(base, 'runtime');
  const home = path.join(base, 'home');
  await mkdir(dataDir, { recursive: true });
  await mkdir(runtimeDir, { mode: 0o700 });
  await mkdir(home);
  const password = opts.password ?? `keyhive-test-${process.pid}`;
  const daemonEnv: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: dataDir, XDG_RUNTIME_DIR: runtimeDir, XDG_CONFIG_HOME: path.join(home, '.config'), HOME: home };
  delete daemonEnv.DISPLAY;
  delete daemonEnv.WAYLAND_DISPLAY;
  delete daemonEnv.DBUS_SESSION_BUS_ADDRESS;

  let dbusPid: number | undefined;
  let keyringPid: number | undefined;
  let reaperPid: number | undefined;
  const stop = async (): Promise<void> => {
    killPid(reaperPid);
    killPid(keyringPid);
    killPid(dbusPid);
    await rm(base, { recursive: true, force: true }).catch(() => {});
  };
  try {
    const { stdout } = await run('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], { env: daemonEnv, timeout: 10_000 });
    const [address, pid] = stdout.trim().split('\n');
    if (!address?.startsWith('unix:') || !pid) throw new Error(`dbus-daemon printed no address/pid: ${JSON.stringify(stdout)}`);
    dbusPid = Number(pid);
    const env = { DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: runtimeDir, XDG_DATA_HOME: dataDir };
    const unlock = opts.unlock ?? true;
    const args = ['--foreground', '--components=secrets', ...(unlock ? ['--unlock'] : [])];
    const child = spawn('gnome-keyring-daemon', args, { env: { ...daemonEnv, ...env }, stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    await spawned;
    keyringPid = child.pid;
    if (unlock) child.stdin.end(password);
    else child.stdin.end();
    child.unref();
    reaperPid = startReaper([dbusPid, keyringPid ?? 0], base);
    if (opts.verify ?? unlock) {
      let last: unknown;
      for (let i = 0; i < 40; i++) {
        try {
          await keytarRoundTrip(env);
          last = undefined;
          break;
        } catch (e) {
          last = e;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      if (last) throw new Error(`keytar round trip failed: ${(last as { stderr?: string }).stderr?.trim() || String(last)}`);
    } else {
      await waitForSecretService(env);
    }
    return { env, dataDir, password, pids: { dbus: dbusPid, keyring: keyringPid ?? 0 }, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Waits until the Secret Service answers a read (a locked collection answers "no entry"). */
async function waitForSecretService(env: Record<string, string>): Promise<void> {
  const script = `require('keytar').getPassword('Keyhive','.session-check').then(()=>process.exit(0),e=>{console.error(e.message);process.exit(1)})`;
  let last: unknown;
  for (let i = 0; i < 40; i++) {
    try {
      await run(process.execPath, ['-e', script], { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 5000 });
      return;
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`the Secret Service never answered: ${(last as { stderr?: string }).stderr?.trim() || String(last)}`);
}

/** Global set-up part: one shared, unlocked keyring for the whole run. */
export async function startKeyringSession(): Promise<StartedPart> {
  try {
    const k = await startKeyringDaemons();
    return { env: { ...k.env, [KEYRING_PASSWORD_ENV]: k.password }, stop: k.stop };
  } catch (e) {
    const reason = `KEYRING UNAVAILABLE: could not start a private Secret Service (dbus-daemon + gnome-keyring-daemon): ${e instanceof Error ? e.message : String(e)}. Install dbus, gnome-keyring and libsecret-1-0 (npm run setup); keychain tests will FAIL until then.`;
    return { env: { [KEYRING_UNAVAILABLE_ENV]: reason }, stop: async () => {}, unavailable: reason };
  }
}

/** For keychain tests: throws the loud reason when the shared keyring did not start. */
export function requireKeyring(): void {
  const reason = process.env[KEYRING_UNAVAILABLE_ENV];
  if (reason) throw new Error(reason);
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('KEYRING UNAVAILABLE: no DBUS_SESSION_BUS_ADDRESS — run the tests through vitest with test/vitest.config.ts (its global set-up starts the keyring).');
}
