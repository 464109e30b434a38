/**
 * Where a natively started service is remembered between `keyhive` runs: a small JSON state
 * file (pid, process group, start time, command, env variable NAMES — never values) and the
 * captured log file, both under `<data dir>/services/`, named by service and directory.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../fs/durable-write.js';
import type { ResolvedService } from '../../core/services/runtime.js';

export interface NativeState {
  service: string;
  dir: string;
  command: string;
  pid: number;
  pgid: number;
  /** /proc start time of the leader (tells a reused pid from ours); null off Linux. */
  procStart: string | null;
  startedAt: string;
  /** Names of the variables it was started with (the values live only in the process). */
  envNames: string[];
  logFile: string;
}

export class NativeStateStore {
  constructor(private readonly root: string) {}

  private base(svc: ResolvedService): string {
    const slug = svc.name.replace(/[^A-Za-z0-9._-]/g, '_');
    const hash = createHash('sha256').update(`${svc.dir}\0${svc.name}`).digest('hex').slice(0, 10);
    return join(this.root, `${slug}-${hash}`);
  }

  logFile(svc: ResolvedService): string {
    return `${this.base(svc)}.log`;
  }

  /** Create the state dir (0700): call before writing a log file into it. */
  async prepare(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
  }

  async read(svc: ResolvedService): Promise<NativeState | null> {
    try {
      return JSON.parse(await readFile(`${this.base(svc)}.json`, 'utf8')) as NativeState;
    } catch {
      return null;
    }
  }

  async write(svc: ResolvedService, state: NativeState): Promise<void> {
    await this.prepare();
    const file = `${this.base(svc)}.json`;
    await writeFileDurably(file, JSON.stringify(state, null, 2) + '\n');
  }

  async clear(svc: ResolvedService): Promise<void> {
    await rm(`${this.base(svc)}.json`, { force: true });
  }
}
