import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { pidsListeningOn, procCmdline, procCwd, shellCommand } from '../../../electron/adapters/process/port-owner.js';
import { freePort } from '../../support/free-port.js';

const kids: number[] = [];
afterEach(() => {
  for (const pid of kids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

describe('port-owner (/proc)', () => {
  it('finds the real process serving a port, with its command line and directory', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-e', `require('node:http').createServer(() => {}).listen(${port}, '127.0.0.1')`], { cwd: '/tmp', stdio: 'ignore' });
    kids.push(child.pid!);
    for (let i = 0; i < 100 && pidsListeningOn(port).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(pidsListeningOn(port)).toEqual([child.pid]);
    expect(procCmdline(child.pid!)?.[0]).toBe(process.execPath);
    expect(procCwd(child.pid!)).toBe('/tmp');
    expect(pidsListeningOn(await freePort())).toEqual([]);
  });
  it('quotes a command line for a shell', () => {
    expect(shellCommand(['node', 'hub.mjs', "it's here"])).toBe(`node hub.mjs 'it'\\''s here'`);
  });
});
