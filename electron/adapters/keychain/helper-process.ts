/**
 * The keychain helper's process, however it is started. Under Node (the CLI, web mode) it is a
 * child `node -e <source>` talking over the IPC channel. Inside Electron, where the hardened fuses
 * turn ELECTRON_RUN_AS_NODE off (so the app's binary cannot be that node), electron/main supplies
 * a launcher built on `utilityProcess.fork`, which needs a module file: `helperFile` writes the
 * same source once to the data dir (0600, named by its hash). Either way a call that never
 * returns is cut off by killing the process — the desktop app gets the same hard time-out as the CLI.
 *
 * The helper source speaks to both: `process.parentPort` in a utility process, `process.send` in
 * a child process; `{ op: 'exit' }` asks it to leave once its queue is done.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A running helper. Messages are plain JSON-able objects. */
export interface HelperProcess {
  readonly pid: number | undefined;
  /** True once it has exited or could not start. */
  readonly gone: boolean;
  send(msg: object, onError: (e: Error) => void): void;
  onMessage(fn: (msg: unknown) => void): void;
  /** Called once when it exits or cannot start (every listener). */
  onGone(fn: (why: string) => void): void;
  kill(): void;
  /** Lets it go: it exits by itself once it has answered what it was sent. */
  release(): void;
  /** Whether it may keep this process alive: true while it works, false while idle. */
  hold(busy: boolean): void;
  /** The end of what it wrote to stderr, for error messages. */
  stderrTail(): string;
}

/** The helper to start: its source, and a module file holding that source for launchers that need one. */
export interface HelperProgram {
  source: string;
  file(): string;
}

export type HelperLauncher = (program: HelperProgram, env: NodeJS.ProcessEnv) => HelperProcess;

/** Writes `source` to `<dir>/keychain-helper-<hash>.cjs` once (atomically, 0600) and returns its path. */
export function helperFile(dir: string, source: string): string {
  const file = join(dir, `keychain-helper-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.cjs`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, source, { mode: 0o600 });
  renameSync(temp, file);
  return file;
}

/** `node -e <source>` with an IPC channel: how the CLI and web mode start a helper. */
export function spawnNodeHelper(source: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['-e', source], {
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
}

/** The helper of the CLI and web mode: a `node -e` child. */
export const nodeHelperLauncher: HelperLauncher = (program, env) => childHelperProcess(spawnNodeHelper(program.source, env));

/** A child process (spawned here, or started ahead and adopted) as a HelperProcess; `stderr` is what it wrote so far. */
export function childHelperProcess(child: ChildProcess, stderrSoFar = ''): HelperProcess {
  let stderr = stderrSoFar;
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-500);
  });
  let failed = false;
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null || failed;
  return {
    get pid() {
      return child.pid;
    },
    get gone() {
      return gone();
    },
    send: (msg, onError) => {
      child.send(msg, (err) => err && onError(err));
    },
    onMessage: (fn) => void child.on('message', fn),
    onGone: (fn) => {
      child.once('error', (e) => {
        failed = true;
        fn(`keychain helper could not start (${e.message})`);
      });
      child.once('exit', (code, signal) => fn(`keychain helper exited (${signal ?? code})`));
    },
    kill: () => {
      if (!gone()) child.kill('SIGKILL');
    },
    release: () => {
      if (child.connected) child.disconnect();
      else if (!gone()) child.kill('SIGKILL');
    },
    hold: (busy) => {
      const channel = child.channel as unknown as { ref?: () => void; unref?: () => void } | undefined;
      const err = child.stderr as unknown as { ref?: () => void; unref?: () => void } | null;
      if (busy) {
        child.ref();
        channel?.ref?.();
      } else {
        child.unref();
        channel?.unref?.();
        err?.unref?.();
      }
    },
    stderrTail: () => stderr,
  };
}
