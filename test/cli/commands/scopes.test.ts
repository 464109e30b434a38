/** `keyhive scopes expand|check` as a user runs them: the real CLI, no workspace, no server. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Each run starts the real CLI (tsx): allow for a loaded machine.
const SLOW = 180_000;

const KEYHIVE = fileURLToPath(new URL('../../../electron/cli/keyhive.mjs', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [KEYHIVE, 'scopes', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('keyhive scopes (no server)', () => {
  it('expand prints the expanded set, and a sorted JSON array with --json', () => {
    const text = run('expand', '--system', 'hogsend', 'full-admin');
    expect(text.status).toBe(0);
    expect(text.stdout.trim().split('\n')).toEqual(['read', 'journey-admin', 'full-admin']);
    const json = run('expand', '--system', 'hiveforge', 'chat', 'audit', '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(['audit', 'audit:read', 'chat', 'chat:read', 'chat:write']);
    expect(JSON.parse(run('expand', '--system', 'tokenhub', '--json').stdout)).toEqual(['chat', 'plan']);
  }, SLOW);
  it('check exits 0 when covered, 1 naming the missing scope', () => {
    const ok = run('check', '--system', 'hiveforge', '--scopes', 'write', '--endpoint', 'POST /api/v1/deployments');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^covered:/);
    const no = run('check', '--system', 'hogsend', '--scopes', 'journey-admin', '--endpoint', 'POST /v1/admin/contacts/import');
    expect(no.status).toBe(1);
    expect(no.stdout).toContain('missing scope full-admin');
    const json = run('check', '--system', 'tokenhub', '--scopes', 'chat', '--endpoint', 'POST /v1/plan', '--json');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ covered: false, missing: 'plan' });
  }, SLOW);
  it('an empty --scopes "" means no scopes: all endpoints on TokenHub, nothing elsewhere', () => {
    expect(run('check', '--system', 'tokenhub', '--scopes', '', '--endpoint', 'POST /v1/chat').status).toBe(0);
    const none = run('check', '--system', 'hiveforge', '--scopes', '', '--endpoint', 'GET /api/v1/organizations');
    expect(none.status).toBe(1);
    expect(none.stdout).toContain('missing scope read');
  }, SLOW);
  it('unknown system, scope or endpoint → exit 2 with the fix', () => {
    const sys = run('check', '--system', 'github', '--scopes', 'read', '--endpoint', 'GET /x');
    expect(sys.status).toBe(2);
    expect(sys.stderr).toContain('fix: use one of: hogsend, tokenhub, hiveforge');
    const scope = run('expand', '--system', 'tokenhub', 'admin');
    expect(scope.status).toBe(2);
    expect(scope.stderr).toContain('unknown tokenhub scope: admin');
    const endpoint = run('check', '--system', 'tokenhub', '--scopes', 'chat', '--endpoint', 'GET /v1/models');
    expect(endpoint.status).toBe(2);
    expect(endpoint.stderr).toContain('fix: use one of: POST /v1/chat, POST /v1/plan');
    expect(run('check', '--system', 'tokenhub', '--scopes', 'chat').status).toBe(2);
  }, SLOW);
  it('every subcommand has --help', () => {
    for (const sub of [[], ['expand'], ['check'], ['show']]) {
      const h = run(...sub, '--help');
      expect(h.status).toBe(0);
      expect(h.stdout).toContain('Usage: keyhive scopes');
    }
  }, SLOW);
});
