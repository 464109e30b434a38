import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/domain.js';
import type { JournalRecord } from '../../../electron/core/rotation/journal-record.js';
import { FlowStuckError, resumeFlow, runFlow, type Flow } from '../../../electron/core/rotation/step-machine.js';

/** A world of three counters; each step moves one, each compensation moves it back. */
type World = { a: number; b: number; c: number; failAt?: string; failUndo?: string; log: string[] };

function flow(): Flow<World> {
  const step = (id: keyof World & ('a' | 'b' | 'c'), commits = false) => ({
    id,
    label: `move ${id}`,
    commits,
    forward: async (w: World, io: { setData(p: Record<string, unknown>): void }) => {
      w.log.push(`+${id}`);
      if (w.failAt === id) throw new Error(`${id} broke`);
      w[id] = 1;
      io.setData({ [id]: 'moved' });
    },
    compensate: async (w: World) => {
      w.log.push(`-${id}`);
      if (w.failUndo === id) throw new Error(`undo ${id} broke`);
      w[id] = 0;
    },
  });
  return { operation: 'rotate', steps: [step('a'), step('b', true), step('c')], afterRollback: async (w) => void w.log.push('after') };
}

class Sink {
  saved: JournalRecord[] = [];
  async save(r: JournalRecord) {
    this.saved.push(structuredClone(r));
  }
}
const start = { operationId: 'op-1', workspaceId: 'ws1', workspaceFile: '/w/keyhive.yaml', secret: 'hub' };

describe('runFlow', () => {
  it('runs every step in order, journals every transition and ends committed', async () => {
    const w: World = { a: 0, b: 0, c: 0, log: [] };
    const sink = new Sink();
    const events: ProgressEvent[] = [];
    const out = await runFlow(flow(), w, start, sink, { onProgress: (e) => events.push(e) });
    expect(out.outcome).toBe('committed');
    expect([w.a, w.b, w.c]).toEqual([1, 1, 1]);
    expect(out.record.data).toEqual({ a: 'moved', b: 'moved', c: 'moved' });
    // initial + (running, done) × 3 + committed
    expect(sink.saved).toHaveLength(8);
    expect(sink.saved.at(-1)?.phase).toBe('committed');
    expect(events.map((e) => `${e.step}:${e.state}`)).toEqual(['a:running', 'a:done', 'b:running', 'b:done', 'c:running', 'c:done']);
    expect(events.every((e) => e.operationId === 'op-1' && e.secret === 'hub')).toBe(true);
  });

  it("a step's last progress detail is repeated on its final event (one line per step)", async () => {
    const f: Flow<object> = { operation: 'rotate', steps: [{ id: 'x', label: 'X', forward: async (_c, io) => { io.progress('first'); io.progress('2 files written'); } }] };
    const events: ProgressEvent[] = [];
    await runFlow(f, {}, start, new Sink(), { onProgress: (e) => events.push(e) });
    expect(events.filter((e) => e.state === 'done').map((e) => e.detail)).toEqual(['2 files written']);
  });

  it('a failure before the commit step compensates the started steps newest first and rolls back', async () => {
    const w: World = { a: 0, b: 0, c: 0, failAt: 'b', log: [] };
    const sink = new Sink();
    const out = await runFlow(flow(), w, start, sink);
    expect(out.outcome).toBe('rolled-back');
    expect((out.error as Error).message).toBe('b broke');
    expect(w.log).toEqual(['+a', '+b', '-b', '-a', 'after']);
    expect([w.a, w.b, w.c]).toEqual([0, 0, 0]);
    expect(out.record.phase).toBe('rolled-back');
    expect(out.record.error).toContain('b broke');
    expect(out.record.steps.map((s) => s.state)).toEqual(['rolled-back', 'rolled-back', 'pending']);
  });

  it('a failure after the commit step keeps the journal open instead of rolling back', async () => {
    const w: World = { a: 0, b: 0, c: 0, failAt: 'c', log: [] };
    const sink = new Sink();
    await expect(runFlow(flow(), w, start, sink)).rejects.toThrow('c broke');
    expect(sink.saved.at(-1)?.phase).toBe('forward');
    expect(sink.saved.at(-1)?.steps.map((s) => s.state)).toEqual(['done', 'done', 'failed']);
  });

  it('a failing compensation leaves the journal stuck with both reasons', async () => {
    const w: World = { a: 0, b: 0, c: 0, failAt: 'b', failUndo: 'a', log: [] };
    const sink = new Sink();
    const err = await runFlow(flow(), w, start, sink).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowStuckError);
    const last = sink.saved.at(-1)!;
    expect(last.phase).toBe('stuck');
    expect(last.error).toContain('b broke');
    expect(last.error).toContain('undo a broke');
  });
});

describe('resumeFlow', () => {
  /** Every journal state a crash can leave, replayed: the outcome is all-old or all-new. */
  it('after a crash at any transition, resuming ends all-old (rolled back) or all-new (committed)', async () => {
    const sink = new Sink();
    await runFlow(flow(), { a: 0, b: 0, c: 0, log: [] }, start, sink);
    for (const snapshot of sink.saved) {
      // the world as it was at that snapshot: steps done or running may have moved their counter
      const w: World = { a: 0, b: 0, c: 0, log: [] };
      for (const s of snapshot.steps) if (s.state === 'done' || s.state === 'running') w[s.id as 'a' | 'b' | 'c'] = 1;
      const out = await resumeFlow(flow(), w, structuredClone(snapshot), new Sink());
      const values = [w.a, w.b, w.c];
      if (out.outcome === 'committed') expect(values).toEqual([1, 1, 1]);
      else expect(values).toEqual([0, 0, 0]);
      const commitDone = snapshot.steps.find((s) => s.id === 'b')?.state === 'done';
      expect(out.outcome).toBe(commitDone ? 'committed' : 'rolled-back');
    }
  });

  it('does nothing for a finished journal', async () => {
    const sink = new Sink();
    const out = await runFlow(flow(), { a: 0, b: 0, c: 0, log: [] }, start, sink);
    const w: World = { a: 1, b: 1, c: 1, log: [] };
    const again = await resumeFlow(flow(), w, out.record, new Sink());
    expect(again.plan.action).toBe('nothing');
    expect(w.log).toEqual([]);
  });

  it('retries a stuck roll-back', async () => {
    const sink = new Sink();
    await runFlow(flow(), { a: 0, b: 0, c: 0, failAt: 'b', failUndo: 'a', log: [] }, start, sink).catch(() => {});
    const stuck = sink.saved.at(-1)!;
    const w: World = { a: 1, b: 0, c: 0, log: [] };
    const out = await resumeFlow(flow(), w, structuredClone(stuck), new Sink());
    expect(out.outcome).toBe('rolled-back');
    expect(w.a).toBe(0);
    expect(out.record.phase).toBe('rolled-back');
  });
});
