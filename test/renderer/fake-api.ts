/**
 * An in-memory KeyhiveApi for component tests: holds a WorkspaceStatus and real (fake) values,
 * answers every channel the UI uses like the engine would, records calls, and lets tests push
 * events (`emit`). Responses are validated against the real zod schemas.
 */
import { channels, events } from '../../shared/api.js';
import type { Channel, EventName, EventOf, KeyhiveApi, RequestOf, ResponseOf, Result } from '../../shared/api.js';
import { isKeyhiveError, KeyhiveError, toErrorPayload } from '../../shared/errors.js';
import { assertGeneratedRotation } from '../../electron/core/rotation/rotation-kind.js';
import type { ActivityEntry, DoctorFinding, ProbeResult, WorkspaceStatus } from '../../shared/domain.js';
import type { ErrorPayload } from '../../shared/errors.js';
import { fixedClock } from '../../shared/clock.js';
import type { ScanReport } from '../../shared/scan.js';
import { demoStatus, doctorFindings, FIXTURE_NOW, hogsendScopes, leakReport } from './fixtures.js';

type Handler<C extends Channel> = (req: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** A deterministic stand-in for the keyed fingerprint: 8 hex chars of FNV-1a. */
export function fakeFingerprint(value: string): string {
  let h = 0x811c9dc5;
  for (const ch of value) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** One folder of the fake file system `workspace.browse` answers from. */
export interface FakeFolder {
  sub: string[];
  workspace?: boolean;
  compose?: boolean;
  env?: boolean;
}

/** A small home tree: code/hive (hub + core services), code/existing (already a workspace). */
export function demoFolders(): Map<string, FakeFolder> {
  return new Map<string, FakeFolder>([
    ['/', { sub: ['home', 'tmp'] }],
    ['/tmp', { sub: [] }],
    ['/home', { sub: ['dev'] }],
    ['/home/dev', { sub: ['code', 'Documents'] }],
    ['/home/dev/Documents', { sub: [] }],
    ['/home/dev/code', { sub: ['hive', 'existing', 'notes'] }],
    ['/home/dev/code/hive', { sub: ['hivecfm-hub', 'hivecfm-core'] }],
    ['/home/dev/code/hive/hivecfm-hub', { sub: [], compose: true, env: true }],
    ['/home/dev/code/hive/hivecfm-core', { sub: [], env: true }],
    ['/home/dev/code/existing', { sub: [], workspace: true, env: true }],
    ['/home/dev/code/notes', { sub: [] }],
  ]);
}

export class FakeApi implements KeyhiveApi {
  status: WorkspaceStatus | null;
  values = new Map<string, string>([['hivecfm-hub-api-key', 'hub-secret-value-1234567890'], ['hogsend-api-key', 'hsk_live_SECRETVALUE0000']]);
  activity: ActivityEntry[] = [];
  findings: DoctorFinding[] = doctorFindings();
  /** What `scan.run` answers; `scan.fix` removes what it fixes. */
  scanReport: ScanReport = leakReport();
  probes: ProbeResult[] = [];
  calls: Array<{ channel: Channel; request: unknown }> = [];
  failures = new Map<Channel, ErrorPayload>();
  overrides: Partial<{ [C in Channel]: Handler<C> }> = {};
  /** The folders `workspace.browse` lists; `home` is where it starts. */
  folders = demoFolders();
  home = '/home/dev';
  /** What the native picker answers next (`workspace.pickFolder`); null = cancelled. */
  pickAnswers: Array<string | null> = [];
  /** The engine's clock: pinned, like the store's (render-app.tsx). */
  clock = fixedClock(FIXTURE_NOW);
  private listeners = new Map<EventName, Set<(p: unknown) => void>>();
  private seq = 0;

  constructor(status: WorkspaceStatus | null = demoStatus()) {
    this.status = status;
  }

  callsTo(channel: Channel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request);
  }

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    const parsed = events[event].parse(payload);
    for (const l of this.listeners.get(event) ?? []) l(parsed);
  }

  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    this.calls.push({ channel, request });
    const failure = this.failures.get(channel);
    if (failure) return { ok: false, error: failure };
    const req = channels[channel].request.parse(request);
    const override = this.overrides[channel] as Handler<C> | undefined;
    try {
      const value = override ? await override(req as RequestOf<C>) : await this.handle(channel, req);
      return { ok: true, value: channels[channel].response.parse(value) as ResponseOf<C> };
    } catch (e) {
      // The engine's own refusals (KeyhiveError) reach the page exactly as the engine words them.
      if (isKeyhiveError(e)) return { ok: false, error: toErrorPayload(e) };
      return { ok: false, error: { code: 'NOT_FOUND', message: e instanceof Error ? e.message : String(e), fix: 'Check the name.' } };
    }
  }

  private need(): WorkspaceStatus {
    if (!this.status) throw new Error('No workspace is open.');
    return this.status;
  }

  private log(entry: Omit<ActivityEntry, 'id' | 'at' | 'files' | 'undone'> & { files?: string[] }): ActivityEntry {
    const e: ActivityEntry = { id: `act-${++this.seq}`, at: new Date(Date.UTC(2026, 10, 25, 7, this.seq)).toISOString(), files: [], undone: false, ...entry };
    this.activity.unshift(e);
    this.emit('activity', e);
    return e;
  }

  /** Writes `fp` to every binding of `secret` (and the keychain) and marks all in sync. */
  setEverywhere(secret: string, fp: string): void {
    const s = this.need().secrets.find((x) => x.name === secret);
    if (!s) throw new Error(`No secret named ${secret}.`);
    s.keychainFingerprint = fp;
    s.state = 'in-sync';
    s.warnings = [];
    for (const b of s.bindings) Object.assign(b, { fingerprint: fp, state: 'in-sync', line: b.line ?? 1, detail: undefined });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one switch over every channel
  private async handle(channel: Channel, req: any): Promise<unknown> {
    switch (channel) {
      case 'workspace.current':
        return { file: this.status?.workspace.file ?? null };
      case 'status.get':
        return this.need();
      case 'workspace.open':
        if (!String(req.file).endsWith('.yaml')) throw new Error(`${req.file} is not a keyhive.yaml.`);
        this.status = demoStatus();
        return this.status;
      case 'workspace.init':
        this.status = demoStatus();
        return { file: `${req.dir}/keyhive.yaml`, status: this.status };
      case 'workspace.browse': {
        const dir: string = req.dir ?? this.home;
        const node = this.folders.get(dir);
        if (!node) throw new Error(`The folder ${dir} does not exist.`);
        const child = (name: string) => `${dir === '/' ? '' : dir}/${name}`;
        const entries = [...node.sub].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })).map((name) => {
          const f = this.folders.get(child(name));
          return { name, path: child(name), hasWorkspace: !!f?.workspace, hasCompose: !!f?.compose, hasEnv: !!f?.env };
        });
        const parent = dir === '/' ? null : dir.slice(0, dir.lastIndexOf('/')) || '/';
        return { dir, parent, entries, workspaceFile: node.workspace ? `${dir}/keyhive.yaml` : null };
      }
      case 'workspace.pickFolder':
        return { dir: this.pickAnswers.shift() ?? null };
      case 'workspace.setRunMode':
        this.need().workspace.runMode = req.runMode;
        return this.need();
      case 'secret.sync': {
        const s = this.need().secrets.find((x) => x.name === req.secret);
        if (!s) throw new Error(`No secret named ${req.secret}.`);
        const fp = req.from === 'keychain' ? s.keychainFingerprint : s.bindings.find((b) => b.service === req.from.service)?.fingerprint;
        const before = s.bindings.find((b) => b.state !== 'in-sync')?.fingerprint ?? null;
        this.setEverywhere(s.name, fp ?? '00000000');
        const e = this.log({ kind: 'sync', secret: s.name, summary: `Synced ${s.name} from ${req.from === 'keychain' ? 'the keychain' : req.from.service}`, fingerprintBefore: before, fingerprintAfter: fp, undoable: true });
        return { operationId: `op-${this.seq}`, ok: true, summary: e.summary, activityId: e.id, status: this.status };
      }
      case 'secret.import': {
        const s = this.need().secrets.find((x) => x.name === req.secret);
        const from = s?.bindings.find((b) => b.service === req.service);
        if (!s || !from?.fingerprint) throw new Error(`${req.service} holds no value for ${req.secret}.`);
        this.setEverywhere(s.name, from.fingerprint);
        const e = this.log({ kind: 'import', secret: s.name, summary: `Stored ${s.name} in the keychain from ${req.service}`, fingerprintAfter: from.fingerprint, undoable: true });
        return { operationId: `op-${this.seq}`, ok: true, summary: e.summary, activityId: e.id, status: this.status };
      }
      case 'secret.rotate': {
        // What the engine refuses, the fake refuses, with the engine's own check: an issued key
        // is rotated through its issuer (keys.rotate), never by secret.rotate.
        const target = this.need().secrets.find((x) => x.name === req.secret);
        if (!target) throw new KeyhiveError('NOT_FOUND', `No secret named "${req.secret}" in ${this.need().workspace.file}.`, { fix: 'Use a secret of the workspace.' });
        assertGeneratedRotation(req.secret, target.issuer?.name);
        const opId = `op-rot-${++this.seq}`;
        const steps = [['generate', 'Generate a new value'], ['keychain', 'Store it in the keychain'], ['write', 'Write every .env file'], ['restart', 'Recreate services'], ['probe', 'Probe the services']];
        for (const [step, label] of steps)
          for (const state of ['running', 'done'] as const)
            this.emit('progress', { operationId: opId, operation: 'rotate', secret: req.secret, step: step!, label: label!, state, at: this.clock().toISOString() });
        const fp = fakeFingerprint(`${req.secret}-${this.seq}`);
        this.setEverywhere(req.secret, fp);
        const e = this.log({ kind: 'rotate', secret: req.secret, summary: `Rotated ${req.secret}`, fingerprintAfter: fp, undoable: true });
        return { operationId: opId, ok: true, summary: e.summary, activityId: e.id, status: this.status };
      }
      case 'secret.reveal': {
        const v = this.values.get(req.secret);
        if (!v) throw new Error(`No keychain entry for ${req.secret}.`);
        return { value: v, clearAfterSeconds: 20 };
      }
      case 'secret.copy':
        return { copied: true, clearAfterSeconds: 20 };
      case 'activity.list':
        return this.activity.filter((a) => (!req.kind || a.kind === req.kind) && (!req.secret || a.secret === req.secret)).slice(0, req.limit);
      case 'activity.undo': {
        const target = this.activity.find((a) => a.id === req.id);
        if (!target) throw new Error(`No activity entry ${req.id}.`);
        target.undone = true;
        const e = this.log({ kind: 'undo', secret: target.secret, summary: target.summary, undoable: false });
        return { operationId: `op-${this.seq}`, ok: true, summary: e.summary, activityId: e.id, status: this.status };
      }
      case 'probe.run':
        return this.probes.filter((p) => !req.secret || p.secret === req.secret);
      case 'doctor.run':
        return this.findings.filter((f) => !req.secret || f.secret === req.secret);
      case 'doctor.fix':
        this.findings = this.findings.map((f) => (f.secret === req.secret && f.fixAction === req.action ? { ...f, severity: 'ok', fixAction: undefined, what: 'Every side now holds a07be415.' } : f));
        return { applied: `Synced ${req.secret} from the keychain`, findings: this.findings.filter((f) => f.secret === req.secret) };
      case 'scopes.forSecret':
        if (req.secret !== 'hogsend-api-key') throw new Error(`${req.secret} is not an issued key.`);
        return hogsendScopes();
      case 'scopes.check': {
        const need = req.endpoint === 'POST /v1/plan' ? 'plans:write' : req.endpoint.startsWith('POST /v1/messages') ? 'messages:send' : 'contacts:read';
        const covered = req.scopes.includes(need);
        return { endpoint: req.endpoint, covered, missing: covered ? null : need, reason: covered ? `${need} is granted.` : `${req.endpoint} requires ${need}.` };
      }
      case 'scan.run':
        return this.scanReport;
      case 'scan.fix':
        if (req.action === 'gitignore') {
          this.scanReport = { ...this.scanReport, findings: this.scanReport.findings.filter((f) => !(f.kind === 'unignored-env' && f.file === req.file)) };
          return { applied: `Added ${req.file} to .gitignore.`, file: '/home/dev/code/hive/.gitignore' };
        }
        this.scanReport = { ...this.scanReport, envExamples: this.scanReport.envExamples.map((e) => (e.service === req.service ? { ...e, exists: true, missing: [], realValues: [] } : e)) };
        return { applied: `Wrote ${req.service}/.env.example with placeholders.`, file: `/home/dev/code/hive/${req.service}/.env.example` };
      default:
        throw new Error(`The fake API does not answer ${channel}.`);
    }
  }
}
