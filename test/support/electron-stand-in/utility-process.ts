/**
 * A stand-in for Electron's `utilityProcess`: `fork(modulePath, args, { env, stdio })` starts a
 * real Node child running the module, with `process.parentPort` provided as in a utility process
 * (`on('message', (e) => e.data)`, `postMessage`). It refuses what Electron refuses: forking
 * before the app is ready, and a module path that is not an existing file.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Listener = (...args: unknown[]) => void;

// Runs before the module: the parentPort a utility process has, over Node's IPC channel.
const PARENT_PORT_SHIM = `
const listeners = [];
process.on('message', (data) => listeners.forEach((f) => f({ data, ports: [] })));
process.parentPort = {
  on(name, f) { if (name === 'message') listeners.push(f); return this; },
  once(name, f) { return this.on(name, f); },
  postMessage(m) { process.send(m); },
};
process.on('disconnect', () => process.exit(0));
`;
let shimFile: string | undefined;
const shim = (): string => {
  if (!shimFile) {
    shimFile = join(mkdtempSync(join(tmpdir(), 'kh-utility-shim-')), 'parent-port.cjs');
    writeFileSync(shimFile, PARENT_PORT_SHIM);
  }
  return shimFile;
};

export class StandInUtilityProcess {
  private readonly listeners = new Map<string, Listener[]>();
  readonly stderr: ChildProcess['stderr'];
  readonly stdout: ChildProcess['stdout'];
  constructor(private readonly child: ChildProcess) {
    this.stderr = child.stderr;
    this.stdout = child.stdout;
    child.on('spawn', () => this.emit('spawn'));
    child.on('message', (m) => this.emit('message', m));
    child.on('exit', (code) => this.emit('exit', code ?? 1));
  }
  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }
  on(name: string, f: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), f]);
    return this;
  }
  once(name: string, f: Listener): this {
    const once: Listener = (...a) => {
      this.listeners.set(name, (this.listeners.get(name) ?? []).filter((x) => x !== once));
      f(...a);
    };
    return this.on(name, once);
  }
  private emit(name: string, ...args: unknown[]): void {
    for (const f of this.listeners.get(name) ?? []) f(...args);
  }
  postMessage(message: unknown): void {
    if (!this.child.connected) throw new Error('Cannot post a message to a utility process that has exited');
    this.child.send(message as object);
  }
  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

export const forkedUtilityProcesses: StandInUtilityProcess[] = [];

export function createUtilityProcess(isReady: () => boolean) {
  return {
    fork(modulePath: string, args: string[] = [], options: { env?: NodeJS.ProcessEnv; stdio?: 'pipe' | 'ignore' | 'inherit'; serviceName?: string } = {}): StandInUtilityProcess {
      if (!isReady()) throw new Error('utilityProcess cannot be created before app is ready.');
      if (!existsSync(modulePath) || !statSync(modulePath).isFile()) throw new Error(`Cannot find module '${modulePath}'`);
      const stdio = options.stdio === 'pipe' ? 'pipe' : options.stdio === 'inherit' ? 'inherit' : 'ignore';
      const child = fork(modulePath, args, { env: options.env ?? process.env, execArgv: ['--require', shim()], stdio: [stdio, stdio, stdio, 'ipc'], serialization: 'advanced' });
      const p = new StandInUtilityProcess(child);
      forkedUtilityProcesses.push(p);
      return p;
    },
  };
}
