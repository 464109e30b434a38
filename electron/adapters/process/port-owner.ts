/**
 * Which process serves a TCP port on this machine (Linux /proc): the listening socket's inode
 * from /proc/net/tcp{,6}, then the process holding that inode among its fds. Also the process's
 * command line and working directory, to name the exact command that restarts it. Only this
 * user's processes are readable; anything else answers null / [].
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A';

/** Inodes of sockets listening on `port` (IPv4 and IPv6). */
export function listeningInodes(port: number): Set<string> {
  const out = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const local = f[1];
      if (!local || f[3] !== LISTEN) continue;
      const hexPort = local.slice(local.lastIndexOf(':') + 1);
      if (parseInt(hexPort, 16) === port && f[9]) out.add(f[9]);
    }
  }
  return out;
}

/** Pids (readable by this user) that hold a socket listening on `port`. */
export function pidsListeningOn(port: number): number[] {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return [];
  const wanted = new Set([...inodes].map((i) => `socket:[${i}]`));
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${e}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (wanted.has(readlinkSync(`/proc/${e}/fd/${fd}`))) {
          out.push(Number(e));
          break;
        }
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return out.sort((a, b) => a - b);
}

/** The argv of a process, or null. */
export function procCmdline(pid: number): string[] | null {
  try {
    const parts = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (parts.at(-1) === '') parts.pop();
    return parts.length ? parts : null;
  } catch {
    return null;
  }
}

export function procCwd(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

/** A shell-quoted command line (for "run this to restart it"). */
export function shellCommand(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
