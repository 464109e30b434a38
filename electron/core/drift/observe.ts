/**
 * Turn a workspace plus what was read from disk (env files, compose files, keychain, running
 * services) into drift observations, and compute the whole WorkspaceStatus. Pure: every read
 * is a callback the caller (electron/app/status/status.ts) answers from data it already has.
 *
 * Which files a binding reads:
 *   - native mode: the service's `envFiles` from keyhive.yaml, in order (later wins);
 *   - docker mode: the compose service's `env_file:` list when it has one (that is what the
 *     container gets), else the `envFiles`; then Compose `environment:` beats them all.
 */
import type { RunMode, SecretStatus, WorkspaceStatus } from '../../../shared/domain.js';
import type { ComposeService } from '../compose/model.js';
import { environmentOverride } from '../compose/effective.js';
import type { ResolvedService } from '../services/runtime.js';
import type { WorkspaceConfig } from '../workspace/schema.js';
import type { BindingObservation, DriftOptions, FileObservation, SecretObservation } from './model.js';
import { computeSecretStatus } from './secret.js';

export interface WorkspaceView {
  file: string;
  root: string;
  config: WorkspaceConfig;
  services: ReadonlyMap<string, ResolvedService>;
}

export interface ObservedWorld {
  runMode: RunMode;
  /** The winning assignment of `key` in an env file; `exists: false` when the file is absent. */
  lookup(path: string, key: string): FileObservation;
  /** Docker mode: the service's Compose model (undefined when it has none or it cannot be read). */
  compose(service: ResolvedService): { file: string; service: ComposeService } | undefined;
  /** The running service's env: undefined = unknown, null = not running. */
  running(service: ResolvedService): Record<string, string> | null | undefined;
  keychain(secret: string): string | null;
  /** False when the service's folder does not exist (unknown: undefined). */
  serviceDirExists?(service: ResolvedService): boolean | undefined;
}

/** Env files a service reads in a run mode, lowest precedence first. */
export function filesForMode(service: ResolvedService, world: Pick<ObservedWorld, 'compose' | 'runMode'>): string[] {
  if (world.runMode === 'docker') {
    const compose = world.compose(service);
    if (compose && compose.service.envFiles.length > 0) return compose.service.envFiles;
  }
  return service.envFiles;
}

export function observeSecret(view: WorkspaceView, name: string, world: ObservedWorld): SecretObservation {
  const secret = view.config.secrets[name];
  if (!secret) throw new Error(`unknown secret ${name}`);
  const bindings: BindingObservation[] = secret.bindings.map((b) => {
    const service = view.services.get(b.service);
    if (!service) throw new Error(`binding names unknown service ${b.service}`);
    const read = filesForMode(service, world);
    const files = read.map((p) => world.lookup(p, b.var));
    const unreadFiles = service.envFiles.filter((p) => !read.includes(p)).map((p) => world.lookup(p, b.var));
    const obs: BindingObservation = {
      service: b.service,
      var: b.var,
      role: b.role,
      runMode: world.runMode,
      files,
      unreadFiles,
      writeTarget: files.find((f) => f.exists)?.path ?? read[0] ?? service.envFiles[0] ?? service.dir,
    };
    if (world.runMode === 'docker') {
      const compose = world.compose(service);
      const override = compose ? environmentOverride(compose.service, b.var) : undefined;
      if (compose && override) obs.compose = { file: compose.file, override };
    }
    const running = world.running(service);
    if (running !== undefined) obs.running = running;
    if (world.serviceDirExists?.(service) === false) obs.serviceDirMissing = { dir: service.dir };
    return obs;
  });
  const issuerName = secret.issuer;
  const issuer = issuerName && view.config.issuers[issuerName] ? { name: issuerName, system: view.config.issuers[issuerName].system } : null;
  return { name, format: secret.format, keychainValue: world.keychain(name), bindings, issuer };
}

export function computeWorkspaceStatus(view: WorkspaceView, world: ObservedWorld, opts: DriftOptions, now: Date = new Date()): WorkspaceStatus {
  const secrets: SecretStatus[] = Object.keys(view.config.secrets).map((name) => computeSecretStatus(observeSecret(view, name, world), opts));
  return {
    workspace: { id: view.config.id, name: view.config.name, file: view.file, runMode: world.runMode },
    services: [...view.services.values()].map((s) => {
      const baseUrl = s.config.urls[world.runMode];
      return {
        name: s.name,
        dir: s.dir,
        runMode: world.runMode,
        ...(baseUrl ? { baseUrl } : {}),
        ...(s.config.health ? { healthPath: s.config.health } : {}),
      };
    }),
    secrets,
    checkedAt: now.toISOString(),
  };
}

/**
 * The bindings of `secret` whose Compose `environment:` sets a literal other than `value`: in
 * docker mode that literal beats every env file, so the service would not see `value` (after a
 * sync, the user must remove it there). The one home of the rule "Compose environment: wins".
 */
export function overridingLiterals(view: WorkspaceView, secret: string, value: string, world: Pick<ObservedWorld, 'compose' | 'runMode'>): Array<{ service: string; var: string; file: string }> {
  if (world.runMode !== 'docker') return [];
  const config = view.config.secrets[secret];
  if (!config) return [];
  return config.bindings.flatMap((b) => {
    const service = view.services.get(b.service);
    const compose = service ? world.compose(service) : undefined;
    const override = compose ? environmentOverride(compose.service, b.var) : undefined;
    return compose && override?.kind === 'literal' && override.value !== value ? [{ service: b.service, var: b.var, file: compose.file }] : [];
  });
}
