import { describe, expect, it } from 'vitest';
import { parseWorkspace, parseWorkspaceWithWarnings } from '../../../electron/core/workspace/parse.js';
import { WorkspaceInvalidError } from '../../../electron/core/workspace/problem.js';

const GOOD = `# a HiveCFM workspace
name: HiveCFM
id: ws-hivecfm-1
services:
  hivecfm-hub:
    dir: hivecfm-hub
    docker: { composeFile: compose.yaml, service: hivecfm-hub-api }
    urls: { docker: "http://hivecfm-hub-api:8080", native: "http://localhost:8090" }
    health: /health
  hivecfm-core:
    dir: hivecfm-core
    envFiles: [.env, .env.local]
    docker: { composeFile: compose.yaml, service: hivecfm-core }
secrets:
  hub-api-key:
    format: hivecfm-hub
    bindings:
      - { service: hivecfm-hub, var: API_KEY, role: server }
      - { service: hivecfm-core, var: HIVECFM_HUB_API_KEY, role: client, urlVar: HIVECFM_HUB_URL }
    probes: { smoke: "GET /v1/webhooks" }
`;

function problemsOf(text: string): WorkspaceInvalidError {
  try {
    parseWorkspace(text, '/ws/keyhive.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(WorkspaceInvalidError);
    expect((e as WorkspaceInvalidError).code).toBe('WORKSPACE_INVALID');
    expect((e as WorkspaceInvalidError).file).toBe('/ws/keyhive.yaml');
    return e as WorkspaceInvalidError;
  }
  throw new Error('expected the workspace to be invalid');
}

describe('parseWorkspace', () => {
  it('parses a valid workspace and applies the schema defaults', () => {
    const c = parseWorkspace(GOOD, '/ws/keyhive.yaml');
    expect(c.version).toBe(1);
    expect(c.runMode).toBe('docker');
    expect(c.services['hivecfm-hub']?.envFiles).toEqual(['.env']);
    expect(c.services['hivecfm-core']?.envFiles).toEqual(['.env', '.env.local']);
    expect(c.secrets['hub-api-key']?.probes?.header).toEqual({ name: 'Authorization', scheme: 'Bearer' });
  });

  it('supports anchors and merge keys for repeated service settings', () => {
    const text = `name: x
id: ws-merge
services:
  hub: &base
    dir: hub
    envFiles: [.env, .env.local]
  core:
    <<: *base
    dir: core
`;
    const c = parseWorkspace(text, '/ws/keyhive.yaml');
    expect(c.services.core).toMatchObject({ dir: 'core', envFiles: ['.env', '.env.local'] });
  });

  it('keeps YAML syntax errors with their line', () => {
    const e = problemsOf('name: x\nid: abc\nservices:\n  a:\n    dir: "unterminated\n');
    expect(e.problems[0]?.message).toMatch(/YAML syntax error/);
    expect(e.line).toBeGreaterThanOrEqual(5);
  });

  it('reports duplicate keys as syntax problems', () => {
    const e = problemsOf('name: x\nname: y\nid: abc\nservices: {}\n');
    expect(e.problems[0]).toMatchObject({ line: 2, fix: expect.stringContaining('repeated key') });
  });

  it('an empty file is a clear problem', () => {
    expect(problemsOf('').problems[0]?.fix).toContain('keyhive init');
    expect(problemsOf('- a\n- b\n').problems[0]?.message).toContain('not a map');
  });

  it('schema problems name the path, the line and the fix', () => {
    const text = GOOD.replace('role: server', 'role: boss').replace('dir: hivecfm-core', 'dir: hivecfm-core\n    colour: blue');
    const e = problemsOf(text);
    const role = e.problems.find((p) => p.path.join('.') === 'secrets.hub-api-key.bindings.0.role');
    expect(role).toMatchObject({ line: 19, fix: expect.stringContaining('"server"') });
    const colour = e.problems.find((p) => p.message.includes('colour'));
    expect(colour).toMatchObject({ line: 12, fix: expect.stringContaining('"colour"') });
    expect(e.message).toContain('secrets.hub-api-key.bindings[0].role');
    expect(e.describe()).toMatch(/^\/ws\/keyhive\.yaml:\d+: /);
  });

  it('a missing required key points at its parent', () => {
    const e = problemsOf('name: x\nid: abc\nservices:\n  a:\n    envFiles: [.env]\n');
    expect(e.problems[0]).toMatchObject({ path: ['services', 'a', 'dir'], message: 'is required but missing', line: 5 });
    expect(e.fix).toContain('services.a.dir');
  });

  it('bad URLs and endpoints get a fix with an example', () => {
    const e = problemsOf(GOOD.replace('"http://localhost:8090"', 'hub on port 8090').replace('"GET /v1/webhooks"', 'webhooks'));
    expect(e.problems.map((p) => p.fix).join('\n')).toMatch(/http:\/\/localhost:8080/);
    expect(e.problems.map((p) => p.fix).join('\n')).toMatch(/GET \/v1\/webhooks/);
  });

  it('cross-field problems come with the line of the offending value', () => {
    const e = problemsOf(GOOD.replace('service: hivecfm-core, var', 'service: hivecfm-kore, var'));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ path: ['secrets', 'hub-api-key', 'bindings', 1, 'service'], line: 19 });
    expect(e.fix).toContain('hivecfm-hub, hivecfm-core');
  });

  it('returns warnings separately without failing', () => {
    const text = GOOD.replace('format: hivecfm-hub', 'format: hiveforge-live');
    const { warnings } = parseWorkspaceWithWarnings(text, '/ws/keyhive.yaml');
    expect(warnings).toEqual([expect.objectContaining({ path: ['secrets', 'hub-api-key', 'format'], line: 16, severity: 'warning' })]);
  });

  it('never echoes secret-looking values from the file (there are none to echo: values are not in it)', () => {
    const e = problemsOf(GOOD.replace('format: hivecfm-hub', 'format: hivecfm-hub\n    value: hsk_leaked_secret_value_1234567890'));
    expect(e.message).toContain('"value"');
    expect(e.message).not.toContain('hsk_leaked_secret_value');
  });
});
