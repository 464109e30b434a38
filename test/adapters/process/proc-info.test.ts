import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { groupMembers, isAlive, procEnviron, procGroup, procStartTime, procState } from '../../../electron/adapters/process/proc-info.js';

describe('/proc process facts', () => {
  it('reads a real process: state, start time, group, environment; and sees it gone after exit', async () => {
    const child = spawn('sh', ['-c', 'sleep 30 & sleep 30'], { detached: true, env: { PATH: process.env.PATH ?? '', KH_MARK: 'a=b' }, stdio: 'ignore' });
    const pid = child.pid!;
    await new Promise((r) => child.once('spawn', r));
    expect(isAlive(pid)).toBe(true);
    expect(procState(pid)).toMatch(/^[RSD]$/);
    expect(procStartTime(pid)).toMatch(/^\d+$/);
    expect(procGroup(pid)).toBe(pid);
    expect(procEnviron(pid)).toMatchObject({ KH_MARK: 'a=b' });
    await expect.poll(() => groupMembers(pid).length).toBe(3);
    process.kill(-pid, 'SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await expect.poll(() => groupMembers(pid)).toEqual([]);
    expect(isAlive(pid)).toBe(false);
    expect(procEnviron(pid)).toBeNull();
  });

  it('answers null / [] for a pid that does not exist', () => {
    expect(procState(2 ** 22 + 7)).toBeNull();
    expect(isAlive(2 ** 22 + 7)).toBe(false);
    expect(groupMembers(2 ** 22 + 7)).toEqual([]);
  });
});
