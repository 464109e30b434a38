/**
 * What `keyhive init` found in a project folder: Compose services, .env files and, per
 * variable, only a fingerprint of its value (under a key that lives for this one scan) and the
 * key format the value looks like. Never a value. Paths are relative to the scanned folder,
 * with "/" separators ("" is the folder itself).
 */
export interface ScannedVar {
  name: string;
  /** HMAC fingerprint under a per-scan key (null for an empty value): equal values, equal prints. */
  fingerprint: string | null;
  /** A built-in format the value satisfies (tokenhub, hogsend, hiveforge-live, hiveforge-test), if any. */
  format: string | null;
}

export interface ScannedEnvFile {
  /** e.g. `hivecfm-core/.env.local` */
  path: string;
  /** e.g. `hivecfm-core` */
  dir: string;
  /** e.g. `.env.local` */
  name: string;
  vars: ScannedVar[];
}

export interface ScannedPort {
  hostPort?: number;
  containerPort: number;
}

export interface ScannedComposeService {
  /** The `services:` key. */
  name: string;
  /** The base compose file defining it, e.g. `hivecfm-hub/compose.yaml`. */
  composeFile: string;
  /** Override files in the same folder that also mention it. */
  overrides: string[];
  /** Top-level `name:` of the compose file, when set. */
  project?: string;
  /** env_file entries that exist, relative, in Compose order. */
  envFiles: string[];
  /** Names set under `environment:` (values are never kept). */
  environment: string[];
  ports: ScannedPort[];
  /** build.context, relative, when set. */
  buildContext?: string;
}

export interface ProjectScan {
  /** Absolute path of the scanned folder. */
  root: string;
  /** Every folder walked (relative), for presets that look for conventional names. */
  dirs: string[];
  composeFiles: string[];
  envFiles: ScannedEnvFile[];
  /** `.env.example` and similar: listed, never bound. */
  templates: string[];
  composeServices: ScannedComposeService[];
  /** Files that could not be read or parsed, in plain words. */
  skipped: string[];
}

/** Base names of Compose files, in the order Compose itself prefers them. */
export const COMPOSE_BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
/** `compose.override.yaml`, `docker-compose.prod.yml`, ... */
export const COMPOSE_OVERRIDE = /^(docker-)?compose\.[A-Za-z0-9_.-]+\.ya?ml$/;
/** `.env`, `.env.local`, `.env.development`, ... */
export const ENV_FILE = /^\.env(\.[A-Za-z0-9_-]+)*$/;
/** Env files that are templates, not configuration: never bound. */
export const ENV_TEMPLATE = /^\.env(\..*)?\.(example|sample|template|dist|defaults?|tmpl|tpl)$|^\.env\.(example|sample|template|dist|defaults?)$/;

/** Env files of a folder in precedence order: `.env`, then `.env.<mode>` files, `.env.local` last. */
export function orderEnvFiles(names: string[]): string[] {
  const rank = (n: string): number => (n === '.env' ? 0 : n === '.env.local' ? 3 : n.endsWith('.local') ? 2 : 1);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function joinRel(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

export function baseOf(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

/** `a/b` relative to `from` (both relative to the root), e.g. from `api` to `compose.yaml` → `../compose.yaml`. */
export function relativeTo(from: string, to: string): string {
  const f = from === '' ? [] : from.split('/');
  const t = to === '' ? [] : to.split('/');
  let i = 0;
  while (i < f.length && i < t.length && f[i] === t[i]) i++;
  const up = f.slice(i).map(() => '..');
  const rest = t.slice(i);
  const out = [...up, ...rest].join('/');
  return out === '' ? '.' : out;
}
