/**
 * What Linux's /proc says about a process: its start time (to tell a reused pid from ours),
 * its process group, its real environment, and which processes are in a group. On other
 * systems these answer null/[] and callers fall back to what they remember.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Fields of /proc/<pid>/stat after the `(comm)` part (which may contain spaces). */
function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Process state letter (R, S, Z, …) or null when there is no such process. */
export function procState(pid: number): string | null {
  return statFields(pid)?.[0] ?? null;
}

/** The process's start time in clock ticks since boot (field 22), as a string. */
export function procStartTime(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** When the process started, in ms since the epoch (boot time + start ticks at USER_HZ 100); null off Linux. */
export function procStartedAtMs(pid: number): number | null {
  try {
    const raw = procStartTime(pid);
    const btime = /btime (\d+)/.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    return raw !== null && btime ? Number(btime) * 1000 + Number(raw) * 10 : null;
  } catch {
    return null;
  }
}

export function procGroup(pid: number): number | null {
  const f = statFields(pid)?.[2];
  return f === undefined ? null : Number(f);
}

/** Is the pid a live (not zombie) process? Works without /proc too (signal 0). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = procState(pid);
  return state !== 'Z' && state !== 'X';
}

/** Live members of a process group (Linux); falls back to [pgid] when the group answers signal 0. */
export function groupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const out: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    const f = statFields(pid);
    if (f && Number(f[2]) === pgid && f[0] !== 'Z' && f[0] !== 'X') out.push(pid);
  }
  return out;
}

/** The environment a process was started with (/proc/<pid>/environ); null when unreadable. */
export function procEnviron(pid: number): Record<string, string> | null {
  let raw: Buffer;
  try {
    raw = readFileSync(`/proc/${pid}/environ`);
  } catch {
    return null;
  }
  const env: Record<string, string> = {};
  for (const item of raw.toString('utf8').split('\0')) {
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq > 0) env[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return env;
}
