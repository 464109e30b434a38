/**
 * The body of the file-reading helper thread (see read-files-parallel.ts), as plain JavaScript
 * text run with `new Worker(text, { eval: true })`: no file to locate, so the same code runs from
 * the sources under tsx, from the CLI's esbuild bundle and from the electron-vite build, and the
 * thread starts without a TypeScript loader.
 *
 * Protocol, one job per read: `{ port, claims, maxBytes, screen }` on the thread's own port; then
 * on `port`, as the listing goes on, `{ chunk, paths }` in chunk order (the chunk's paths joined
 * by NUL), and `{ end: true }` once the
 * read is over (the thread then drops the job: nothing stays between reads). The thread takes
 * the chunks in order, each only if it wins it (`Atomics.compareExchange` on `claims[chunk]`; the
 * calling thread takes them from the last one down), reads its files with one open/read/close
 * each, and posts `{ chunk, read, which, ends, bytes }`, transferring the buffers: `read` files
 * were read; `which[k]` (an index into the chunk) is handed over with its bytes ending at
 * `ends[k]` in `bytes` (starting where the previous one ended). Without `screen` every readable
 * file is handed over; with it (the scanner's ScreenTables, in shared memory) only the files where
 * the automaton reaches a state with a passing check — a file without one cannot hold a finding.
 * A file that is unreadable, not a regular file or over `maxBytes` is not read.
 */
export const FILE_READER_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, receiveMessageOnPort } = require('node:worker_threads');
const fs = require('node:fs');
const FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;
const SLACK = 64 * 1024;

function grow(buf, used, need) {
  let size = buf.length * 2;
  while (size - used < need) size *= 2;
  const bigger = Buffer.allocUnsafeSlow(size);
  buf.copy(bigger, 0, 0, used);
  return bigger;
}

/** A letter, digit or underscore before a key prefix makes it part of a longer word (patterns.ts glued). */
const isGlue = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isKeyByte = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;

/** Could bytes [from, to) hold a finding? The automaton over them, and each reached state's checks. */
function mayHit(screen, hasOut, buf, from, to) {
  const { goto, first, checks } = screen;
  let s = 0;
  for (let i = from; i < to; i++) {
    s = goto[(s << 8) | buf[i]];
    if (hasOut[s] === 0) continue;
    for (let k = first[s]; k < first[s + 1]; k += 2) {
      const need = checks[k + 1];
      if (need === 0) return true;
      const start = i + 1 - checks[k];
      if (start > from && isGlue(buf[start - 1])) continue; // part of a longer word: not a key
      const limit = Math.min(to, start + need);
      let end = start;
      while (end < limit && isKeyByte(buf[end])) end++;
      if (end - start >= need) return true;
    }
  }
  return false;
}

/** Reads one file to buf at off; the new end, or -1 when it is not to be read. */
function readOne(file, buf, off, maxBytes, grown) {
  let fd = -1;
  const start = off;
  try {
    fd = fs.openSync(file, FLAGS);
    if (buf.length - off < SLACK) buf = grown(grow(buf, off, SLACK));
    let want = buf.length - off;
    let n = fs.readSync(fd, buf, off, want, 0);
    off += n;
    if (n === want) {
      // Filled what was left: ask the size, then read the rest (a short read is the end).
      const st = fs.fstatSync(fd);
      if (!st.isFile() || st.size > maxBytes) return -1;
      for (;;) {
        const need = Math.max(SLACK, st.size - (off - start) + 1);
        if (buf.length - off < need) buf = grown(grow(buf, off, need));
        want = buf.length - off;
        n = fs.readSync(fd, buf, off, want, off - start);
        off += n;
        if (n < want || off - start > maxBytes) break;
      }
    }
    return off - start <= maxBytes ? off : -1;
  } catch {
    return -1;
  } finally {
    if (fd >= 0) try { fs.closeSync(fd); } catch {}
  }
}

let buf = Buffer.allocUnsafeSlow(256 * 1024);
const grown = (b) => (buf = b);

function readChunk(paths, maxBytes, screen, hasOut) {
  const which = [];
  const ends = [];
  let off = 0; // the handed-over bytes gather in the reused buf, then go out in a buffer of their own
  let read = 0;
  for (let i = 0; i < paths.length; i++) {
    const end = readOne(paths[i], buf, off, maxBytes, grown);
    if (end < 0) continue;
    read++;
    if (screen && !mayHit(screen, hasOut, buf, off, end)) continue;
    which.push(i);
    ends.push(end);
    off = end;
  }
  const bytes = Buffer.allocUnsafeSlow(off);
  buf.copy(bytes, 0, 0, off);
  return { read, which: Int32Array.from(which), ends: Float64Array.from(ends), bytes: bytes.buffer };
}

parentPort.on('message', ({ port, claims, maxBytes, screen }) => {
  const won = new Uint8Array(claims);
  let hasOut = null;
  if (screen) {
    hasOut = new Uint8Array(screen.first.length - 1);
    for (let s = 0; s < hasOut.length; s++) hasOut[s] = screen.first[s + 1] > screen.first[s] ? 1 : 0;
  }
  const queue = [];
  let ended = false;
  const take = (m) => {
    if (m.end) ended = true;
    else queue.push(m);
  };
  const work = () => {
    for (let next = 0; ; ) {
      for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) take(r.message);
      if (ended) {
        port.close();
        queue.length = 0;
        return;
      }
      if (next >= queue.length) {
        queue.length = 0;
        return;
      }
      const { chunk, paths } = queue[next++];
      if (Atomics.compareExchange(won, chunk, 0, 1) !== 0) continue; // the calling thread has it
      const out = readChunk(paths.split('\0'), maxBytes, screen, hasOut);
      port.postMessage({ chunk, ...out }, [out.bytes, out.which.buffer, out.ends.buffer]);
    }
  };
  port.on('message', (m) => {
    take(m);
    work();
  });
  port.once('close', () => {
    ended = true; // the calling thread is gone: drop the job
    queue.length = 0;
  });
});
`;
