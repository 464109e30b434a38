/**
 * Per-file coalescing by content, with no fixed debounce:
 *   - The first event for a file starts a read at once; events arriving while that read is in
 *     flight only ask for one more read when it ends, so a burst costs a couple of reads and the
 *     last read always sees the file as it is after the last event.
 *   - A file is reported only when its content hash differs from the last one reported, so a
 *     burst that ends where it started, or a rewrite with identical bytes, reports nothing.
 *   - A read that finds the file missing or empty (the middle of an atomic-rename save, a
 *     truncate-then-write, a `git checkout` that unlinks and re-creates) is held: the next event
 *     for the file re-reads it at once; only when none comes within `settleMs` (chokidar's
 *     `atomic` window, 100 ms) is the file read once more and the deletion or emptying reported.
 *     So a file that reappears is one change (or none), and a real delete is still reported.
 * Only hashes are kept, never bytes.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

const MAX_BYTES = 1024 * 1024;
/** Reads in a row while events keep arriving, before the content in hand is reported anyway. */
const MAX_ROUNDS = 8;
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
/** The hash of an empty file: like a missing one, a state an editor passes through mid-save. */
export const EMPTY_HASH = sha256('');

/** Small files (every real .env) are read in one go, alongside the fstat, not after it. */
const FIRST_READ = 64 * 1024;

/**
 * Content hash of a regular file; null when absent or not a regular file (a FIFO never blocks).
 * On the latency path of every event, so: open, then fstat and the first read together, and the
 * close is not waited for.
 */
export async function contentHash(path: string): Promise<string | null> {
  let fh: Awaited<ReturnType<typeof open>> | null = null;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const buf = Buffer.allocUnsafe(FIRST_READ);
    const [s, first] = await Promise.all([fh.stat(), fh.read(buf, 0, FIRST_READ, 0)]);
    if (!s.isFile()) return null;
    if (s.size > MAX_BYTES) return `large:${s.size}:${s.mtimeMs}`;
    if (first.bytesRead < FIRST_READ) return sha256(buf.subarray(0, first.bytesRead));
    return sha256(await fh.readFile());
  } catch {
    return null;
  } finally {
    void fh?.close().catch(() => undefined);
  }
}

interface Tracked {
  /** The hash last reported (or first seen). */
  hash: string | null;
  reading: boolean;
  /** An event arrived while reading: read again. */
  again: boolean;
  /** A missing/empty read waiting for the next event (or the settle time). */
  held: NodeJS.Timeout | null;
}

export interface ContentTracker {
  /** Start tracking (reads the current hash) or stop tracking files. */
  set(paths: Iterable<string>): Promise<void>;
  has(path: string): boolean;
  /** The hash last reported for a tracked file (null: missing); undefined when not tracked. */
  hashOf(path: string): string | null | undefined;
  paths(): string[];
  /** Something happened to this file: re-read it now (or right after the read in flight). */
  touch(path: string): void;
  /** Resolves once no read is running and no missing/empty file is held. */
  idle(): Promise<void>;
  close(): void;
}

export interface TrackerOptions {
  settleMs: number;
  /** Told of every path whose content changed; paths that change together come in one call. */
  onChange: (changed: string[]) => void;
  /** Told when a read found the file missing (its directory may have been replaced). */
  onMissing: (path: string) => void;
}

export function createContentTracker(opts: TrackerOptions): ContentTracker {
  const files = new Map<string, Tracked>();
  let closed = false;
  let busy = 0;
  let idleWaiters: Array<() => void> = [];
  const outbox = new Set<string>();

  const begin = (): void => void busy++;
  const end = (): void => {
    if (--busy > 0) return;
    const w = idleWaiters;
    idleWaiters = [];
    for (const r of w) r();
  };
  const live = (p: string, t: Tracked): boolean => !closed && files.get(p) === t;

  const deliver = (p: string): void => {
    if (outbox.size === 0) {
      queueMicrotask(() => {
        const changed = [...outbox];
        outbox.clear();
        if (!closed && changed.length > 0) opts.onChange(changed);
      });
    }
    outbox.add(p);
  };

  const release = (t: Tracked): void => {
    if (!t.held) return;
    clearTimeout(t.held);
    t.held = null;
    end();
  };

  const hold = (p: string, t: Tracked): void => {
    begin();
    t.held = setTimeout(() => {
      t.held = null;
      end();
      if (live(p, t) && !t.reading) void read(p, t, true);
    }, opts.settleMs);
  };

  /**
   * Read until no event arrived during the read (at most MAX_ROUNDS in a row, so a file written
   * without pause is still reported as it goes); then report, hold, or do nothing.
   */
  const read = async (p: string, t: Tracked, settled: boolean): Promise<void> => {
    t.reading = true;
    begin();
    try {
      let h: string | null = null;
      let rounds = 0;
      try {
        do {
          t.again = false;
          rounds++;
          h = await contentHash(p);
        } while (t.again && live(p, t) && rounds < MAX_ROUNDS);
      } finally {
        t.reading = false;
      }
      if (!live(p, t)) return;
      const more = t.again;
      if (h !== t.hash) {
        const inBetween = h === null || h === EMPTY_HASH;
        if (!inBetween || (settled && rounds === 1 && !more)) {
          t.hash = h;
          deliver(p);
        } else if (!more) {
          if (h === null) opts.onMissing(p);
          return hold(p, t);
        }
      }
      if (more) void read(p, t, false);
    } finally {
      end();
    }
  };

  return {
    async set(paths) {
      const wanted = new Set(paths);
      for (const [p, t] of [...files]) {
        if (wanted.has(p)) continue;
        release(t);
        files.delete(p);
      }
      for (const p of wanted) {
        if (files.has(p)) continue;
        const hash = await contentHash(p);
        if (!files.has(p)) files.set(p, { hash, reading: false, again: false, held: null });
      }
    },
    has: (p) => files.has(p),
    hashOf: (p) => files.get(p)?.hash,
    paths: () => [...files.keys()],
    touch(p) {
      const t = files.get(p);
      if (!t || closed) return;
      release(t);
      if (t.reading) t.again = true;
      else void read(p, t, false);
    },
    idle() {
      return busy === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r));
    },
    close() {
      closed = true;
      for (const t of files.values()) release(t);
    },
  };
}
