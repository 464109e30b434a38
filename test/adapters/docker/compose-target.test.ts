import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupByProject, resolveComposeTarget } from '../../../electron/adapters/docker/compose-target.js';
import { ServiceSchema } from '../../../electron/core/workspace/schema.js';
import type { ResolvedService } from '../../../electron/core/services/runtime.js';

function fixture(composeText: string, docker: Record<string, string> | null): ResolvedService {
  const root = join(mkdtempSync(join(tmpdir(), 'kh-target-')), 'My Stack');
  mkdirSync(join(root, 'hub'), { recursive: true });
  const composeFile = join(root, 'docker-compose.yml');
  writeFileSync(composeFile, composeText);
  const config = ServiceSchema.parse({ dir: 'hub', ...(docker ? { docker } : {}) });
  return { name: 'hub', dir: join(root, 'hub'), envFiles: [join(root, 'hub', '.env')], config, ...(docker ? { composeFile } : {}) };
}

const COMPOSE = 'services:\n  hivecfm-hub-api:\n    image: x\n  hivecfm-core:\n    image: y\n';

describe('resolveComposeTarget', () => {
  it("derives the project from the compose file's directory, like Compose", async () => {
    const t = await resolveComposeTarget(fixture(COMPOSE, { composeFile: '../docker-compose.yml', service: 'hivecfm-hub-api' }));
    expect(t).toMatchObject({ project: 'mystack', service: 'hivecfm-hub-api' });
  });

  it('prefers the workspace project, then the top-level name:', async () => {
    expect((await resolveComposeTarget(fixture(COMPOSE, { composeFile: '../docker-compose.yml', service: 'hivecfm-core', project: 'Demo' }))).project).toBe('demo');
    expect((await resolveComposeTarget(fixture(`name: hive\n${COMPOSE}`, { composeFile: '../docker-compose.yml', service: 'hivecfm-core' }))).project).toBe('hive');
  });

  it('names an unknown Compose service and lists the real ones', async () => {
    await expect(resolveComposeTarget(fixture(COMPOSE, { composeFile: '../docker-compose.yml', service: 'hub' }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      fix: expect.stringContaining('hivecfm-hub-api, hivecfm-core'),
    });
  });

  it('a service folder not cloned yet: says so with the fix (clone it or fix dir:), not "cannot read the compose file"', async () => {
    const svc = fixture(COMPOSE, { composeFile: 'compose.yaml', service: 'hivecfm-hub-api' });
    const missing = { ...svc, dir: join(svc.dir, '..', 'not-cloned'), composeFile: join(svc.dir, '..', 'not-cloned', 'compose.yaml') };
    await expect(resolveComposeTarget(missing)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('does not exist'),
      fix: expect.stringMatching(/Clone the service into .*not-cloned, or fix dir: under services\.hub/),
    });
    // The folder exists but the compose file does not: the old, precise error.
    await expect(resolveComposeTarget({ ...svc, composeFile: join(svc.dir, 'compose.yaml') })).rejects.toMatchObject({ message: expect.stringContaining('cannot read the compose file') });
  });

  it('refuses a service without a docker: section', async () => {
    await expect(resolveComposeTarget(fixture(COMPOSE, null))).rejects.toMatchObject({ code: 'BAD_INPUT', fix: expect.stringContaining('runMode: native') });
  });

  it('groups services sharing a compose file and project', async () => {
    const a = fixture(COMPOSE, { composeFile: '../docker-compose.yml', service: 'hivecfm-hub-api' });
    const ta = await resolveComposeTarget(a);
    const tb = { ...ta, service: 'hivecfm-core' };
    const tc = { ...ta, project: 'other' };
    expect(groupByProject([{ target: ta }, { target: tb }, { target: tc }]).map((g) => g.map((x) => x.target.service))).toEqual([
      ['hivecfm-hub-api', 'hivecfm-core'],
      ['hivecfm-hub-api'],
    ]);
  });
});
