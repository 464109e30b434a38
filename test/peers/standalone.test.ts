/** Each reference server also runs standalone (`tsx electron/demo/peers/<system>/main.ts`): reads PORT and env, stops promptly on SIGTERM. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSX = `${REPO}/node_modules/tsx/dist/cli.mjs`;

function runMain(system: string, env: Record<string, string>): Promise<{ url: string; stdout: () => string; stop: () => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, `electron/demo/peers/${system}/main.ts`], { cwd: REPO, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`${system} exited early (${code}): ${err}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        child.removeAllListeners('exit');
        resolve({
          url: m[1],
          stdout: () => out,
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

describe('reference servers run standalone', () => {
  it.each([
    ['hogsend', { ADMIN_API_KEY: 'hsk_standalone-test-legacy-key-000000' }, '/v1/admin/contacts', 'hsk_standalone-test-legacy-key-000000'],
    ['tokenhub', { TOKENHUB_ADMIN_TOKEN: 'standalone-admin' }, '/admin/v1/keys', 'standalone-admin'],
    ['hiveforge', { HIVEFORGE_JWT_SECRET: 'standalone-secret' }, '/api/v1/api-keys', null],
  ] as const)('%s answers on its port and stops on SIGTERM', async (system, env, path, token) => {
    const peer = await runMain(system, env);
    const bearer = token ?? /owner JWT: (\S+)/.exec(peer.stdout())?.[1] ?? '';
    expect((await fetch(`${peer.url}/health`)).status).toBe(200);
    expect((await fetch(`${peer.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(200);
    const started = Date.now();
    expect(await peer.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 120_000);
});
