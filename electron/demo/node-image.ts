/**
 * Builds a Docker image `FROM scratch` that runs Node — no registry needed: the machine's
 * own `node` binary, the shared libraries `ldd` lists (plus the dynamic loader), a minimal
 * /etc/passwd and /tmp, and the given files. Cached by content hash: when the tag already
 * carries the same `keyhive.content-hash` label, nothing is built.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const HASH_LABEL = 'keyhive.content-hash';

export interface NodeImageSpec {
  /** Path inside the image → file on this machine. */
  files: Record<string, string>;
  /** Arguments to node (the entrypoint), e.g. ['/app/hub.mjs']. */
  cmd?: string[];
  env?: Record<string, string>;
  expose?: number[];
}

/** The `node` binary to copy: this one, or (inside Electron) the first `node` on PATH. */
export function hostNodeBinary(): string {
  if (!process.versions.electron) return process.execPath;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node');
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error('no `node` binary on PATH to put into the image');
}

/** The node binary and every shared object it loads, as absolute paths. */
export async function nodeRuntimeFiles(nodeBin = hostNodeBinary()): Promise<string[]> {
  const { stdout } = await run('ldd', [nodeBin], { timeout: 10_000 });
  const libs = new Set<string>();
  for (const line of stdout.split('\n')) {
    const m = /=>\s+(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) libs.add(m[1]!);
  }
  if (![...libs].some((l) => l.includes('ld-linux') || l.includes('ld-musl'))) throw new Error(`ldd ${nodeBin} listed no dynamic loader:\n${stdout}`);
  return [nodeBin, ...libs];
}

function dockerfile(spec: NodeImageSpec, hash: string): string {
  const lines = ['FROM scratch', 'COPY rootfs/ /', 'COPY app/ /'];
  for (const [k, v] of Object.entries(spec.env ?? {})) lines.push(`ENV ${k}=${JSON.stringify(v)}`);
  for (const p of spec.expose ?? []) lines.push(`EXPOSE ${p}`);
  lines.push('ENTRYPOINT ["/usr/bin/node"]');
  if (spec.cmd) lines.push(`CMD ${JSON.stringify(spec.cmd)}`);
  lines.push(`LABEL ${HASH_LABEL}="${hash}"`);
  return lines.join('\n') + '\n';
}

async function contentHash(runtime: string[], spec: NodeImageSpec): Promise<string> {
  const h = createHash('sha256');
  // The runtime is identified by path, size and mtime (hashing 100 MB every run is wasteful).
  for (const f of runtime) {
    const st = statSync(realpathSync(f));
    h.update(`${f}\0${st.size}\0${st.mtimeMs}\0`);
  }
  for (const [inImage, onHost] of Object.entries(spec.files).sort()) h.update(`${inImage}\0`).update(readFileSync(onHost)).update('\0');
  h.update(JSON.stringify({ cmd: spec.cmd, env: spec.env, expose: spec.expose }));
  return h.digest('hex').slice(0, 24);
}

async function existingHash(tag: string): Promise<string | null> {
  try {
    const { stdout } = await run('docker', ['image', 'inspect', '--format', `{{ index .Config.Labels "${HASH_LABEL}" }}`, tag], { timeout: 15_000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** Build (or reuse) `tag`; returns whether it was built now. */
export async function buildNodeImage(tag: string, spec: NodeImageSpec): Promise<{ tag: string; built: boolean; hash: string }> {
  const runtime = await nodeRuntimeFiles();
  const hash = await contentHash(runtime, spec);
  if ((await existingHash(tag)) === hash) return { tag, built: false, hash };

  const ctx = mkdtempSync(join(tmpdir(), 'kh-image-'));
  try {
    const rootfs = join(ctx, 'rootfs');
    for (const [i, f] of runtime.entries()) {
      const target = join(rootfs, i === 0 ? '/usr/bin/node' : f);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(realpathSync(f), target);
    }
    chmodSync(join(rootfs, 'usr/bin/node'), 0o755);
    mkdirSync(join(rootfs, 'etc'), { recursive: true });
    writeFileSync(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/nonexistent\nnobody:x:65534:65534:nobody:/nonexistent:/nonexistent\n');
    writeFileSync(join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
    for (const d of ['tmp', 'root']) mkdirSync(join(rootfs, d), { recursive: true });
    chmodSync(join(rootfs, 'tmp'), 0o1777);
    const app = join(ctx, 'app');
    mkdirSync(app, { recursive: true });
    for (const [inImage, onHost] of Object.entries(spec.files)) {
      const target = join(app, inImage);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(onHost, target);
    }
    writeFileSync(join(ctx, 'Dockerfile'), dockerfile(spec, hash));
    try {
      await run('docker', ['build', '-q', '-t', tag, ctx], { timeout: 180_000, maxBuffer: 10 * 1024 * 1024, env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`docker build of ${tag} failed: ${(err.stderr || err.message).trim().split('\n').slice(-6).join('\n')}`);
    }
    return { tag, built: true, hash };
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}
