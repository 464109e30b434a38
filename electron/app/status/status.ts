/**
 * `status`: read what the drift engine needs from disk (env files, compose files), the keychain
 * and — when a RuntimeEnvReader is given — the running services, then compute WorkspaceStatus.
 * Parsed files are cached by their bytes, so a status after one edit re-parses one file.
 */
import { isDirSync, readSmallFileSync } from '../../adapters/fs/small-file-read.js';
import { readTextOrThrow } from '../../adapters/fs/file-facts.js';
import { relative } from 'node:path';
import { systemClock, type Clock } from '../../../shared/clock.js';
import type { WorkspaceStatus } from '../../../shared/domain.js';
import { parseComposeFile, type ComposeFile } from '../../core/compose/index.js';
import { computeWorkspaceStatus, type FileObservation, type ObservedWorld } from '../../core/drift/index.js';
import { effectiveEntry, parseEnv, type EnvDocument } from '../../core/env/index.js';
import { isDocumentationExample } from '../../core/env/secret-strength.js';
import { keyFormats } from '../../core/keys/index.js';
import type { ResolvedService, RuntimeEnvReader } from '../../core/services/runtime.js';
import type { Workspace } from '../../adapters/workspace/load-workspace.js';
import type { KeychainView } from './status-keychain.js';

export interface StatusReaderDeps {
  keychain: KeychainView;
  runtime?: RuntimeEnvReader;
  /** Stamps `checkedAt`; the system clock when omitted. */
  clock?: Clock;
}

/** Everything read for one status: a world the drift engine can look at, plus read problems. */
export interface StatusSnapshot {
  world: ObservedWorld;
  problems: Map<string, string>;
}

export interface StatusReader {
  status(): Promise<WorkspaceStatus>;
  snapshot(opts?: { runtime?: boolean }): Promise<StatusSnapshot>;
  /** Every file whose change can change the status (env files, compose files and their env_file). */
  watchedFiles(): string[];
  showPath(path: string): string;
}

const MAX_ENV_BYTES = 1024 * 1024;

type EnvRead = { exists: false } | { exists: true; doc: EnvDocument | null; raw: Buffer };

