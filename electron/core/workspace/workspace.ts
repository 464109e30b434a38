/**
 * A loaded workspace: the validated `keyhive.yaml` plus every service with its paths resolved
 * to absolute ones. Produced by electron/adapters/workspace/load-workspace.ts.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import type { SecretConfig, ServiceConfig, WorkspaceConfig } from './schema.js';

export interface ResolvedService {
  name: string;
  /** Absolute service directory. */
  dir: string;
  /** Absolute .env files in precedence order (later wins). */
  envFiles: string[];
  config: ServiceConfig;
  /** Absolute compose file, when the service runs under Docker Compose. */
  composeFile?: string;
}

export interface Workspace {
  /** Absolute path of keyhive.yaml. */
  file: string;
  /** Its directory. */
  root: string;
  config: WorkspaceConfig;
  services: Map<string, ResolvedService>;
}

export const WORKSPACE_FILE_NAME = 'keyhive.yaml';

/** A secret's configuration; NOT_FOUND naming the workspace and the secrets it has otherwise. The one place that says so. */
export function secretConfig(workspace: Workspace, secret: string): SecretConfig {
  const config = workspace.config.secrets[secret];
  if (!config) {
    const known = Object.keys(workspace.config.secrets);
    throw new KeyhiveError('NOT_FOUND', `No secret named "${secret}" in ${workspace.file}.`, {
      file: workspace.file,
      fix: known.length > 0 ? `Use one of: ${known.join(', ')}.` : 'Declare it under secrets: in keyhive.yaml.',
    });
  }
  return config;
}

/** A service of the workspace; NOT_FOUND naming the services it has otherwise. */
export function serviceOf(workspace: Workspace, name: string): ResolvedService {
  const s = workspace.services.get(name);
  if (!s) throw new KeyhiveError('NOT_FOUND', `No service named "${name}" in ${workspace.file}.`, { file: workspace.file, fix: `Use one of: ${[...workspace.services.keys()].join(', ')}.` });
  return s;
}
