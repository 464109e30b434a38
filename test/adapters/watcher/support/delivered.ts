/**
 * Records, per file, the sequence of contents a watcher delivered (by the hash it reported, named
 * by the test's own labels), so a test asserts exact sequences: nothing missed, nothing twice.
 * Quiescence never relies on the clock: a test waits for the save's final content, then writes a
 * last "sentinel" content and waits for it; events of the save under test all come before the
 * sentinel's, so once the sentinel is delivered the sequence before it is final.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { EMPTY_HASH } from '../../../../electron/adapters/watcher/content-tracker.js';
import type { FileWatcher } from '../../../../electron/adapters/watcher/file-watcher.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
/** Generous: a slow, loaded machine still delivers well within it; it only bounds a failure. */
const WAIT_MS = 10_000;

export function deliveries(contents: Record<string, string>) {
  const names = new Map(Object.entries(contents).map(([label, text]) => [sha256(text), label]));
  const seq = new Map<string, string[]>();
  const waiters: Array<{ path: string; label: string; resolve: () => void }> = [];
  let watcher: FileWatcher | null = null;

  const labelOf = (hash: string | null | undefined): string =>
    hash === null ? 'missing' : hash === EMPTY_HASH ? 'empty' : hash === undefined ? 'untracked' : (names.get(hash) ?? `unknown:${hash.slice(0, 8)}`);

  const settleWaiters = (): void => {
    for (const w of [...waiters]) {
      if (seq.get(w.path)?.at(-1) !== w.label) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };

  return {
    /** The watcher's listener. */
    onChange(changed: string[]): void {
      for (const p of changed) seq.set(p, [...(seq.get(p) ?? []), labelOf(watcher?.hashOf(p))]);
      settleWaiters();
    },
    attach(w: FileWatcher): FileWatcher {
      watcher = w;
      return w;
    },
    of: (path: string): string[] => seq.get(path) ?? [],
    /** Resolves once the last content delivered for `path` is `label`. */
    until(path: string, label: string): Promise<void> {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`${path}: "${label}" not delivered within ${WAIT_MS / 1000} s; delivered so far: ${JSON.stringify(seq.get(path) ?? [])}`)), WAIT_MS);
        waiters.push({ path, label, resolve: () => (clearTimeout(t), resolve()) });
        settleWaiters();
      });
    },
    /**
     * Wait until `final` is delivered, then write the sentinel content (`label`, by default
     * "sentinel") and wait until it is delivered too. Anything the save still had in flight comes
     * before the sentinel, so the sequence up to it is final. (Writing the sentinel without first
     * waiting for `final` would let the watcher rightly coalesce `final` into it.) Use a different
     * sentinel label each time for one file.
     */
    async settled(path: string, final: string | null, label = 'sentinel'): Promise<void> {
      if (final !== null) await this.until(path, final);
      const sentinel = contents[label];
      if (sentinel === undefined) throw new Error(`no "${label}" content given`);
      if (seq.get(path)?.at(-1) === label) throw new Error(`"${label}" is already the last delivered content of ${path}`);
      const delivered = this.until(path, label);
      await writeFile(path, sentinel);
      await delivered;
      await watcher?.idle();
    },
  };
}
