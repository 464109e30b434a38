/**
 * --images on the real Docker engine: an image built FROM scratch (no registry) with a managed
 * value in its config env (hence in its history too) and base64-encoded in a layer file.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { DockerEngine } from '../../../electron/adapters/docker/engine-api.js';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { runScan } from '../../../electron/app/scan/run-scan.js';
import { describeDocker } from '../../support/describe-docker.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { hubKey, makeWorkspace, tokenhubKey, type TempWorkspace } from '../support/temp-workspace.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

const TAG = `keyhive-test/leak-scan:${process.pid}`;
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOCKER_BUILDKIT: '0' } });
let ws: TempWorkspace | null = null;

describeDocker('scan --images on the real engine', () => {
  afterAll(async () => {
    await ws?.cleanup();
    try {
      docker('rmi', '-f', TAG);
    } catch {
      /* already gone */
    }
  });

  it('finds the value in the image env, its history and a layer file; an untracked key in another layer file', async () => {
    const key = hubKey();
    const stray = tokenhubKey();
    ws = await makeWorkspace({ hub: key, core: key, runMode: 'docker', compose: `services:\n  hivecfm-hub-api:\n    image: ${TAG}\n` });
    const ctx = await mkdtemp(join(tmpdir(), 'kh-leak-img-'));
    try {
      await mkdir(join(ctx, 'app'));
      await writeFile(join(ctx, 'app', 'auth.txt'), `line one\nAuthorization: Basic ${Buffer.from(`hub:${key}`).toString('base64')}\n`);
      await writeFile(join(ctx, 'app', 'other.cfg'), `consumer=${stray}\n`);
      await writeFile(join(ctx, 'app', 'decoys.txt'), `${crypto.randomUUID()}\n${'f'.repeat(64)}\n${Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString('base64')}\n`);
      await writeFile(join(ctx, 'Dockerfile'), `FROM scratch\nCOPY app/ /app/\nENV HUB_API_KEY=${key} MODE=prod\n`);
      docker('build', '-q', '-t', TAG, ctx);
    } finally {
      await rm(ctx, { recursive: true, force: true });
    }
    const workspace = await loadWorkspace(ws.file);
    const engine = new DockerEngine();
    try {
      const report = await runScan({ workspace, store: new MemorySecretStore(), engine: () => engine }, { paths: [], staged: false, history: false, images: true });
      expect(report.findings.map((f) => [f.kind, f.secret, f.system, f.image, f.file, f.line, f.encoding, f.where])).toEqual([
        ['managed', 'hub-api-key', null, TAG, '/app/auth.txt', 2, 'base64', 'image layer'],
        ['pattern', null, 'tokenhub', TAG, '/app/other.cfg', 1, 'raw', 'image layer'],
        ['managed', 'hub-api-key', null, TAG, null, null, 'raw', 'image env'],
        ['managed', 'hub-api-key', null, TAG, null, null, 'raw', 'image history'],
      ]);
      expect(report.scanned.images).toBe(1);
      expect(JSON.stringify(report)).not.toContain(key);
    } finally {
      await engine.close();
    }
  });
});
