import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRASH_HOOK_ENV, RotationJournal } from '../../../electron/adapters/fs/rotation-journal.js';
import { runFlow, type Flow } from '../../../electron/core/rotation/step-machine.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'keyhive-journal-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const flow: Flow<{ done: string[] }> = {
  operation: 'rotate',
  steps: ['one', 'two', 'three'].map((id) => ({ id, label: id, commits: id === 'two', forward: async (c: { done: string[] }) => void c.done.push(id) })),
};
const start = { operationId: 'rot-test-1', workspaceId: 'ws-a', workspaceFile: '/x/keyhive.yaml', secret: 'hub', pid: process.pid };

describe('RotationJournal', () => {
  it('keeps one JSON file per operation with the latest transition, and lists pending ones per workspace', async () => {
    const journal = new RotationJournal(dataDir, undefined);
    const seen: string[] = [];
    const sink = { save: async (r: Parameters<RotationJournal['save']>[0]) => { await journal.save(r); seen.push(JSON.parse(await readFile(journal.fileOf(r.operationId), 'utf8')).phase); } };
    const out = await runFlow(flow, { done: [] }, start, sink);
    expect(seen.at(-1)).toBe('committed');
    const onDisk = await journal.load('rot-test-1');
    expect(onDisk).toEqual(out.record);
    expect((await journal.pending('ws-a')).map((r) => r.operationId)).toEqual(['rot-test-1']);
    expect(await journal.pending('other')).toEqual([]);
    await journal.archive(onDisk);
    expect(await journal.pending()).toEqual([]);
    expect(await readdir(journal.doneDir)).toEqual(['rot-test-1.json']);
    // no temp files left behind
    expect((await readdir(journal.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the newest finished journals in done/ and drops the oldest past the limit', async () => {
    const { utimes } = await import('node:fs/promises');
    const journal = new RotationJournal(dataDir, undefined, 3);
    for (let i = 1; i <= 5; i++) {
      const out = await runFlow(flow, { done: [] }, { ...start, operationId: `op-${i}` }, journal);
      // Written in this order (the file system's times may tie within one millisecond).
      await utimes(journal.fileOf(`op-${i}`), new Date(Date.UTC(2030, 0, i)), new Date(Date.UTC(2030, 0, i)));
      await journal.archive(out.record);
    }
    expect((await readdir(journal.doneDir)).sort()).toEqual(['op-3.json', 'op-4.json', 'op-5.json']);
  });

  it('refuses to archive an unfinished journal and reports a torn file with the fix', async () => {
    const journal = new RotationJournal(dataDir, undefined);
    await runFlow({ ...flow, steps: flow.steps.map((s) => (s.id === 'three' ? { ...s, forward: async () => { throw new Error('no'); } } : s)) }, { done: [] }, start, journal).catch(() => {});
    const rec = await journal.load('rot-test-1');
    expect(rec.phase).toBe('forward');
    await expect(journal.archive(rec)).rejects.toThrow(/not finished/);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(journal.fileOf('broken'), '{"version":1,', 'utf8');
    await expect(journal.pending()).rejects.toMatchObject({ code: 'INTERNAL', fix: expect.stringContaining('Move the file aside') });
  });

  it(`${CRASH_HOOK_ENV}=<step> kills the process right after that step is journaled as done`, () => {
    const script = `
      const { RotationJournal } = await import(${JSON.stringify(new URL('../../../electron/adapters/fs/rotation-journal.ts', import.meta.url).pathname)});
      const { runFlow } = await import(${JSON.stringify(new URL('../../../electron/core/rotation/step-machine.ts', import.meta.url).pathname)});
      const flow = { operation: 'rotate', steps: ['one','two','three'].map((id) => ({ id, label: id, forward: async () => {} })) };
      await runFlow(flow, {}, { operationId: 'crashy', workspaceId: 'ws', workspaceFile: '/k.yaml', pid: process.pid }, new RotationJournal(${JSON.stringify(dataDir)}));
      console.log('finished');
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, [CRASH_HOOK_ENV]: 'two' }, encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).not.toContain('finished');
    return new RotationJournal(dataDir).load('crashy').then((rec) => {
      expect(rec.steps.map((s) => s.state)).toEqual(['done', 'done', 'pending']);
      expect(rec.phase).toBe('forward');
    });
  });
});
