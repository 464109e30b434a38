/**
 * Reading many small files on two cores: while the calling thread still lists the folders, each
 * full chunk of the list goes to a helper thread (reader-thread.ts), which starts reading at
 * once; when the listing is done the calling thread reads chunks from the last one down while the
 * helper goes on up, each chunk won by one of them (compare-and-swap on a shared flag). The caller
 * gets every file's bytes on its own thread and does all the work on them; the helper only reads
 * (and, given the scanner's screen, keeps back the files that cannot hold a finding). A helper
 * slow to start, busy or gone only means the caller reads more (and again what a failed helper
 * had won): the same files, the same bytes, the same count.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { ReaderThread } from './reader-thread.js';
import { readSmallFile } from './walk-files.js';

export { ReaderThread } from './reader-thread.js';

/** Below this many files a helper thread costs more to start than it saves (an idle one is used for any number). */
export const PARALLEL_MIN_FILES = 1000;
const CHUNK_FILES = 64;
/** Chunks the helper can be offered (64 KiB of flags): past that, the calling thread reads alone. */
const MAX_SHARED_CHUNKS = 64 * 1024;

type FromHelper = { chunk: number; read: number; which: Int32Array; ends: Float64Array; bytes: ArrayBuffer };

/** The scanner's screen (core/scan/scanner.ts ScreenTables): which files the helper may keep to itself. */
export interface ReadScreen {
  goto: Uint16Array | Int32Array;
  first: Int32Array;
  checks: Int32Array;
}

export interface ParallelReadOptions {
  maxBytes: number;
  /**
   * The helper hands over only the files this screen passes (it counts the others as read): the
   * files it keeps back are the ones the screen proves hold nothing. This thread hands over all of its own.
   */
  screen?: ReadScreen;
  chunkFiles?: number;
}

/**
 * One read of files listed as it goes: `add` them (in any number of calls), `useHelper` when a
 * helper thread is wanted, then `finish`, which reads what is left and returns the count read.
 * Every file read is handed to `onFile` but those the helper read and the screen ruled out. The
 * bytes are only valid during the call (they may be a reused buffer): copy to keep.
 */
export class ParallelRead {
  private readonly files: string[] = [];
  private readonly chunkFiles: number;
  private readonly claims = new Uint8Array(new SharedArrayBuffer(MAX_SHARED_CHUNKS));
  private readonly handled: boolean[] = [];
  private helper: ReaderThread | null = null;
  private port: MessagePort | null = null;
  private offered = 0; // chunks sent to the helper
  private count = 0;
  private done = 0; // chunks handled
  private wake: (() => void) | null = null;
  private readonly onExit = (): void => this.wake?.();

  constructor(
    private readonly onFile: (file: string, bytes: Buffer) => void,
    private readonly opts: ParallelReadOptions,
  ) {
    this.chunkFiles = opts.chunkFiles ?? CHUNK_FILES;
  }

  /** Lets `helper` read beside this thread from now on (null: none); the read gives it back when done. */
  useHelper(helper: ReaderThread | null): void {
    if (!helper || this.helper) return;
    const { port1, port2 } = new MessageChannel();
    try {
      helper.worker.postMessage({ port: port2, claims: this.claims.buffer, maxBytes: this.opts.maxBytes, screen: this.opts.screen ?? null }, [port2]);
    } catch {
      port1.close();
      helper.close();
      return;
    }
    this.helper = helper;
    this.port = port1;
    helper.worker.once('exit', this.onExit);
    this.offer(false);
  }

  add(files: readonly string[]): void {
    for (const f of files) this.files.push(f);
    if (this.helper) this.offer(false);
  }

  private offer(all: boolean): void {
    const upTo = Math.min(MAX_SHARED_CHUNKS, all ? Math.ceil(this.files.length / this.chunkFiles) : Math.floor(this.files.length / this.chunkFiles));
    for (; this.offered < upTo; this.offered++) {
      const from = this.offered * this.chunkFiles;
      // One string per chunk (paths cannot hold NUL): far cheaper to copy across than an array of them.
      this.port!.postMessage({ chunk: this.offered, paths: this.files.slice(from, from + this.chunkFiles).join('\0') });
    }
  }

