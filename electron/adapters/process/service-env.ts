/**
 * The environment a native service is started with: the parent's environment minus
 * Keyhive's own variables, then its .env files in precedence order (later wins, read with the
 * env engine exactly as dotenv reads them), then the workspace's non-secret `native.env`.
 */
import { readFile } from 'node:fs/promises';
import { KeyhiveError } from '../../../shared/errors.js';
import { parseEnv } from '../../core/env/index.js';
import type { ResolvedService } from '../../core/services/runtime.js';

export function withoutKeyhiveVars(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !k.startsWith('KEYHIVE_')) out[k] = v;
  return out;
}

/** Values of the service's env files merged in precedence order; a missing file is skipped. */
export async function envFileValues(svc: ResolvedService): Promise<Record<string, string>> {
  const merged: Record<string, string> = {};
  for (const file of svc.envFiles) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new KeyhiveError('FILE_PERMISSION', `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}) to start service "${svc.name}"`, {
        file,
        fix: 'Make the file readable by your user.',
        cause: e,
      });
    }
    Object.assign(merged, parseEnv(bytes).values);
  }
  return merged;
}

export async function nativeServiceEnv(svc: ResolvedService, parent: NodeJS.ProcessEnv = process.env): Promise<Record<string, string>> {
  return { ...withoutKeyhiveVars(parent), ...(await envFileValues(svc)), ...(svc.config.native?.env ?? {}) };
}