export function createStatusReader(workspace: Workspace, deps: StatusReaderDeps): StatusReader {
  const envCache = new Map<string, { raw: Buffer; doc: EnvDocument }>();
  const composeCache = new Map<string, { text: string; model: ComposeFile }>();
  const showPath = (p: string): string => {
    const rel = relative(workspace.root, p);
    return rel && !rel.startsWith('..') ? rel : p;
  };

  /** Read one env file (synchronously: see small-file-read.ts) and parse it unless its bytes are cached. */
  const readEnv = (path: string, problems: Map<string, string>): EnvRead => {
    const read = readSmallFileSync(path, MAX_ENV_BYTES);
    switch (read.kind) {
      case 'absent':
        return { exists: false };
      case 'bytes': {
        const { raw } = read;
        const hit = envCache.get(path);
        if (hit && hit.raw.equals(raw)) return { exists: true, doc: hit.doc, raw };
        const doc = parseEnv(raw);
        envCache.set(path, { raw, doc });
        return { exists: true, doc, raw };
      }
      case 'unreadable':
        problems.set(path, `${showPath(path)} cannot be read (${read.code}); it was skipped.`);
        return { exists: true, doc: null, raw: Buffer.alloc(0) };
      default:
        problems.set(path, `${showPath(path)} is ${read.kind === 'too-large' ? 'larger than 1 MiB' : 'not a regular file'}; it was skipped.`);
        return { exists: true, doc: null, raw: Buffer.alloc(0) };
    }
  };

  const readCompose = async (svc: ResolvedService, problems: Map<string, string>): Promise<ComposeFile | undefined> => {
    if (!svc.composeFile) return undefined;
    try {
      const text = await readTextOrThrow(svc.composeFile);
      const hit = composeCache.get(svc.composeFile);
      if (hit && hit.text === text) return hit.model;
      const model = parseComposeFile(text, svc.composeFile);
      composeCache.set(svc.composeFile, { text, model });
      return model;
    } catch (e) {
      problems.set(svc.composeFile, `${showPath(svc.composeFile)} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };

  const composeService = (svc: ResolvedService, model: ComposeFile | undefined) => {
    const name = svc.config.docker?.service;
    const service = name && model ? model.services[name] : undefined;
    return service && svc.composeFile ? { file: svc.composeFile, service } : undefined;
  };

  const snapshot = async (opts: { runtime?: boolean } = {}): Promise<StatusSnapshot> => {
    const problems = new Map<string, string>();
    const runMode = workspace.config.runMode;
    const services = [...workspace.services.values()];
    // A service folder that is not there (not cloned yet) is one clear state per binding, not a
    // raw ENOENT for each of its files.
    const missingDirs = new Set<string>();
    // Synchronous, like the env reads below: a stat on this thread beats a thread-pool round trip.
    for (const s of services) if (!isDirSync(s.dir)) missingDirs.add(s.name);
    const composes = new Map<string, ReturnType<typeof composeService>>();
    await Promise.all(services.map(async (s) => composes.set(s.name, composeService(s, missingDirs.has(s.name) ? undefined : await readCompose(s, problems)))));
    for (const s of services) {
      if (s.config.docker && runMode === 'docker' && !missingDirs.has(s.name) && !composes.get(s.name) && s.composeFile && !problems.has(s.composeFile)) {
        problems.set(s.composeFile, `${showPath(s.composeFile)} has no service "${s.config.docker.service}" (services.${s.name}.docker.service in keyhive.yaml).`);
      }
    }
    const paths = new Set<string>();
    for (const s of services) {
      s.envFiles.forEach((p) => paths.add(p));
      composes.get(s.name)?.service.envFiles.forEach((p) => paths.add(p));
    }
    const reads = new Map<string, EnvRead>();
    for (const p of paths) reads.set(p, readEnv(p, problems));
    const secretNames = Object.keys(workspace.config.secrets);
    await deps.keychain.fingerprintKey();
    const keychainValues = await deps.keychain.values(secretNames);
    const running = new Map<string, Record<string, string> | null | undefined>();
    if (deps.runtime && opts.runtime !== false) {
      const runtime = deps.runtime;
      const bound = new Set(Object.values(workspace.config.secrets).flatMap((s) => s.bindings.map((b) => b.service)));
      await Promise.all(
        services
          .filter((s) => bound.has(s.name))
          .map(async (s) => {
            try {
              running.set(s.name, await runtime.runningEnv(s, runMode));
            } catch (e) {
              problems.set(`runtime:${s.name}`, `Cannot read the running env of ${s.name}: ${e instanceof Error ? e.message : String(e)}`);
            }
          }),
      );
    }
    const world: ObservedWorld = {
      runMode,
      lookup(path, key): FileObservation {
        const r = reads.get(path);
        if (!r || !r.exists) return { path, exists: false };
        const entry = r.doc ? effectiveEntry(r.doc, key) : undefined;
        return entry ? { path, exists: true, entry: { value: entry.value, line: entry.line } } : { path, exists: true };
      },
      compose: (s) => composes.get(s.name),
      running: (s) => running.get(s.name),
      keychain: (name) => keychainValues.get(name) ?? null,
      serviceDirExists: (s) => !missingDirs.has(s.name),
    };
    return { world, problems };
  };

  return {
    showPath,
    snapshot,
    async status() {
      const { world, problems } = await snapshot();
      const formats = keyFormats(workspace.config);
      const status = computeWorkspaceStatus(workspace, world, {
        fingerprint: (v) => deps.keychain.fingerprint(v),
        // A value copied from a system's documentation has the right shape but is not a key.
        validate: (format, value) =>
          isDocumentationExample(value) ? { ok: false, reason: "is an example value from the system's documentation, not a real key" } : formats.has(format) ? formats.validate(format, value) : { ok: true },
        showPath,
      }, (deps.clock ?? systemClock)());
      if (problems.size > 0) {
        for (const secret of status.secrets) {
          const services = new Set(secret.bindings.map((b) => b.service));
          for (const [key, message] of problems) {
            const related = [...services].some((name) => {
              const s = workspace.services.get(name);
              return key === `runtime:${name}` || (s && (s.envFiles.includes(key) || s.composeFile === key || world.compose(s)?.service.envFiles.includes(key)));
            });
            if (related) secret.warnings.push(message);
          }
        }
      }
      return status;
    },
    watchedFiles() {
      const files = new Set<string>([workspace.file]);
      for (const s of workspace.services.values()) {
        s.envFiles.forEach((p) => files.add(p));
        if (s.composeFile) {
          files.add(s.composeFile);
          const cached = composeCache.get(s.composeFile)?.model;
          const name = s.config.docker?.service;
          if (cached && name) cached.services[name]?.envFiles.forEach((p) => files.add(p));
        }
      }
      return [...files];
    },
  };
}
