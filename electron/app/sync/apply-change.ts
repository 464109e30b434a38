/**
 * "Sync and make it live" in one click: write the value everywhere (session.sync), recreate or
 * restart every service that holds the secret in ONE step (ServiceController.applyEnv), then
 * probe. Progress goes step by step to a callback (the UI's Sync button, the CLI). Also the
 * building blocks rotation and the doctor's --fix share: which services a secret touches, and
 * the operation ports (what this needs of a workspace session).
 */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../../shared/clock.js';
import type { ProbeResult, ProgressEvent, RunMode, WorkspaceStatus } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';
import type { ResolvedService, ServiceController } from '../../core/services/runtime.js';
import { secretConfig, type Workspace } from '../../core/workspace/workspace.js';
import type { WorkspaceLocker } from '../../adapters/fs/workspace-lock.js';
import type { JournalRecord } from '../../core/rotation/journal-record.js';
import type { ActivityLog } from '../activity/activity-log.js';
import type { ResumedChange } from './resume-change.js';
import type { SyncSource } from './sync-secret.js';
import type { EditValuesOutcome, EditValuesRequest } from './edit-values.js';
import { runProbes, type ProbeContext } from '../services/probe.js';

/** The sync's source (sync-secret.ts, derived from shared/api.ts). */
export type ChangeSource = SyncSource;

/** What a sync reports (fingerprints and paths only). */
export interface SyncReport {
  activityId: string;
  files: string[];
  fingerprintBefore: string | null;
  fingerprintAfter: string | null;
  /** Things the user should know (e.g. a Compose `environment:` literal still overrides a file). */
  warnings?: string[];
}

/** What the operations need of an open workspace session (electron/app/workspace-session.ts). */
export interface OperationPorts {
  workspace: Workspace;
  store: SecretStore;
  sync(secret: string, from: ChangeSource, opts?: { force?: boolean }): Promise<SyncReport>;
  /** Reverses a sync, import or doctor fix by its activity id (UNDO_REFUSED when a file changed since). */
  undo(activityId: string): Promise<unknown>;
  /** Plain values (a caller's URL) written as one journaled, undoable change. */
  editValues(req: EditValuesRequest): Promise<EditValuesOutcome>;
  /** The one workspace lock every change takes (re-entrant within one call chain). */
  lock: WorkspaceLocker;
  /** Recovery of interrupted syncs, imports and undos (electron/app/sync/resume-change.ts). */
  changes: { resume(record: JournalRecord): Promise<ResumedChange>; sweep(): Promise<number> };
  /** Null when services cannot be controlled here (then nothing is restarted and that is said). */
  controller: ServiceController | null;
  /** Defaults to the workspace's run mode. */
  runMode?: RunMode;
  /** The drift engine's status (the doctor reads fingerprints and states from it). */
  status?: () => Promise<WorkspaceStatus>;
  /** The workspace's activity log (rotations and recoveries are logged there; never a value). */
  activity?: Pick<ActivityLog, 'append'>;
  /** What time it is (progress, activity, journals, locks); the system clock when omitted. */
  clock?: Clock;
  /** Shared probe settings (client, spacer); the workspace and store come from above. */
  probe?: Partial<Omit<ProbeContext, 'workspace' | 'store' | 'controller'>>;
}

export type ProgressListener = (e: ProgressEvent) => void;

export const runModeOf = (p: OperationPorts): RunMode => p.runMode ?? p.workspace.config.runMode;

export const clockOf = (p: Pick<OperationPorts, 'clock'>): Clock => p.clock ?? systemClock;

/** The services holding a secret that Keyhive can restart in this run mode (deduplicated, in binding order). */
export function affectedServices(workspace: Workspace, secret: string, runMode: RunMode): { services: ResolvedService[]; skipped: string[] } {
  const cfg = secretConfig(workspace, secret);
  const services: ResolvedService[] = [];
  const skipped: string[] = [];
  for (const name of new Set(cfg.bindings.map((b) => b.service))) {
    const svc = workspace.services.get(name);
    if (!svc) continue;
    if ((runMode === 'docker' && svc.config.docker) || (runMode === 'native' && svc.config.native)) services.push(svc);
    else skipped.push(name);
  }
  return { services, skipped };
}

export function probeContextOf(p: OperationPorts): ProbeContext {
  return { ...(p.probe ?? {}), workspace: p.workspace, store: p.store, runMode: runModeOf(p), ...(p.controller ? { controller: p.controller } : {}) };
}

/** Emits ProgressEvents for one operation. */
export function progressEmitter(operation: ProgressEvent['operation'], secret: string | undefined, listener: ProgressListener | undefined, clock: Clock, operationId: string = `${operation}-${randomUUID()}`) {
  return {
    operationId,
    emit(step: string, label: string, state: ProgressEvent['state'], detail?: string): void {
      listener?.({ operationId, operation, ...(secret ? { secret } : {}), step, label, state, ...(detail ? { detail } : {}), at: clock().toISOString() });
    },
  };
}

