import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../electron/app/events.js';
import { createSessionHolder, type SessionHolder } from '../../electron/app/session-holder.js';
import { workspaceHandlers } from '../../electron/app/workspace-handlers.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';

describe('workspace handlers', () => {
  let sessions: SessionHolder | null = null;
  afterEach(async () => {
    await sessions?.close();
    sessions = null;
  });

  it('open, current, init (refusing to overwrite), run mode', async () => {
    const root = await mkdtemp(join(tmpdir(), 'keyhive-ws-handlers-'));
    sessions = createSessionHolder({ store: new MemorySecretStore(), dataDir: join(root, 'data'), bus: createEventBus() });
    const h = workspaceHandlers(sessions);
    expect(await h['workspace.current']({})).toEqual({ file: null });
    await expect(h['workspace.setRunMode']({ runMode: 'docker' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const project = join(root, 'project');
    await mkdir(join(project, 'svc'), { recursive: true });
    await writeFile(join(project, 'svc', '.env'), 'TOKEN=value-never-written-to-yaml\n');
    const created = await h['workspace.init']({ dir: project });
    expect(created.file).toBe(join(project, 'keyhive.yaml'));
    expect(created.status.workspace.file).toBe(created.file);
    expect(await h['workspace.current']({})).toEqual({ file: created.file });
    expect(await readFile(created.file, 'utf8')).not.toContain('value-never-written-to-yaml');
    await expect(h['workspace.init']({ dir: project })).rejects.toMatchObject({ code: 'FILE_CONFLICT' });
    await expect(h['workspace.init']({ dir: join(root, 'missing') })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const reopened = await h['workspace.open']({ file: created.file });
    const mode = reopened.workspace.runMode === 'docker' ? 'native' : 'docker';
    const switched = await h['workspace.setRunMode']({ runMode: mode });
    expect(switched.workspace.runMode).toBe(mode);
    expect(await readFile(created.file, 'utf8')).toMatch(new RegExp(`runMode: ${mode}`));
  });
});
