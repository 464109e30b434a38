/**
 * A loaded workspace: the validated `keyhive.yaml` plus every service with its paths resolved
 * to absolute ones. Produced by electron/adapters/workspace/load-workspace.ts.
 */
import type { ServiceConfig, WorkspaceConfig } from './schema.js';

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
