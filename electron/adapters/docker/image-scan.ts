/**
 * What an image carries for the leak guard, read from the Engine API: its config env, the
 * commands of its history, and every file of every layer (`GET /images/{name}/get`, a tar of
 * layer tars; gzip layers are unpacked). The export is read as a stream, one layer in memory at
 * a time; files are handed over one at a time, never kept.
 */
import { gunzipSync } from 'node:zlib';
import { KeyhiveError } from '../../../shared/errors.js';
import type { DockerEngine } from './engine-api.js';

export interface ImageFacts {
  id: string;
  env: string[];
  history: string[];
}

export async function imageFacts(engine: DockerEngine, ref: string): Promise<ImageFacts | null> {
  const inspect = await engine.get(`/images/${encodeURIComponent(ref)}/json`);
  if (inspect.status === 404) return null;
  if (inspect.status >= 400) throw new KeyhiveError('DOCKER_UNAVAILABLE', `the Docker engine answered ${inspect.status} for image ${ref}`, { fix: 'Check the image with `docker image inspect`.' });
  const info = JSON.parse(inspect.body.toString('utf8')) as { Id: string; Config?: { Env?: string[] | null } };
  const hist = await engine.get(`/images/${encodeURIComponent(ref)}/history`);
  const history = hist.status < 400 ? (JSON.parse(hist.body.toString('utf8')) as Array<{ CreatedBy?: string }>).map((h) => h.CreatedBy ?? '') : [];
  return { id: info.Id, env: info.Config?.Env ?? [], history };
}

interface TarEntry {
  name: string;
  type: string;
  data: Buffer;
}

function* tarEntries(buf: Buffer): Generator<TarEntry> {
  let off = 0;
  let longName: string | null = null;
  let paxPath: string | null = null;
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (a: number, n: number): string => header.subarray(a, a + n).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    let name = longName ?? paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      paxPath = m ? m[1]! : null;
      continue;
    }
    longName = null;
    paxPath = null;
    name = name.replace(/^\.\//, '');
    yield { name, type, data };
  }
}

const isTar = (b: Buffer): boolean => b.length >= 512 && b.subarray(257, 262).toString('latin1') === 'ustar';
const isGzip = (b: Buffer): boolean => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Reads exact byte counts from a stream of chunks, joining only what one read needs. */
class ChunkReader {
  private parts: Buffer[] = [];
  private have = 0;
  private readonly it: AsyncIterator<Buffer>;
  constructor(body: AsyncIterable<Buffer>) {
    this.it = body[Symbol.asyncIterator]();
  }
  /** Exactly n bytes, or null at the end of the stream. */
  async read(n: number): Promise<Buffer | null> {
    while (this.have < n) {
      const r = await this.it.next();
      if (r.done) return null;
      this.parts.push(r.value);
      this.have += r.value.length;
    }
    const all = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const out = all.subarray(0, n);
    this.parts = all.length > n ? [all.subarray(n)] : [];
    this.have -= n;
    return out;
  }
}

/** The outer tar of an export, entry by entry: each entry's bytes are read only when it is a file. */
async function* streamedTarEntries(body: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ChunkReader(body);
  for (;;) {
    const header = await reader.read(512);
    if (!header || header.every((b) => b === 0)) return;
    const size = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    const padded = Math.ceil(size / 512) * 512;
    const data = padded > 0 ? await reader.read(padded) : Buffer.alloc(0);
    if (!data) return;
    const one = Buffer.concat([header, data.subarray(0, size), Buffer.alloc(padded - size + 1024)]);
    yield* tarEntries(one);
  }
}

/** Every regular file in every layer of the image: `onFile(pathInImage, bytes)`. */
export async function forEachLayerFile(engine: DockerEngine, ref: string, onFile: (file: string, bytes: Buffer) => void): Promise<number> {
  const res = await engine.stream(`/images/${encodeURIComponent(ref)}/get`);
  if (res.status >= 400) {
    for await (const _chunk of res.body) void _chunk; // drain
    throw new KeyhiveError('DOCKER_UNAVAILABLE', `the Docker engine answered ${res.status} exporting image ${ref}`, { fix: 'Check the image with `docker image save`.' });
  }
  let files = 0;
  for await (const outer of streamedTarEntries(res.body)) {
    if (outer.type !== '0' && outer.type !== '\0') continue;
    let layer = outer.data;
    if (isGzip(layer)) {
      try {
        layer = gunzipSync(layer);
      } catch {
        continue;
      }
    }
    if (!isTar(layer)) continue;
    for (const inner of tarEntries(layer)) {
      if (inner.type !== '0' && inner.type !== '\0') continue;
      if (/(^|\/)\.wh\./.test(inner.name)) continue; // whiteouts carry no content
      files++;
      onFile(`/${inner.name}`, inner.data);
    }
  }
  return files;
}
