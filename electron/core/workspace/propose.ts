/**
 * The workspace `keyhive init` proposes when no preset is given: services from the Compose
 * files and .env files it found, secrets from variables that look shared. Pure.
 */
import type { ServiceInput, SecretInput, WorkspaceDraft } from './draft.js';
import type { PresetContext } from './presets/index.js';
import type { ProjectScan } from './project-scan.js';
import { proposeSecrets } from './propose-secrets.js';
import { proposeServices } from './propose-services.js';

export function proposeWorkspace(scan: ProjectScan, ctx: PresetContext): WorkspaceDraft {
  const services = proposeServices(scan, ctx.name);
  const secrets = proposeSecrets(scan, services);
  const comments: Record<string, string> = {};
  const svcInputs: Record<string, ServiceInput> = {};
  for (const s of services) {
    svcInputs[s.name] = s.input;
    comments[`services.${s.name}`] = s.comment;
  }
  const secretInputs: Record<string, SecretInput> = {};
  for (const s of secrets) {
    secretInputs[s.name] = s.input;
    comments[`secrets.${s.name}`] = s.comment;
  }
  const warnings = secrets.flatMap((s) => s.warnings);
  if (services.length === 0) warnings.push(`no Compose services with env_file and no .env files found under ${scan.root}: add services: by hand.`);
  else if (secrets.length === 0) warnings.push('no shared secrets found (no value or key name shared between services): add secrets: by hand.');
  for (const s of scan.skipped) warnings.push(`skipped ${s}`);
  return {
    source: 'from the files it found',
    input: {
      version: 1,
      name: ctx.name,
      id: ctx.id,
      runMode: services.some((s) => s.input.docker) ? 'docker' : 'native',
      services: svcInputs,
      secrets: secretInputs,
    },
    comments,
    warnings,
  };
}