/** Makes the current files live for these services in ONE step; a no-op (with a reason) without a controller. */
export async function makeLive(p: OperationPorts, services: ResolvedService[], progress?: (detail: string) => void): Promise<string> {
  if (services.length === 0) return 'no service to restart in this run mode';
  if (!p.controller) return `services not restarted (no service control here): restart ${services.map((s) => s.name).join(', ')} yourself`;
  await p.controller.applyEnv(services, runModeOf(p), (sp) => progress?.(`${sp.service}: ${sp.step}${sp.detail ? ` (${sp.detail})` : ''}`));
  return `${runModeOf(p) === 'docker' ? 'recreated' : 'restarted'} ${services.map((s) => s.name).join(' and ')} in one step`;
}

export interface ApplyOutcome {
  operationId: string;
  ok: boolean;
  summary: string;
  activityId: string | null;
  files: string[];
  restarted: string[];
  probes: ProbeResult[];
  fingerprintBefore: string | null;
  fingerprintAfter: string | null;
  warnings: string[];
}

export interface ApplyOptions {
  /** Recreate/restart the services that hold the secret, then probe (default true). */
  restart?: boolean;
  probe?: boolean;
  /** Write a value that fails the secret's key format. */
  force?: boolean;
  onProgress?: ProgressListener;
}

/** Probes a secret; [] when keyhive.yaml gives it nothing to probe (no server URL / smoke endpoint). */
export async function probeIfPossible(p: OperationPorts, secret: string): Promise<ProbeResult[]> {
  try {
    return await runProbes(probeContextOf(p), secret);
  } catch (e) {
    if (e instanceof KeyhiveError && e.code === 'BAD_INPUT') return [];
    throw e;
  }
}

/**
 * One-click sync: files (+ keychain) → one restart of every affected service → probes, holding
 * the workspace lock throughout (a rotation or another sync waits for it, and it for them).
 */
export function applyChange(p: OperationPorts, secret: string, from: ChangeSource, opts: ApplyOptions = {}): Promise<ApplyOutcome> {
  return p.lock.run({ operation: 'sync', operationId: `sync-${randomUUID()}` }, () => applyChangeLocked(p, secret, from, opts));
}

async function applyChangeLocked(p: OperationPorts, secret: string, from: ChangeSource, opts: ApplyOptions): Promise<ApplyOutcome> {
  const runMode = runModeOf(p);
  const { services, skipped } = affectedServices(p.workspace, secret, runMode);
  const pr = progressEmitter('sync', secret, opts.onProgress, clockOf(p));
  const step = async <T>(id: string, label: string, fn: () => Promise<T>, done?: (v: T) => string | undefined): Promise<T> => {
    pr.emit(id, label, 'running');
    try {
      const v = await fn();
      pr.emit(id, label, 'done', done?.(v));
      return v;
    } catch (e) {
      pr.emit(id, label, 'failed', e instanceof Error ? e.message : String(e));
      throw e;
    }
  };
  const report = await step('write', 'Write the value to every side', () => p.sync(secret, from, { force: opts.force === true }), (r) => `${r.files.length} file(s) written, fingerprint ${r.fingerprintAfter ?? 'none'}`);
  let restarted: string[] = [];
  let restartNote = 'services not restarted';
  if (opts.restart !== false) {
    restartNote = await step('restart', runMode === 'docker' ? 'Recreate the services in one step' : 'Restart the services in one step', () => makeLive(p, services, (d) => pr.emit('restart', 'Restart', 'running', d)), (n) => n);
    if (p.controller) restarted = services.map((s) => s.name);
  } else pr.emit('restart', 'Restart the services', 'skipped');
  let probes: ProbeResult[] = [];
  if (opts.probe !== false && opts.restart !== false) {
    probes = await step('probe', 'Probe the key', () => probeIfPossible(p, secret), (r) => (r.length ? `${r.filter((x) => x.ok).length}/${r.length} probes passed` : 'nothing to probe (no probe target in keyhive.yaml)'));
  } else pr.emit('probe', 'Probe the key', 'skipped');
  const failed = probes.filter((r) => !r.ok);
  const skippedNote = skipped.length ? ` (${skipped.join(', ')} cannot be restarted in ${runMode} mode)` : '';
  const summary = failed.length
    ? `Synced ${secret}; ${restartNote}; ${failed.length} probe(s) failed: ${failed.map((f) => `${f.kind} — ${f.cause ?? f.status}`).join('; ')}`
    : `Synced ${secret} (${report.fingerprintAfter ?? 'no value'}); ${restartNote}${skippedNote}${probes.length ? '; every probe passed' : ''}`;
  return {
    operationId: pr.operationId,
    ok: failed.length === 0,
    summary,
    activityId: report.activityId,
    files: report.files,
    restarted,
    probes,
    fingerprintBefore: report.fingerprintBefore,
    fingerprintAfter: report.fingerprintAfter,
    warnings: report.warnings ?? [],
  };
}
