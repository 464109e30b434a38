import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHivecfmPeers, buildPeer, peerSource } from './build-peers.js';

describe('buildPeer', () => {
  it('bundles a TypeScript server into one self-contained .mjs, cached by content', async () => {
    const { hub, core } = await buildHivecfmPeers();
    expect(hub).toMatch(/keyhive-peers\/hub-[0-9a-f]{12}\.mjs$/);
    expect(core).toMatch(/keyhive-peers\/core-[0-9a-f]{12}\.mjs$/);
    expect(readFileSync(hub, 'utf8')).not.toMatch(/from ['"]\.\/peer-runtime/); // bundled, no relative imports
    expect(await buildPeer(peerSource('hivecfm/hub.ts'))).toBe(hub);
  });

  it('builds any entry into the given cache dir, and a changed source gets a new file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kh-peer-'));
    const src = join(dir, 'echo.ts');
    writeFileSync(src, "const n: number = 41; console.log('answer', n + 1);\n");
    const out = await buildPeer(src, { cacheDir: join(dir, 'cache') });
    expect(execFileSync(process.execPath, [out], { encoding: 'utf8' })).toBe('answer 42\n');
    const other = join(dir, 'echo2.ts');
    writeFileSync(other, "console.log('other');\n");
    expect(await buildPeer(other, { cacheDir: join(dir, 'cache') })).not.toBe(out);
  });

  it('says which source is missing', async () => {
    await expect(buildPeer('/nonexistent/peer.ts')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('/nonexistent/peer.ts') });
  });
});
