/**
 * The leak-guard bench's tree: a git repository of 10 services and 10,000 files with a history
 * of 5,000 commits (written with `git fast-import`, so building it takes seconds), decoys in
 * most files (UUIDs, hashes, fingerprints, random base64, keys of other formats, near-misses of
 * the four systems' shapes) and managed values planted at known places in every encoding: some
 * still in HEAD, some removed again (history only), some only on a branch.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setValue } from '../../electron/core/env/edit.js';

export const SERVICES = 10;
export const FILES = 10_000;
export const COMMITS = 5_000;

export interface Plant {
  secret: string;
  file: string;
  line: number;
  encoding: 'raw' | 'base64' | 'url' | 'json' | 'quoted';
  /** true: still in HEAD (so in the working tree); false: added then removed, or branch-only. */
  inHead: boolean;
}

export interface ScanTree {
  root: string;
  workspaceFile: string;
  values: Map<string, string>;
  plants: Plant[];
  /** Files holding at least one decoy in HEAD. */
  decoyFiles: number;
}

const hex = (n: number) => randomBytes(n).toString('hex');
function decoy(i: number): string {
  switch (i % 12) {
    case 0: return `id: ${randomUUID()}`;
    case 1: return `sha256 ${createHash('sha256').update(String(i)).digest('hex')}`;
    case 2: return `commit ${createHash('sha1').update(String(i)).digest('hex')}`;
    case 3: return `fingerprint=${hex(4)}`;
    case 4: return `blob: "${randomBytes(48).toString('base64')}"`;
    case 5: return `token_url=${randomBytes(40).toString('base64url')}`;
    case 6: return `STRIPE=sk_live_${hex(16)}`;
    case 7: return `aws_key AKIA${hex(8).toUpperCase()}`;
    case 8: return `tokenhub_${hex(31)} # too short`;
    case 9: return `xhsk_${hex(20)} hf_test_${hex(6)}`;
    case 10: return `slack xoxb-${hex(6)}-${hex(8)}`;
    default: return `jwt eyJhbGciOiJIUzI1NiJ9.${randomBytes(30).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
  }
}

function encode(value: string, encoding: Plant['encoding']): string {
  switch (encoding) {
    case 'raw': return `API_KEY=${value}`;
    case 'base64': return `Authorization: Basic ${Buffer.from(`svc:${value}`).toString('base64')}`;
    case 'url': return `https://api.local/cb?key=${encodeURIComponent(value)}`;
    case 'json': return `{"apiKey": ${JSON.stringify(value)}}`;
    case 'quoted': return `export KEY='${value.replace(/'/g, "'\\''")}'`;
  }
}

