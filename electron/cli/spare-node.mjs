// A head start for the keychain helper. Starting a Node process takes about as long as loading
// the whole CLI, so `keyhive` starts a spare `node` child first thing — before it even finds its
// bundle — for the commands that read the keychain; once the bundle is loaded, the keychain
// helper (electron/adapters/keychain/keytar-helper.ts) is booted inside that process instead of
// spawning one then. Meanwhile the spare loads keytar and opens its keychain connection with a
// read of an entry that never exists (libsecret's connection and session set-up), so the helper
// answers at once when booted. The spare does nothing else until its parent sends it
//   { op: 'boot', source, env }   — adds `env` to its environment and runs `source` (with
//                                   require); `globalThis.keyhiveWarmUp` is that read, to wait for
// and exits when its parent does (its IPC channel closes). Plain JavaScript, Node's own modules
// only, so it costs the shell nothing to load.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** The commands whose runs read the keychain (the `keychain: true` areas of commands/registry.ts; test/cli/registry.test.ts keeps them equal). */
export const KEYCHAIN_COMMANDS = ['doctor', 'rotate', 'recover', 'keys', 'status', 'watch', 'sync', 'import', 'undo', 'activity'];

/** The read that opens the keychain connection (keytar-helper.ts's WARM_UP: an entry that never exists). */
export const WARM_UP_ACCOUNT = { service: 'Keyhive', account: '.keyhive-warm-up' };

const BOOT = `process.once('message', (m) => { if (m && m.op === 'boot') { Object.assign(process.env, m.env); new Function('require', m.source)(require); } });
try { globalThis.keyhiveWarmUp = require(process.env.KEYHIVE_KEYTAR_PATH).getPassword(${JSON.stringify(WARM_UP_ACCOUNT.service)}, ${JSON.stringify(WARM_UP_ACCOUNT.account)}).catch(() => null); } catch {}`;

/** Does a run with these arguments start a spare (as readsKeychain in commands/registry.ts decides)? */
export function wantsSpare(argv) {
  const name = argv.find((a) => !a.startsWith('-'));
  return name !== undefined && KEYCHAIN_COMMANDS.includes(name) && !argv.some((a) => a === '-h' || a === '--help');
}

/** A blank `node` child waiting for its boot message, or undefined when this run needs none (or it cannot start). */
export function startSpareNode(argv, env = process.env) {
  if (!wantsSpare(argv) || process.versions.electron) return undefined;
  try {
    // Where the engine finds keytar too (keytarModulePath in keytar-helper.ts); absent: the spare only saves the start.
    let keytarPath = '';
    try {
      keytarPath = createRequire(import.meta.url).resolve('keytar');
    } catch {
      keytarPath = '';
    }
    const child = spawn(process.execPath, ['-e', BOOT], { env: { ...env, ELECTRON_RUN_AS_NODE: '1', KEYHIVE_KEYTAR_PATH: keytarPath }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
    child.on('error', () => {}); // one that cannot start is not used (see keytar-helper.ts)
    return child;
  } catch {
    return undefined;
  }
}

/** Stops a spare nothing took over, and waits until it has exited (a run leaves no process behind). */
export async function stopSpareNode(child) {
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
