/**
 * The desktop app's keychain helper runs in an Electron utility process: the packaged app's
 * fuses turn ELECTRON_RUN_AS_NODE off, so the CLI's `node -e` helper cannot be started with the
 * app's binary, and keytar in this process could not be cut off when libsecret never answers.
 * A utility process can: a call past its time-out kills it, and the next call starts a new one.
 */
import { utilityProcess } from 'electron';
import type { HelperLauncher, HelperProcess } from '../app/lifecycle/keychain-helper.js';

type Fork = typeof utilityProcess.fork;

export function utilityProcessLauncher(fork: Fork = (...a) => utilityProcess.fork(...a)): HelperLauncher {
  return (program, env): HelperProcess => {
    const child = fork(program.file(), [], { env, stdio: 'pipe', serviceName: 'Keyhive keychain' });
    let gone = false;
    let stderr = '';
    const goneListeners: Array<(why: string) => void> = [];
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-500);
    });
    child.on('exit', (code: number) => {
      gone = true;
      for (const f of goneListeners.splice(0)) f(`keychain helper exited (${code})`);
    });
    return {
      get pid() {
        return child.pid;
      },
      get gone() {
        return gone;
      },
      send: (msg, onError) => {
        try {
          child.postMessage(msg);
        } catch (e) {
          onError(e instanceof Error ? e : new Error(String(e)));
        }
      },
      onMessage: (fn) => void child.on('message', fn),
      onGone: (fn) => {
        if (gone) fn('keychain helper exited');
        else goneListeners.push(fn);
      },
      kill: () => {
        if (!gone) child.kill();
      },
      release: () => {
        if (!gone) child.postMessage({ op: 'exit' });
      },
      hold: () => {}, // the app's main process lives on its own; nothing to hold
      stderrTail: () => stderr,
    };
  };
}
