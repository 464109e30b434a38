/**
 * lintEnv: findings about a .env file, each with line, column and a fix. Never shows a value.
 */
import type { EnvDiagnostic } from './types.js';

export function lintEnv(_input: string | Uint8Array, _opts: { secretKeys?: string[] } = {}): EnvDiagnostic[] {
  return [];
}
