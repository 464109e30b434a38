import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixDoctor, formatFinding, runDoctor, shownUrl } from '../../../electron/app/doctor/run-doctor.js';
import { liveHubWorkspace, SECRET, type LiveHubWorkspace } from '../live-hub.js';

let w: LiveHubWorkspace;
beforeEach(async () => {
  w = await liveHubWorkspace();
});
afterEach(async () => {
  await w.cleanup();
});

async function driftCore(): Promise<void> {
  const text = await readFile(w.coreEnv, 'utf8');
  await writeFile(w.coreEnv, text.replace(/HIVECFM_HUB_API_KEY=.*$/m, 'HIVECFM_HUB_API_KEY=someone-pasted-an-old-key-here'));
}

describe('runDoctor', () => {
  it('a healthy pair: no error, the header shape the hub wants is reported', async () => {
    const f = await runDoctor(w.ports, SECRET);
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.find((x) => x.id === 'probe:header-shape')?.what).toMatch(/insists on `Authorization: Bearer <key>`/);
    expect(f.find((x) => x.id === 'caller-url:core')?.severity).toBe('ok');
  });

  it('a drifted caller: names the side, the failing call, and offers the keychain sync', async () => {
    await driftCore();
    const f = await runDoctor(w.ports, SECRET);
    expect(f.find((x) => x.id === 'sides-identical')).toMatchObject({ severity: 'error', fixAction: 'sync-from-keychain' });
    expect(f.find((x) => x.id === 'sides-identical')?.why).toContain('core HIVECFM_HUB_API_KEY differs');
    expect(f.find((x) => x.id === 'probe:auth-smoke')).toMatchObject({ severity: 'error' });
    const text = f.map(formatFinding).join('\n');
    expect(text).toContain('[--fix]');
    expect(text).not.toContain('someone-pasted-an-old-key-here');
    expect(text).not.toContain((await w.keychain())!);
  });

  it('a Docker service name used while running natively is named as the cause', async () => {
    w.ports.workspace.config.services.hub!.urls.docker = 'http://hivecfm-hub-api:8080';
    const text = await readFile(w.coreEnv, 'utf8');
    await writeFile(w.coreEnv, text.replace(/HIVECFM_HUB_URL=.*$/m, 'HIVECFM_HUB_URL=http://hivecfm-hub-api:8080'));
    const f = await runDoctor(w.ports, SECRET);
    expect(f.find((x) => x.id === 'caller-url:core')).toMatchObject({ severity: 'error', why: expect.stringContaining('Compose network') });
  });
});

describe('fixDoctor', () => {
  it('applies the safe fix (sync from the keychain), checks again and reports what it did', async () => {
    await driftCore();
    const r = await fixDoctor(w.ports, SECRET);
    expect(r.applied[0]).toMatch(/synced hub-key from the keychain .* into 1 file/);
    expect(r.applied.at(-1)).toBe('checked again: 0 error(s) left');
    expect(r.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(await w.value(w.coreEnv, 'HIVECFM_HUB_API_KEY')).toBe(await w.keychain());
  });
  it('refuses unknown secrets', async () => {
    await expect(fixDoctor(w.ports, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('shownUrl', () => {
  it('hides the user and password a URL may carry, and leaves every other URL as it is', () => {
    expect(shownUrl('http://hub:8080/v1')).toBe('http://hub:8080/v1');
    expect(shownUrl('https://svc:s3cr3t-pass@hub.internal:8443/x?y=1')).toBe('https://…@hub.internal:8443/x?y=1');
    expect(shownUrl('postgres://user@db/app')).toBe('postgres://…@db/app');
    expect(shownUrl('http://hub/path@x')).toBe('http://hub/path@x'); // an @ in the path is not a user
  });
});
