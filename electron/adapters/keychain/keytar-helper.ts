/**
 * The keychain helper process itself (see keytar-broker.ts for why keytar runs in one): its
 * source, how it is spawned, and a head start for the CLI. Starting Node and loading keytar takes
 * about as long as the rest of a `keyhive status`, so the CLI shell starts the helper before it
 * loads the command (`prestartKeytarHelper`) — in the blank `node` it started first thing, when
 * it has one (electron/cli/spare-node.mjs) — and has it open its keychain connection at once (a
 * read of an entry that never exists: libsecret's connection and session set-up, ~15 ms, then
 * happen while the CLI still loads). The shared broker adopts that process on its first call
 * instead of spawning its own. Nothing here imports more than Node's own modules, so the head
 * start costs the shell nothing to load. A helper started but never adopted is stopped by
 * `stopPrestartedKeytarHelper` (the shell's last act, see app/lifecycle/stop-helpers.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { KEYCHAIN_SERVICE } from '../../core/secrets/secret-store.js';
import { spawnNodeHelper } from './helper-process.js';

export const HELPER_SOURCE = String.raw`
// A utility process (Electron) talks over process.parentPort, a child process over process.send.
const port = process.parentPort;
const send = port ? (m) => port.postMessage(m) : (m) => process.send(m);
let keytar;
try { keytar = require(process.env.KEYHIVE_KEYTAR_PATH); }
catch (e) { send({ id: 0, ok: false, load: true, message: String(e && e.message || e).split('\n')[0] }); }
if (keytar) send({ id: 0, ok: true, ready: true });
// One call at a time: libsecret's calls race on the same items when run side by side.
// Booted in the CLI's spare node (electron/cli/spare-node.mjs): its warm-up read goes first.
let queue = Promise.resolve(globalThis.keyhiveWarmUp).catch(() => {});
const onMessage = (m) => { queue = queue.then(() => m && m.op === 'exit' ? process.exit(0) : handle(m)); };
if (port) port.on('message', (e) => onMessage(e.data)); else process.on('message', onMessage);
async function handle(m) {
  if (!keytar) return send({ id: m.id, ok: false, load: true, message: 'keytar is not loaded' });
  try {
    let result;
    if (m.op === 'get') result = await keytar.getPassword(m.service, m.account);
    else if (m.op === 'getMany') { result = []; for (const a of m.accounts) result.push(await keytar.getPassword(m.service, a)); }
    else if (m.op === 'set') result = await keytar.setPassword(m.service, m.account, m.value);
    else result = await keytar.deletePassword(m.service, m.account);
    send({ id: m.id, ok: true, result: result === undefined ? null : result });
  } catch (e) {
    send({ id: m.id, ok: false, message: String(e && e.message || e) });
  }
}
if (!port) process.on('disconnect', () => process.exit(0));
`;

/** keytar's module path (throws when it is not installed). */
export const keytarModulePath = (id = 'keytar'): string => createRequire(import.meta.url).resolve(id);

/** A new helper process, with `env` added to this process's environment. */
export function spawnKeytarHelper(keytarPath: string, env: Record<string, string | undefined> = {}): ChildProcess {
  return spawnNodeHelper(HELPER_SOURCE, { ...process.env, ...env, KEYHIVE_KEYTAR_PATH: keytarPath });
}

interface Prestarted {
  child: ChildProcess;
  keytarPath: string;
  /** Messages and stderr that came before a broker took the process over. */
  early: unknown[];
  stderr: string;
  detach: () => void;
}

let prestarted: Prestarted | undefined;

/**
 * The warm-up read a prestarted helper runs first. Its id is one no broker call has, so its answer
 * is dropped; a keychain that never answers holds it like any call, and the first real call
 * times out (and kills the helper) as it would have without it.
 */
export const WARM_UP = { id: -1, op: 'get', service: KEYCHAIN_SERVICE, account: '.keyhive-warm-up' } as const;

/** A blank `node` started ahead (spare-node.mjs) that can still be booted. */
const bootable = (spare: ChildProcess | undefined): spare is ChildProcess =>
  spare !== undefined && spare.pid !== undefined && spare.connected && spare.exitCode === null && spare.signalCode === null;

/**
 * Starts a helper for the shared broker now (the CLI, before it loads a command that reads the
 * keychain): boots it in `spare` when given one that is still there, else spawns it. Returns
 * whether it took `spare` over (it then stops it too); else the caller still owns it.
 */
export function prestartKeytarHelper(spare?: ChildProcess): boolean {
  if (prestarted || process.versions.electron) return false;
  let keytarPath: string;
  try {
    keytarPath = keytarModulePath();
  } catch {
    return false; // the broker says what is wrong when a call needs keytar
  }
  const useSpare = bootable(spare);
  const child = useSpare ? spare : spawnKeytarHelper(keytarPath);
  // A spare has run its warm-up read already (spare-node.mjs); a new helper runs it first.
  if (useSpare) child.send({ op: 'boot', source: HELPER_SOURCE, env: { KEYHIVE_KEYTAR_PATH: keytarPath } }, () => {});
  else child.send(WARM_UP, () => {}); // a send that fails: the process is gone, and is not adopted
  const p: Prestarted = { child, keytarPath, early: [], stderr: '', detach: () => {} };
  const onMessage = (m: unknown): void => void p.early.push(m);
  const onStderr = (d: Buffer): void => void (p.stderr = (p.stderr + d.toString()).slice(-500));
  const onError = (): void => {}; // a helper that cannot start is not adopted; the broker starts its own
  child.on('message', onMessage);
  child.stderr?.on('data', onStderr);
  child.on('error', onError);
  p.detach = () => {
    child.off('message', onMessage);
    child.stderr?.off('data', onStderr);
    child.off('error', onError);
  };
  prestarted = p;
  return useSpare;
}

/** The process id of a helper started ahead and not yet taken over. */
export const prestartedKeytarHelperPid = (): number | undefined => prestarted?.child.pid;

/**
 * The prestarted helper for a broker with no environment of its own, once: its process and what
 * it said so far (replay it). Undefined when none was started, or it already exited.
 */
export function adoptPrestartedKeytarHelper(keytarPath: string): { child: ChildProcess; early: unknown[]; stderr: string } | undefined {
  const p = prestarted;
  if (!p) return undefined;
  prestarted = undefined;
  p.detach();
  const alive = p.child.exitCode === null && p.child.signalCode === null && p.child.pid !== undefined && p.child.connected;
  if (!alive || p.keytarPath !== keytarPath) {
    if (alive) p.child.kill('SIGKILL');
    return undefined;
  }
  return { child: p.child, early: p.early, stderr: p.stderr };
}

/** Stops a prestarted helper no broker took over, and waits until it has exited. */
export async function stopPrestartedKeytarHelper(): Promise<void> {
  const p = prestarted;
  prestarted = undefined;
  if (!p) return;
  p.detach();
  const child = p.child;
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
