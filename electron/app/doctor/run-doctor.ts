/**
 * The 401 doctor use case: gather the facts for a secret (or every secret), walk the runbook
 * (electron/core/doctor), and — with --fix / the fix button — apply the SAFE fixes: sync from
 * the keychain, recreate every affected service in one step, then probe again and report what
 * is left. Never writes a value that is not already the keychain's.
 */
import type { DoctorFinding } from '../../../shared/domain.js';
import { diagnoseSecret } from './diagnose-secret.js';
import { fixCallerUrls } from './fix-caller-url.js';
import { newOperationId } from '../operation-id.js';
import { restartForeignProcess } from './stale-process.js';
import { affectedServices, clockOf, makeLive, progressEmitter, runModeOf, type OperationPorts, type ProgressListener } from '../sync/apply-change.js';
import { secretConfig } from '../../core/workspace/workspace.js';

export type FixAction = NonNullable<DoctorFinding['fixAction']>;

export interface DoctorOptions {
  /** The clock for expiry and cache windows (default: the system clock). */
  now?: () => number;
}

export async function runDoctor(ports: OperationPorts, secret?: string, opts: DoctorOptions = {}): Promise<DoctorFinding[]> {
  const names = secret ? [secret] : Object.keys(ports.workspace.config.secrets);
  const out: DoctorFinding[] = [];
  for (const name of names) out.push(...(await diagnoseSecret(ports, name, opts)));
  return out;
}

export interface FixOutcome {
  /** What was done, one plain sentence per action. */
  applied: string[];
  /** The findings after the fixes (probes run again). */
  findings: DoctorFinding[];
}

/**
 * Applies the safe fixes the findings offer (or just `only`): sync from the keychain first, then
 * ONE recreate/restart of every service holding the secret, then a fresh diagnosis.
 */
export function fixDoctor(ports: OperationPorts, secret: string, opts: FixOptions = {}): Promise<FixOutcome> {
  // Every fix is a change of the workspace: it holds the one lock, like sync and rotate.
  return ports.lock.run({ operation: 'doctor-fix', operationId: newOperationId('doctor-fix', clockOf(ports)) }, () => fixLocked(ports, secret, opts));
}

interface FixOptions {
  findings?: DoctorFinding[];
  only?: FixAction;
  onProgress?: ProgressListener;
  now?: () => number;
}

async function fixLocked(ports: OperationPorts, secret: string, opts: FixOptions): Promise<FixOutcome> {
  secretConfig(ports.workspace, secret); // NOT_FOUND with the known names
  const findings = opts.findings ?? (await runDoctor(ports, secret, opts));
  const offered = new Set(findings.filter((f) => f.secret === secret && f.severity !== 'ok' && f.fixAction).map((f) => f.fixAction!));
  const wanted = opts.only ? new Set<FixAction>([opts.only]) : offered;
  const pr = progressEmitter('sync', secret, opts.onProgress, clockOf(ports));
  const applied: string[] = [];
  let filesChanged = false;

  if (wanted.has('sync-from-keychain')) {
    pr.emit('write', 'Write the keychain value to every side', 'running');
    const r = await ports.sync(secret, 'keychain');
    filesChanged = r.files.length > 0;
    const msg = r.files.length ? `synced ${secret} from the keychain (${r.fingerprintAfter ?? 'no value'}) into ${r.files.length} file(s)` : `every file already held the keychain's value of ${secret}`;
    applied.push(msg);
    pr.emit('write', 'Write the keychain value to every side', 'done', msg);
  }
  if (wanted.has('fix-caller-url')) {
    pr.emit('write', 'Point the callers at the right URL for the run mode', 'running');
    const { rewrites: done, activityId } = await fixCallerUrls(ports, secret);
    filesChanged ||= done.length > 0;
    const undo = activityId ? ` (undo: keyhive undo ${activityId})` : '';
    const msg = done.length ? done.map((d) => `set ${d.service} ${d.urlVar}=${shownUrl(d.to)} (was ${d.from === null ? 'unset' : shownUrl(d.from)}) in ${d.file}`).join('; ') + undo : 'every caller URL already fits the run mode';
    applied.push(msg);
    pr.emit('write', 'Point the callers at the right URL for the run mode', 'done', msg);
  }
  if (wanted.has('restart-stale-process')) {
    const stale = findings.filter((f) => f.secret === secret && f.fixAction === 'restart-stale-process' && f.severity !== 'ok');
    for (const f of stale) {
      const service = f.id.replace(/^stale-process:/, '');
      pr.emit('restart', `Restart ${service} (started by hand)`, 'running');
      const msg = await restartForeignProcess(ports, service);
      applied.push(msg);
      pr.emit('restart', `Restart ${service} (started by hand)`, 'done', msg);
    }
  }
  const restart = filesChanged || wanted.has('recreate-services') || wanted.has('restart-services') || (wanted.has('sync-from-keychain') && offered.has('recreate-services'));
  if (restart) {
    const { services } = affectedServices(ports.workspace, secret, runModeOf(ports));
    pr.emit('restart', 'Recreate the services in one step', 'running');
    const msg = await makeLive(ports, services, (d) => pr.emit('restart', 'Recreate the services in one step', 'running', d));
    applied.push(msg);
    pr.emit('restart', 'Recreate the services in one step', 'done', msg);
  }
  pr.emit('probe', 'Check again (probes included)', 'running');
  const after = await runDoctor(ports, secret, opts);
  applied.push(`checked again: ${after.filter((f) => f.severity === 'error').length} error(s) left`);
  pr.emit('probe', 'Check again (probes included)', 'done');
  return { applied, findings: after };
}

/** A URL as shown: any user:password in it is hidden (a URL variable may carry credentials). */
export const shownUrl = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1…@');

const MARK: Record<DoctorFinding['severity'], string> = { ok: 'ok  ', info: 'info', warning: 'warn', error: 'FAIL' };

/** Human lines for the CLI: one per finding, then why/fix indented. Never a value. */
export function formatFinding(f: DoctorFinding): string {
  const lines = [`${MARK[f.severity]} ${f.secret}: ${f.title} — ${f.what}`];
  if (f.severity !== 'ok' && f.why) lines.push(`     why: ${f.why}`);
  if (f.severity !== 'ok' && f.fix) lines.push(`     fix: ${f.fix}${f.fixAction ? ' [--fix]' : ''}`);
  return lines.join('\n');
}
