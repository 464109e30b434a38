/**
 * Builds ProjectScan values for the pure init tests: a tiny description of folders, env files
 * (variable → a value label; equal labels mean equal values) and compose services.
 */
import type { ProjectScan, ScannedComposeService } from '../../../electron/core/workspace/project-scan.js';

export interface ScanSpec {
  env?: Record<string, Record<string, string | { value: string; format: string }>>;
  compose?: ScannedComposeService[];
  dirs?: string[];
}

export function scanOf(spec: ScanSpec, root = '/project'): ProjectScan {
  const envFiles = Object.entries(spec.env ?? {}).map(([path, vars]) => {
    const i = path.lastIndexOf('/');
    return {
      path,
      dir: i < 0 ? '' : path.slice(0, i),
      name: path.slice(i + 1),
      vars: Object.entries(vars).map(([name, v]) => (typeof v === 'string' ? { name, fingerprint: `fp-${v}`, format: null } : { name, fingerprint: `fp-${v.value}`, format: v.format })),
    };
  });
  const dirs = new Set<string>(['', ...(spec.dirs ?? []), ...envFiles.map((f) => f.dir)]);
  for (const c of spec.compose ?? []) dirs.add(c.composeFile.includes('/') ? c.composeFile.slice(0, c.composeFile.lastIndexOf('/')) : '');
  return {
    root,
    dirs: [...dirs].sort(),
    composeFiles: [...new Set((spec.compose ?? []).map((c) => c.composeFile))],
    envFiles,
    templates: [],
    composeServices: spec.compose ?? [],
    skipped: [],
  };
}

export function composeService(name: string, composeFile: string, extra: Partial<ScannedComposeService> = {}): ScannedComposeService {
  return { name, composeFile, overrides: [], envFiles: [], environment: [], ports: [], ...extra };
}

/** The HiveCFM layout as a scan: hub and core, each with its own compose file. */
export function hivecfmScan(): ProjectScan {
  return scanOf({
    env: {
      'hivecfm-hub/.env': { API_KEY: 'k1', PORT: '8080' },
      'hivecfm-core/.env': { HIVECFM_HUB_API_KEY: 'k1', HIVECFM_HUB_URL: 'docker-url' },
      'hivecfm-core/.env.local': { HIVECFM_HUB_API_KEY: 'k1', HIVECFM_HUB_URL: 'native-url' },
    },
    compose: [
      composeService('hivecfm-hub-api', 'hivecfm-hub/compose.yaml', { envFiles: ['hivecfm-hub/.env'], ports: [{ hostPort: 8090, containerPort: 8080 }], buildContext: 'hivecfm-hub' }),
      composeService('hivecfm-core', 'hivecfm-core/docker-compose.yml', { envFiles: ['hivecfm-core/.env'], environment: ['HIVECFM_HUB_URL'], ports: [{ hostPort: 3000, containerPort: 3000 }], buildContext: 'hivecfm-core' }),
    ],
  });
}
