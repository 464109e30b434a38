import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { describeDocker } from '../../support/describe-docker.js';
import { buildNodeImage, HASH_LABEL, nodeRuntimeFiles } from './build-image.js';

// Real Docker + Compose (v1 is slow to start on a busy machine): generous, not a timing assertion.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const TAG = `keyhive-test/build-image:${process.pid}`;
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', timeout: 60_000 });

it('lists the node binary, its shared libraries and the dynamic loader', async () => {
  const files = await nodeRuntimeFiles();
  expect(files[0]).toBe(process.execPath);
  expect(files.some((f) => /ld-linux|ld-musl/.test(f))).toBe(true);
  expect(files.some((f) => /libc\.so/.test(f))).toBe(true);
});

describeDocker('buildNodeImage on the real engine', () => {
  afterAll(() => {
    try {
      docker('rmi', '-f', TAG);
    } catch {
      /* already gone */
    }
  });

  it('builds a FROM-scratch image that runs node, and reuses it while the content is the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kh-img-'));
    const script = join(dir, 'hello.mjs');
    writeFileSync(script, "import { writeFileSync } from 'node:fs'; writeFileSync('/tmp/x', 'ok'); console.log('hello from scratch', process.version, process.env.GREETING);\n");
    const spec = { files: { '/app/hello.mjs': script }, cmd: ['/app/hello.mjs'], env: { GREETING: 'hi' } };
    const first = await buildNodeImage(TAG, spec);
    expect(docker('run', '--rm', TAG).trim()).toBe(`hello from scratch ${process.version} hi`);
    expect(docker('image', 'inspect', '--format', `{{ index .Config.Labels "${HASH_LABEL}" }}`, TAG).trim()).toBe(first.hash);
    // A second build with the same content is skipped …
    expect(await buildNodeImage(TAG, spec)).toMatchObject({ built: false, hash: first.hash });
    // … and a changed file rebuilds.
    writeFileSync(script, "console.log('changed');\n");
    const third = await buildNodeImage(TAG, spec);
    expect(third.built).toBe(true);
    expect(third.hash).not.toBe(first.hash);
    expect(docker('run', '--rm', TAG).trim()).toBe('changed');
  });
});
