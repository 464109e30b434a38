/**
 * Where the leak guard looks, one function per source: the working tree (files under the given
 * folders, except the bound env files where the values belong), the staged diff, every commit
 * reachable from any ref, and Docker images (config env, history, layer files).
 */
import path from 'node:path';
import type { ScanFinding } from '../../../shared/scan.js';
import type { ByteHit, Scanner } from '../../core/scan/scanner.js';
import { listFiles, rootsOverlap } from '../../adapters/fs/walk-files.js';
import { PARALLEL_MIN_FILES, ParallelRead, ReaderThread } from '../../adapters/fs/read-files-parallel.js';
import { catBlobs } from '../../adapters/git/git-cli.js';
import { blobIntroductions, headBlobs, stagedBlobs } from '../../adapters/git/repo-facts.js';
import type { DockerEngine } from '../../adapters/docker/engine-api.js';
import { forEachLayerFile, imageFacts } from '../../adapters/docker/image-scan.js';

export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface Collected {
  hits: ScanFinding[];
  files: number;
  blobs: number;
  commits: number;
  images: number;
}

export const emptyCollected = (): Collected => ({ hits: [], files: 0, blobs: 0, commits: 0, images: 0 });

type Place = Pick<ScanFinding, 'file' | 'commit' | 'image' | 'where' | 'inHead'>;

export function toFindings(hits: readonly ByteHit[], place: Place): ScanFinding[] {
  return hits.map((h) => ({
    kind: h.kind === 'placeholder' ? 'pattern' : h.kind,
    secret: h.secret,
    system: h.system,
    file: place.file,
    line: place.file === null ? null : h.line,
    commit: place.commit,
    image: place.image,
    encoding: h.encoding,
    inHead: place.inHead,
    placeholder: h.kind === 'placeholder',
    where: place.where,
  }));
}

/** `helper: false` keeps all reading on this thread (the same findings, for comparison). */
export async function scanWorkingTree(scanner: Scanner, roots: readonly string[], exclude: ReadonlySet<string>, show: (abs: string) => string, into: Collected, opts: { helper?: boolean } = {}): Promise<void> {
  const onFile = (file: string, bytes: Buffer): void => {
    const hits = scanner.scanBytes(bytes);
    if (hits.length) into.hits.push(...toFindings(hits, { file: show(file), commit: null, image: null, where: 'working tree', inHead: null }));
  };
  // A second thread reads (and hands over only the files that may hold a finding) from the
  // first full chunk the listing finds, once there are many files or a helper is idle anyway.
  // Findings are sorted at the end: the walk's order does not matter here.
  const read = new ParallelRead(onFile, { maxBytes: MAX_FILE_BYTES, screen: scanner.screen() });
  const once = rootsOverlap(roots) ? new Set<string>() : null; // nested roots list a file twice
  let seen = 0;
  let asked = opts.helper === false;
  const onFiles = (all: readonly string[]): void => {
    if (!asked && (ReaderThread.idle() || all.length >= PARALLEL_MIN_FILES)) {
      asked = true;
      read.useHelper(ReaderThread.acquire());
    }
    const fresh: string[] = [];
    for (; seen < all.length; seen++) {
      const f = all[seen]!;
      if (exclude.has(f) || once?.has(f)) continue;
      once?.add(f);
      fresh.push(f);
    }
    read.add(fresh);
  };
  try {
    await listFiles(roots, { sorted: false, onFiles });
  } catch (e) {
    read.abandon();
    throw e;
  }
  into.files += await read.finish();
}

export async function scanStaged(scanner: Scanner, repo: string, show: (abs: string) => string, into: Collected): Promise<void> {
  const staged = await stagedBlobs(repo);
  const byBlob = new Map<string, string[]>();
  for (const s of staged) byBlob.set(s.blob, [...(byBlob.get(s.blob) ?? []), s.path]);
  await catBlobs(repo, [...byBlob.keys()], (id, bytes) => {
    if (!bytes) return;
    into.blobs++;
    const hits = scanner.scanBytes(bytes);
    for (const p of byBlob.get(id) ?? []) into.hits.push(...toFindings(hits, { file: show(path.join(repo, p)), commit: null, image: null, where: 'staged', inHead: null }));
  });
}

/**
 * Each finding once per (what, file), at the first commit that introduced it. inHead: HEAD still
 * holds it — the same content under any name (a renamed file), or the same find in HEAD's file
 * of that path.
 */
export async function scanHistory(scanner: Scanner, repo: string, show: (abs: string) => string, into: Collected): Promise<void> {
  const { blobs, commits } = await blobIntroductions(repo);
  const head = await headBlobs(repo);
  into.commits += commits;
  const found: Array<{ hit: ByteHit; blob: string }> = [];
  const inHead = new Set<string>();
  const what = (h: ByteHit): string => `${h.kind}\0${h.secret}\0${h.system}\0${h.encoding}`;
  await catBlobs(repo, [...blobs.keys()], (id, bytes) => {
    if (!bytes) return;
    into.blobs++;
    for (const hit of scanner.scanBytes(bytes)) {
      found.push({ hit, blob: id });
      for (const p of head.get(id) ?? []) inHead.add(`${what(hit)}\0${p}`);
    }
  });
  const first = new Map<string, { hit: ByteHit; blob: string; order: number }>();
  for (const f of found) {
    const intro = blobs.get(f.blob)!;
    const key = `${what(f.hit)}\0${intro.path}`;
    const prev = first.get(key);
    if (!prev || intro.order < prev.order || (intro.order === prev.order && f.hit.line < prev.hit.line)) first.set(key, { ...f, order: intro.order });
  }
  for (const { hit, blob } of first.values()) {
    const intro = blobs.get(blob)!;
    const still = head.has(blob) || inHead.has(`${what(hit)}\0${intro.path}`);
    into.hits.push(...toFindings([hit], { file: show(path.join(repo, intro.path)), commit: intro.commit, image: null, where: 'history', inHead: still }));
  }
}

export async function scanImage(scanner: Scanner, engine: DockerEngine, ref: string, into: Collected): Promise<boolean> {
  const facts = await imageFacts(engine, ref);
  if (!facts) return false;
  into.images++;
  const enc = new TextEncoder();
  const place = (where: string, file: string | null = null): Place => ({ file, commit: null, image: ref, where, inHead: null });
  into.hits.push(...toFindings(scanner.scanBytes(enc.encode(facts.env.join('\n'))), place('image env')).map((f) => ({ ...f, line: null })));
  into.hits.push(...toFindings(scanner.scanBytes(enc.encode(facts.history.join('\n'))), place('image history')).map((f) => ({ ...f, line: null })));
  into.files += await forEachLayerFile(engine, ref, (file, bytes) => {
    into.hits.push(...toFindings(scanner.scanBytes(bytes), place('image layer', file)));
  });
  return true;
}
