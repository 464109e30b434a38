/**
 * The one-click fix for "wrong URL for the run mode": rewrite each caller's URL variable (a
 * plain URL, not a secret) to the server's URL for the current run mode, in the env file that
 * wins for it — only that value's bytes change, in one journaled change (atomic writes, conflict
 * detection, crash recovery) that `keyhive undo` reverses.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import { checkCallerUrl } from '../../core/doctor/caller-url.js';
import { runModeOf, type OperationPorts } from '../sync/apply-change.js';
import { readBindingValue } from '../keys/probe-keys.js';
import { secretConfig } from '../../core/workspace/workspace.js';

export interface UrlRewrite {
  service: string;
  urlVar: string;
  file: string;
  from: string | null;
  to: string;
}

export interface UrlFix {
  rewrites: UrlRewrite[];
  /** The activity entry `keyhive undo` reverses; null when nothing needed a change. */
  activityId: string | null;
}

export async function fixCallerUrls(ports: OperationPorts, secret: string): Promise<UrlFix> {
  const ws = ports.workspace;
  const cfg = secretConfig(ws, secret);
  const runMode = runModeOf(ports);
  const serverName = cfg.probes?.service ?? cfg.bindings.find((b) => b.role === 'server')?.service ?? (cfg.issuer ? ws.config.issuers[cfg.issuer]?.service : undefined);
  const urls = serverName ? (ws.config.services[serverName]?.urls ?? {}) : {};
  const target = urls[runMode];
  if (!target) throw new KeyhiveError('BAD_INPUT', `the server of ${secret} has no URL for ${runMode} mode`, { file: ws.file, fix: `Add urls.${runMode} to services.${serverName ?? '<server>'} in keyhive.yaml.` });
  const done: UrlRewrite[] = [];
  for (const b of cfg.bindings.filter((x) => x.role === 'client' && x.urlVar)) {
    const svc = ws.services.get(b.service);
    if (!svc) continue;
    const current = await readBindingValue(svc, b.urlVar!);
    const verdict = checkCallerUrl({ runMode, urlVar: b.urlVar!, value: current?.value ?? null, serverUrls: urls });
    if (verdict.severity !== 'error') continue;
    const file = current?.file ?? svc.envFiles[0];
    if (!file) continue;
    done.push({ service: b.service, urlVar: b.urlVar!, file, from: current?.value ?? null, to: target });
  }
  if (done.length === 0) return { rewrites: [], activityId: null };
  const names = done.map((d) => `${d.service} ${d.urlVar}`).join(', ');
  const { activityId } = await ports.editValues({
    secret,
    edits: done.map((d) => ({ service: d.service, file: d.file, var: d.urlVar, value: d.to })),
    summary: `Doctor fix for ${secret}: pointed ${names} at ${serverName ?? 'the server'}'s ${runMode} URL`,
  });
  return { rewrites: done, activityId };
}
