/** scan.run and scan.fix through the real dispatcher (the path IPC and web mode take): contract-checked, progress, no value. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/app/api-dispatch.js';
import { createSecretCopier } from '../../../electron/app/secrets/clipboard.js';
import { createEventBus } from '../../../electron/app/events.js';
import { buildHandlers } from '../../../electron/app/service-handlers.js';
import { createSessionHolder, type SessionHolder } from '../../../electron/app/session-holder.js';
import type { ProgressEvent } from '../../../shared/domain.js';
import { ScanReport } from '../../../shared/scan.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { gitIn } from './git-fixture.js';

const VALUE = 'scan-handlers-0123456789abcdef0123456789';
let sessions: SessionHolder | null = null;
let root = '';
afterEach(async () => {
  await sessions?.close();
  sessions = null;
  await rm(root, { recursive: true, force: true });
});

describe('scan.run / scan.fix', { timeout: 60_000 }, () => {
  it('reports, fixes and reports again — names and places only', async () => {
    root = await mkdtemp(join(tmpdir(), 'keyhive-scan-handlers-'));
    await mkdir(join(root, 'a'));
    await writeFile(join(root, 'a', '.env'), `KEY=${VALUE}\n`);
    await writeFile(join(root, 'a', 'leak.log'), `GET /?k=${VALUE}\n`);
    await writeFile(join(root, 'keyhive.yaml'), 'name: h\nid: scan-handlers\nrunMode: native\nservices:\n  a: { dir: a }\nsecrets:\n  key:\n    bindings:\n      - { service: a, var: KEY, role: server }\n');
    await gitIn(root).init();
    const bus = createEventBus();
    const progress: ProgressEvent[] = [];
    bus.on('progress', (p) => progress.push(p));
    sessions = createSessionHolder({ store: new MemorySecretStore(), dataDir: join(root, 'data'), initialFile: join(root, 'keyhive.yaml'), bus });
    const handlers = buildHandlers({ sessions, bus, copier: createSecretCopier(undefined) });

    const first = await dispatch(handlers, 'scan.run', {});
    expect(first.ok).toBe(true);
    const report = ScanReport.parse((first as { value: unknown }).value);
    expect(report.findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(['unignored-env a/.env:null', 'managed a/leak.log:1']);
    expect(JSON.stringify(first)).not.toContain(VALUE);
    expect(progress.some((p) => p.operation === 'scan' && p.state === 'done')).toBe(true);

    expect(await dispatch(handlers, 'scan.fix', { action: 'gitignore', file: 'a/.env' })).toMatchObject({ ok: true, value: { file: join(root, '.gitignore') } });
    expect(await readFile(join(root, '.gitignore'), 'utf8')).toBe('/a/.env\n');
    expect(await dispatch(handlers, 'scan.fix', { action: 'env-example', service: 'a' })).toMatchObject({ ok: true });
    expect(await readFile(join(root, 'a', '.env.example'), 'utf8')).toContain('KEY=<key>');
    const again = ScanReport.parse(((await dispatch(handlers, 'scan.run', {})) as { value: unknown }).value);
    expect(again.findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(['managed a/leak.log:1']);

    const refused = await dispatch(handlers, 'scan.fix', { action: 'gitignore', file: 'a/leak.log' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch(handlers, 'scan.run', { staged: 'yes' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
