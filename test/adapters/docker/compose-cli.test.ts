import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { composeEnv, detectCompose, normalizeProjectName, runCompose } from '../../../electron/adapters/docker/compose-cli.js';

// Real Docker + Compose (v1 is slow to start on a busy machine): generous, not a timing assertion.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

describe('compose CLI', () => {
  it('normalizes project names the way Compose does', () => {
    expect(normalizeProjectName('HiveCFM Demo.v2')).toBe('hivecfmdemov2');
    expect(normalizeProjectName('_my-app')).toBe('my-app');
    expect(normalizeProjectName('keyhive-demo')).toBe('keyhive-demo');
  });

  it("runs Compose without Keyhive's own variables", () => {
    expect(composeEnv({ PATH: '/bin', KEYHIVE_DATA_DIR: '/x', DOCKER_HOST: 'unix:///s' })).toEqual({ PATH: '/bin', DOCKER_HOST: 'unix:///s' });
  });

  it('detects the Compose on this machine (v2 preferred)', async () => {
    const c = await detectCompose();
    expect(c.argv[0]).toMatch(/^docker(-compose)?$/);
    expect(c.version === 'v2' ? c.argv : ['docker', 'compose']).toEqual(['docker', 'compose']);
  });

  it('turns a Compose failure into SERVICE_FAILED naming the file and what Compose said', async () => {
    const composeFile = join(mkdtempSync(join(tmpdir(), 'kh-cli-')), 'docker-compose.yml');
    writeFileSync(composeFile, 'services:\n  web:\n    image: x\n    ports: "not a list"\n');
    const err = await runCompose({ composeFile, project: 'kh-x' }, ['config'], 60_000).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SERVICE_FAILED', file: composeFile, message: expect.stringContaining('config') });
    expect((err as Error).message).toMatch(/ports/);
  });

  it('says which compose file is missing', async () => {
    await expect(runCompose({ composeFile: '/nonexistent/dir/docker-compose.yml', project: 'kh-x' }, ['config'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
      file: '/nonexistent/dir/docker-compose.yml',
    });
  });
});