export async function buildScanTree(root: string): Promise<ScanTree> {
  const values = new Map<string, string>();
  for (let s = 0; s < SERVICES; s++) values.set(`key-${s}`, s % 2 === 1 ? `v'${hex(8)}$/ &x="${hex(8)}` : randomBytes(32).toString('base64url'));
  const svc = (i: number) => `svc-${i % SERVICES}`;
  const files: string[] = [];
  const content = new Map<string, string[]>();
  let decoyN = 0;
  for (let f = 0; f < FILES; f++) {
    const path = `${svc(f)}/src/m${Math.floor(f / SERVICES) % 50}/file${f}.ts`;
    files.push(path);
    const lines = [`// module ${f}`, `export const n${f} = ${f};`];
    if (f % 10 !== 0) lines.push(decoy(decoyN++), decoy(decoyN++));
    lines.push('export function f() { return n; }');
    content.set(path, lines);
  }
  const enc = new TextEncoder();
  const chunks: Buffer[] = [];
  const data = (text: string) => {
    const b = enc.encode(text);
    chunks.push(Buffer.from(`data ${b.length}\n`), Buffer.from(b), Buffer.from('\n'));
  };
  let time = 1_700_000_000;
  const commitHeader = (ref: string, msg: string, from?: string) => {
    chunks.push(Buffer.from(`commit ${ref}\ncommitter Bench <bench@example.test> ${time++} +0000\n`));
    data(msg);
    if (from) chunks.push(Buffer.from(`from ${from}\n`));
  };
  // Commit 1: every file, .gitignore for the bound env files.
  commitHeader('refs/heads/main', 'initial');
  chunks.push(Buffer.from('M 100644 inline .gitignore\n'));
  data('.env\n');
  for (const p of files) {
    chunks.push(Buffer.from(`M 100644 inline ${p}\n`));
    data(content.get(p)!.join('\n') + '\n');
  }
  const plants: Plant[] = [];
  const encodings: Plant['encoding'][] = ['raw', 'base64', 'url', 'json', 'quoted'];
  const secretNames = [...values.keys()];
  // Commits 2…COMMITS: one file each gains a line; every 250th plants a value (some removed 10 commits later).
  const removeAt = new Map<number, { path: string; line: number }>();
  for (let c = 2; c <= COMMITS; c++) {
    const path = files[(c * 7919) % FILES]!;
    const lines = content.get(path)!;
    const undo = removeAt.get(c);
    if (undo) {
      const l = content.get(undo.path)!;
      l[undo.line - 1] = '// removed';
      commitHeader('refs/heads/main', `remove ${c}`);
      chunks.push(Buffer.from(`M 100644 inline ${undo.path}\n`));
      data(l.join('\n') + '\n');
      continue;
    }
    if (c % 250 === 0 && !plants.some((p) => p.file === path)) {
      const k = c / 250;
      const secret = secretNames[k % secretNames.length]!;
      const encoding = encodings[k % encodings.length]!;
      lines.push(encode(values.get(secret)!, encoding));
      const removed = k % 4 === 0 && c + 10 <= COMMITS;
      plants.push({ secret, file: path, line: lines.length, encoding, inHead: !removed });
      if (removed) removeAt.set(c + 10, { path, line: lines.length });
    } else {
      lines.push(`// rev ${c}: ${decoy(decoyN++)}`);
    }
    commitHeader('refs/heads/main', `change ${c}`);
    chunks.push(Buffer.from(`M 100644 inline ${path}\n`));
    data(lines.join('\n') + '\n');
  }
  // A branch-only commit with a base64 value.
  const branchFile = 'svc-0/branch-only.txt';
  commitHeader('refs/heads/experiment', 'experiment', 'refs/heads/main');
  chunks.push(Buffer.from(`M 100644 inline ${branchFile}\n`));
  data(`x\n${encode(values.get('key-0')!, 'base64')}\n`);
  plants.push({ secret: 'key-0', file: branchFile, line: 2, encoding: 'base64', inHead: false });

  await mkdir(root, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  git('init', '-q', '-b', 'main');
  execFileSync('git', ['fast-import', '--quiet'], { cwd: root, input: Buffer.concat(chunks), maxBuffer: 64 * 1024 * 1024 });
  git('checkout', '-q', '-f', 'main');
  // The bound .env files (ignored) and the workspace.
  const services: string[] = [];
  const secrets: string[] = [];
  for (let s = 0; s < SERVICES; s++) {
    await writeFile(join(root, `svc-${s}`, '.env'), setValue(`PORT=${3000 + s}\n`, `KEY_${s}`, values.get(`key-${s}`)!)); // quoted as dotenv reads it back
    services.push(`  svc-${s}:\n    dir: svc-${s}`);
    secrets.push(`  key-${s}:\n    bindings:\n      - { service: svc-${s}, var: KEY_${s}, role: server }`);
  }
  const workspaceFile = join(root, 'keyhive.yaml');
  await writeFile(workspaceFile, `version: 1\nname: scan-bench\nid: scan-bench-${hex(3)}\nruntime: native\nservices:\n${services.join('\n')}\nsecrets:\n${secrets.join('\n')}\n`.replace('runtime: native', 'runMode: native'));
  return { root, workspaceFile, values, plants, decoyFiles: files.length - files.length / 10 };
}
