/**
 * The environment a Compose service's container gets: its env_file entries in order (a later
 * file wins), then `environment:` (which beats every env_file). Pure: the caller supplies the
 * parsed values of each env file.
 */
import type { ComposeService } from './model.js';
import { interpolatedVariables } from './parse.js';

/** What `environment:` says about one variable. */
export type ComposeOverride =
  /** A literal value written in the compose file (`$$` already unescaped). */
  | { kind: 'literal'; value: string }
  /** A `${VAR}` expression Compose fills from the shell or the project `.env` (not evaluated). */
  | { kind: 'interpolated'; expression: string; variables: string[] }
  /** A bare key: Compose passes the value through from the shell that runs it. */
  | { kind: 'pass-through' };

export function environmentOverride(service: ComposeService, key: string): ComposeOverride | undefined {
  if (!Object.prototype.hasOwnProperty.call(service.environment, key)) return undefined;
  const raw = service.environment[key];
  if (raw === null || raw === undefined) return { kind: 'pass-through' };
  const variables = interpolatedVariables(raw);
  if (variables.length > 0) return { kind: 'interpolated', expression: raw, variables };
  return { kind: 'literal', value: raw.replaceAll('$$', '$') };
}

export type ContainerEnvSource = { kind: 'env-file'; file: string } | { kind: 'compose-environment'; override: ComposeOverride };

export interface ContainerEnvEntry {
  /** The value the container gets; null when Compose takes it from outside (shell / interpolation). */
  value: string | null;
  source: ContainerEnvSource;
}

/**
 * The container's environment as Compose builds it. `envFileValues` maps each env file path to
 * its parsed values (undefined = the file is missing). `shellEnv`, when given, fills bare
 * pass-through keys the way Compose would.
 */
export function effectiveContainerEnv(
  service: ComposeService,
  envFileValues: Record<string, Record<string, string> | undefined>,
  shellEnv?: Record<string, string | undefined>,
): Record<string, ContainerEnvEntry> {
  const env: Record<string, ContainerEnvEntry> = {};
  for (const file of service.envFiles) {
    const values = envFileValues[file];
    if (!values) continue;
    for (const [key, value] of Object.entries(values)) env[key] = { value, source: { kind: 'env-file', file } };
  }
  for (const key of Object.keys(service.environment)) {
    const override = environmentOverride(service, key);
    if (!override) continue;
    let value: string | null = null;
    if (override.kind === 'literal') value = override.value;
    else if (override.kind === 'pass-through') {
      const fromShell = shellEnv?.[key];
      if (fromShell === undefined) {
        // Compose drops a pass-through key the shell does not set.
        if (shellEnv) {
          delete env[key];
          continue;
        }
      } else value = fromShell;
    }
    env[key] = { value, source: { kind: 'compose-environment', override } };
  }
  return env;
}
