/**
 * Where a workspace service lives in Compose: its compose file, the project name Compose uses
 * for it, and its `services:` key — checked against the compose file itself (parsed with the
 * core Compose model), so an unknown service is a clear NOT_FOUND before Compose ever runs.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import { parseComposeFile, type ComposeService } from '../../core/compose/index.js';
import type { ResolvedService } from '../../core/services/runtime.js';
import { normalizeProjectName, type ComposeTarget } from './compose-cli.js';

export interface ServiceTarget extends ComposeTarget {
  /** The Compose service name (the `services:` key). */
  service: string;
  compose: ComposeService;
}

export async function resolveComposeTarget(svc: ResolvedService): Promise<ServiceTarget> {
  const docker = svc.config.docker;
  if (!docker || !svc.composeFile) {
    throw new KeyhiveError('BAD_INPUT', `service "${svc.name}" has no docker: section in keyhive.yaml, so Keyhive cannot run it with Docker`, {
      fix: `Add docker: {composeFile, service} to services.${svc.name}, or switch the workspace to runMode: native.`,
    });
  }
  const composeFile = svc.composeFile;
  let text: string;
  try {
    text = await readFile(composeFile, 'utf8');
  } catch (e) {
    const dirMissing = await stat(svc.dir).then((st) => !st.isDirectory(), () => true);
    if (dirMissing) {
      throw new KeyhiveError('NOT_FOUND', `the folder of service "${svc.name}" (${svc.dir}) does not exist, so it has no compose file yet`, {
        file: svc.dir,
        fix: `Clone the service into ${svc.dir}, or fix dir: under services.${svc.name} in keyhive.yaml.`,
        cause: e,
      });
    }
    throw new KeyhiveError('NOT_FOUND', `cannot read the compose file of service "${svc.name}" (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
      file: composeFile,
      fix: `Point services.${svc.name}.docker.composeFile at the service's compose file.`,
      cause: e,
    });
  }
  const parsed = parseComposeFile(text, composeFile);
  const compose = parsed.services[docker.service];
  if (!compose) {
    const known = Object.keys(parsed.services);
    throw new KeyhiveError('NOT_FOUND', `the compose file has no service "${docker.service}" (for workspace service "${svc.name}")`, {
      file: composeFile,
      fix: known.length ? `Set services.${svc.name}.docker.service to one of: ${known.join(', ')}.` : 'Add the service under `services:` in the compose file.',
    });
  }
  const project = normalizeProjectName(docker.project ?? parsed.name ?? basename(dirname(composeFile)));
  if (!project) {
    throw new KeyhiveError('BAD_INPUT', `cannot derive a Compose project name for service "${svc.name}"`, {
      file: composeFile,
      fix: `Set services.${svc.name}.docker.project (lowercase letters, digits, "_" or "-").`,
    });
  }
  return { composeFile, project, service: docker.service, compose };
}

/** Group targets that share a compose file and project, so each group is ONE Compose command. */
export function groupByProject<T extends { target: ServiceTarget }>(items: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = `${item.target.composeFile}\0${item.target.project}`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return [...groups.values()];
}