  private readChunk(chunk: number): void {
    this.handled[chunk] = true;
    this.done++;
    for (let i = chunk * this.chunkFiles, end = Math.min(this.files.length, i + this.chunkFiles); i < end; i++) {
      const bytes = readSmallFile(this.files[i]!, this.opts.maxBytes);
      if (!bytes) continue;
      this.count++;
      this.onFile(this.files[i]!, bytes);
    }
  }

  private take(m: FromHelper): void {
    if (this.handled[m.chunk]) return;
    this.handled[m.chunk] = true;
    this.done++;
    this.count += m.read;
    const all = Buffer.from(m.bytes);
    let pos = 0;
    for (let k = 0; k < m.which.length; k++) {
      const end = m.ends[k]!;
      this.onFile(this.files[m.chunk * this.chunkFiles + m.which[k]!]!, all.subarray(pos, end));
      pos = end;
    }
  }

  private drain(): void {
    if (!this.port) return;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) this.take(m.message as FromHelper);
  }

  /** Reads what is left (`callerReads: false`: only what the helper did not; tests use it); the count read. */
  async finish(opts: { callerReads?: boolean } = {}): Promise<number> {
    const chunks = Math.ceil(this.files.length / this.chunkFiles);
    try {
      if (this.helper) this.offer(true);
      let sinceYield = 0;
      for (let chunk = chunks - 1; chunk >= 0 && opts.callerReads !== false; chunk--) {
        this.drain();
        if (this.handled[chunk]) continue;
        // The helper goes up in order: a chunk it won means it won every one below too.
        if (chunk < this.offered && Atomics.compareExchange(this.claims, chunk, 0, 2) !== 0) break;
        this.readChunk(chunk);
        if (++sinceYield >= 4) {
          sinceYield = 0;
          await new Promise<void>((r) => setImmediate(r)); // let the event loop breathe between chunks
        }
      }
      await this.helperChunks(chunks);
      // A helper that failed or ended early leaves the chunks it won: read them here.
      for (let c = 0; c < chunks; c++) if (!this.handled[c]) this.readChunk(c);
      return this.count;
    } finally {
      this.end();
    }
  }

  /** Waits for the helper's chunks (one listener from here on; queued ones are taken first), or for its end. */
  private async helperChunks(chunks: number): Promise<void> {
    const waiting = (): boolean => this.helper!.alive && this.done < chunks;
    this.drain();
    if (!this.helper || !this.port || !waiting()) return;
    const port = this.port;
    await new Promise<void>((resolve, reject) => {
      this.wake = resolve;
      port.on('message', (m: FromHelper) => {
        try {
          this.take(m);
        } catch (e) {
          reject(e);
        }
        if (!waiting()) resolve();
      });
    });
    this.wake = null;
    this.drain();
  }

  /** Gives up (the listing failed): the helper is ended. */
  abandon(): void {
    this.end();
  }

  /** Ends the job: a helper that did all it won is given back for the next read, one that did not is ended. */
  private end(): void {
    const { helper, port } = this;
    this.helper = null;
    this.port = null;
    if (!helper || !port) return;
    helper.worker.off('exit', this.onExit);
    try {
      port.postMessage({ end: true });
    } catch {
      // closed with the thread
    }
    port.close();
    if (this.done === Math.ceil(this.files.length / this.chunkFiles)) helper.release();
    else helper.close();
  }
}

/** All of `files` in one ParallelRead with `helper` (see there); the count read. */
export async function readFilesParallel(files: readonly string[], onFile: (file: string, bytes: Buffer) => void, opts: ParallelReadOptions & { helper: ReaderThread | null; callerReads?: boolean }): Promise<number> {
  const read = new ParallelRead(onFile, opts);
  read.useHelper(opts.helper);
  read.add(files);
  return read.finish({ callerReads: opts.callerReads });
}
