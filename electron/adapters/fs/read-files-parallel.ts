/**
 * Reading many small files on two cores: a helper thread (file-reader-worker.ts) and the calling
 * thread claim chunks of the list from one shared counter and read them with one
 * open/read/close per file; the caller gets every file's bytes on its own thread, in no
 * particular order, and does all the work on them (the helper only reads bytes — no value,
 * pattern or finding ever crosses to it). When the helper is slow to start, busy or gone, the
 * caller simply claims more chunks (and reads again what a failed helper had claimed), so the
 * result never depends on the helper: the same files, the same bytes, the same count.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { FILE_READER_WORKER_SOURCE } from './file-reader-worker.js';
import { readSmallFile } from './walk-files.js';

/** Below this many files a helper thread costs more to start than it saves. */
export const PARALLEL_MIN_FILES = 1000;
const CHUNK_FILES = 64;

type FromHelper = { chunk: number; read: number; which: Int32Array; ends: Float64Array; bytes: ArrayBuffer } | { done: true } | { failed: string };

/** The scanner's screen (core/scan/scanner.ts ScreenTables): which files the helper may keep to itself. */
export interface ReadScreen {
  goto: Uint16Array | Int32Array;
  first: Int32Array;
  checks: Int32Array;
}

/** An idle helper is kept this long for the next read (a scan after a scan skips the thread's start-up). */
const IDLE_MS = 30_000;
let idle: { thread: ReaderThread; timer: NodeJS.Timeout } | null = null;

/**
 * A helper thread for reads: `acquire` one early (its start-up overlaps the listing), hand it to
 * one readFilesParallel, which gives it back. It holds nothing between reads: each read sends
 * its list and screen and drops them; an idle one ends after IDLE_MS and never keeps the process alive.
 */
export class ReaderThread {
  private alive = true;

  private constructor(readonly worker: Worker) {
    worker.unref();
    worker.on('error', () => undefined); // an error ends it; readFilesParallel notices the exit
    worker.once('exit', () => {
      this.alive = false;
      if (idle?.thread === this) {
        clearTimeout(idle.timer);
        idle = null;
      }
    });
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
    this.alive = false;
    void this.worker.terminate().catch(() => undefined);
  }
}

export interface ParallelReadOptions {
  maxBytes: number;
  /** The helper thread (see ReaderThread.acquire), given back when done; null reads everything on this thread. */
  helper: ReaderThread | null;
  chunkFiles?: number;
  /**
   * The helper hands over only the files this screen passes (it counts the others as read): the
   * files it leaves out are the ones the screen proves hold nothing. This thread hands over all of its own.
   */
  screen?: ReadScreen;
  /** false: this thread reads only what the helper leaves undone (tests use it to prove the helper's bytes). */
  callerReads?: boolean;
}

/**
 * Reads each file (skipping unreadable ones, non-regular ones and those over `maxBytes`) with the
 * help of `opts.helper`, which it uses up; the count read. Every file read is handed to `onFile`
 * but those the helper read and `opts.screen` ruled out. The bytes handed to `onFile` are only
 * valid during the call (they may be a reused buffer): copy to keep.
 */
export async function readFilesParallel(files: readonly string[], onFile: (file: string, bytes: Buffer) => void, opts: ParallelReadOptions): Promise<number> {
  const chunkFiles = opts.chunkFiles ?? CHUNK_FILES;
  const chunks = Math.ceil(files.length / chunkFiles);
  const claim = new Int32Array(new SharedArrayBuffer(4));
  const handled = new Uint8Array(chunks);
  let read = 0;

  const readChunk = (chunk: number): void => {
    handled[chunk] = 1;
    for (let i = chunk * chunkFiles, end = Math.min(files.length, i + chunkFiles); i < end; i++) {
      const bytes = readSmallFile(files[i]!, opts.maxBytes);
      if (!bytes) continue;
      read++;
      onFile(files[i]!, bytes);
    }
  };
  const takeChunk = (m: Extract<FromHelper, { chunk: number }>): void => {
    if (handled[m.chunk]) return;
    handled[m.chunk] = 1;
    read += m.read;
    const all = Buffer.from(m.bytes);
    let pos = 0;
    for (let k = 0; k < m.which.length; k++) {
      const end = m.ends[k]!;
      onFile(files[m.chunk * chunkFiles + m.which[k]!]!, all.subarray(pos, end));
      pos = end;
    }
  };

  if (opts.helper && chunks === 0) opts.helper.release();
  const helper = opts.helper && chunks > 0 ? opts.helper : null;
  const { port1, port2 } = new MessageChannel();
  let helperDone = helper === null;
  let helperFinished = false; // its job done: it can serve another read
  const take = (m: FromHelper): void => {
    if ('chunk' in m) takeChunk(m);
    else {
      helperDone = true;
      helperFinished = 'done' in m;
    }
  };
  const drain = (): void => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) take(m.message as FromHelper);
  };
  let wake: (() => void) | null = null;
  const onExit = (): void => {
    helperDone = true;
    wake?.();
  };
  try {
    if (helper) {
      helper.worker.once('exit', onExit);
      try {
        helper.worker.postMessage({ port: port2, files, claim: claim.buffer, chunkFiles, maxBytes: opts.maxBytes, screen: opts.screen ?? null }, [port2]);
      } catch {
        helperDone = true;
      }
    }
    let sinceYield = 0;
    while (opts.callerReads !== false || helperDone) {
      drain();
      const chunk = Atomics.add(claim, 0, 1);
      if (chunk >= chunks) break;
      readChunk(chunk);
      if (++sinceYield >= 4) {
        sinceYield = 0;
        await new Promise<void>((r) => setImmediate(r)); // let the event loop breathe between chunks
      }
    }
    // The helper's chunks still in flight: one listener from here on (queued ones are taken first).
    drain();
    if (!helperDone) {
      await new Promise<void>((resolve, reject) => {
        wake = resolve;
        port1.on('message', (m: FromHelper) => {
          try {
            take(m);
          } catch (e) {
            reject(e);
          }
          if (helperDone) resolve();
        });
      });
    }
    drain();
    // A helper that failed or ended early leaves its claimed chunks: read them here.
    for (let c = 0; c < chunks; c++) if (!handled[c]) readChunk(c);
    return read;
  } finally {
    port1.close();
    if (helper) {
      helper.worker.off('exit', onExit);
      if (helperFinished) helper.release();
      else helper.close();
    }
  }
}
