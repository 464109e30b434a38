/**
 * The helper thread that reads files beside the scan's own thread (read-files-parallel.ts), kept
 * idle for a while after a read so that a scan after a scan skips its start-up. It runs the plain
 * JavaScript of file-reader-worker.ts and holds nothing between reads.
 */
import { Worker } from 'node:worker_threads';
import { FILE_READER_WORKER_SOURCE } from './file-reader-worker.js';

/** An idle helper is kept this long for the next read (a scan after a scan skips the thread's start-up). */
const IDLE_MS = 30_000;
let idle: { thread: ReaderThread; timer: NodeJS.Timeout } | null = null;

/**
 * A helper thread for reads: `acquire` one early (its start-up overlaps the listing), hand it to
 * one ParallelRead, which gives it back. It holds nothing between reads: each read sends its
 * files and screen and ends by dropping them; an idle one ends after IDLE_MS and never keeps the
 * process alive.
 */
export class ReaderThread {
  private live = true;

  private constructor(readonly worker: Worker) {
    worker.unref();
    worker.on('error', () => undefined); // an error ends it; the read notices the exit
    worker.once('exit', () => {
      this.live = false;
      if (idle?.thread === this) {
        clearTimeout(idle.timer);
        idle = null;
      }
    });
  }

  /** False once it has ended (or was told to). */
  get alive(): boolean {
    return this.live;
  }

  /** Is a helper idle (taking it costs nothing, so a read of a few files may too)? */
  static idle(): boolean {
    return idle?.thread.alive === true;
  }

  /** The idle helper of an earlier read, or a new one; null when no thread can be started here (then reading stays on the calling thread). */
  static acquire(): ReaderThread | null {
    const kept = idle?.thread;
    if (idle) clearTimeout(idle.timer);
    idle = null;
    if (kept?.alive) return kept;
    try {
      // eval: no file to find in any build; execArgv: no TypeScript loader in a thread that runs plain JS.
      return new ReaderThread(new Worker(FILE_READER_WORKER_SOURCE, { eval: true, execArgv: [] }));
    } catch {
      return null;
    }
  }

  /** Back to idle for the next read (or ended, when another one is idle already). Only between reads. */
  release(): void {
    if (!this.alive) return;
    if (idle) {
      this.close();
      return;
    }
    const timer = setTimeout(() => {
      if (idle?.thread === this) idle = null;
      this.close();
    }, IDLE_MS);
    timer.unref();
    idle = { thread: this, timer };
  }

  /** Ends the thread. */
  close(): void {
    this.live = false;
    void this.worker.terminate().catch(() => undefined);
  }
}

