import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envFileValues, nativeServiceEnv, withoutKeyhiveVars } from '../../../electron/adapters/process/service-env.js';
import { ServiceSchema } from '../../../electron/core/workspace/schema.js';

function service(files: Record<string, string>, nativeEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kh-svcenv-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const envFiles = ['.env', '.env.local'];
  return { name: 'svc', dir, envFiles: envFiles.map((f) => join(dir, f)), config: ServiceSchema.parse({ dir: '.', envFiles, native: { command: 'true', env: nativeEnv } }) };
}

describe('native service env', () => {
  it('drops only Keyhive variables from the parent env', () => {
    expect(withoutKeyhiveVars({ PATH: '/bin', KEYHIVE_DATA_DIR: '/d', KEYHIVEX: '1' })).toEqual({ PATH: '/bin', KEYHIVEX: '1' });
  });

  it('merges env files in precedence order, as dotenv reads them, skipping a missing file', async () => {
    const svc = service({ '.env': 'A=1\nB="quoted # not a comment"\nC=base\n', '.env.local': 'C=local\n' });
    expect(await envFileValues(svc)).toEqual({ A: '1', B: 'quoted # not a comment', C: 'local' });
    expect(await envFileValues(service({ '.env': 'ONLY=1\n' }))).toEqual({ ONLY: '1' });
  });

  it('layers parent < env files < native.env', async () => {
    const svc = service({ '.env': 'API_KEY=from-file\nPORT=8080\n' }, { PORT: '8090' });
    const env = await nativeServiceEnv(svc, { PATH: '/bin', API_KEY: 'from-parent', KEYHIVE_X: 'y' });
    expect(env).toEqual({ PATH: '/bin', API_KEY: 'from-file', PORT: '8090' });
  });
});
