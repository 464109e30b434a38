/**
 * Gathers what the 401 doctor reasons about (electron/core/doctor): the drift engine's view of
 * the secret, the callers' URL variables, whether the services run, the callers' recent logs
 * and the probes. Any part that cannot be read is reported as unknown, never guessed.
 */
import type { RunMode } from '../../../shared/domain.js';
import { KeyhiveError, isKeyhiveError } from '../../../shared/errors.js';
import { environmentOverride, parseComposeFile } from '../../core/compose/index.js';
import type { CallerUrlFact } from '../../core/doctor/facts.js';
import type { ResolvedService } from '../../core/services/runtime.js';
import type { DoctorFacts, LogFact, ServiceFact } from '../../core/doctor/facts.js';
import { planProbes } from '../../core/probes/probe-plan.js';
import { affectedServices, probeContextOf, runModeOf, type OperationPorts } from '../sync/apply-change.js';
import { readBindingValue } from '../keys/probe-keys.js';
import { runProbes } from '../services/probe.js';
import { secretConfig } from '../../core/workspace/workspace.js';
import { readTextOrNull } from '../../adapters/fs/file-facts.js';

const LOG_LINES = 200;

/**
 * The URL a caller really uses: in Docker mode the running container's env (the truth), else a
 * literal in the compose file's `environment:` (it beats env_file), else the env files.
 */
async function callerUrl(ports: OperationPorts, svc: ResolvedService, urlVar: string, runMode: RunMode): Promise<Omit<CallerUrlFact, 'service' | 'urlVar'>> {
  if (runMode === 'docker' && svc.config.docker && svc.composeFile) {
    const running = await ports.controller?.runningEnv(svc, 'docker').catch(() => null);
    if (running && urlVar in running) return { value: running[urlVar] ?? null, file: `the running ${svc.config.docker.service} container` };
    try {
      const model = parseComposeFile((await readTextOrNull(svc.composeFile)) ?? '', svc.composeFile);
      const service = model.services[svc.config.docker.service];
      const ov = service ? environmentOverride(service, urlVar) : undefined;
      if (ov?.kind === 'literal') return { value: ov.value, file: svc.composeFile };
    } catch {
      // an unreadable compose file is reported by status; fall back to the env files
    }
  }
  const v = await readBindingValue(svc, urlVar);
  return { value: v?.value ?? null, ...(v ? { file: v.file, line: v.line } : {}) };
}

export async function gatherFacts(ports: OperationPorts, secret: string): Promise<DoctorFacts> {
  const ws = ports.workspace;
  const cfg = secretConfig(ws, secret);
  if (!ports.status) throw new KeyhiveError('INTERNAL', 'the doctor needs the workspace status', { fix: 'This is a bug in Keyhive; please report it.' });
  const runMode = runModeOf(ports);
  const status = (await ports.status()).secrets.find((s) => s.name === secret);
  if (!status) throw new KeyhiveError('INTERNAL', `the status has no entry for ${secret}`, { fix: 'This is a bug in Keyhive; please report it.' });

  const plan = planProbes(ws.config, secret, runMode);
  const serverName = plan.ok ? plan.target.service : (cfg.bindings.find((b) => b.role === 'server')?.service ?? null);
  const serverSvc = serverName ? ws.config.services[serverName] : undefined;
  const server = serverName && serverSvc ? { service: serverName, urls: { ...serverSvc.urls } } : null;

  const callers: CallerUrlFact[] = [];
  for (const b of cfg.bindings.filter((x) => x.role === 'client' && x.urlVar)) {
    const svc = ws.services.get(b.service);
    if (svc) callers.push({ service: b.service, urlVar: b.urlVar!, ...(await callerUrl(ports, svc, b.urlVar!, runMode)) });
  }

  const { services } = affectedServices(ws, secret, runMode);
  const serviceFacts: ServiceFact[] = [];
  const logs: LogFact[] = [];
  const controller = ports.controller;
  if (controller) {
    await Promise.all(
      services.map(async (svc) => {
        try {
          const st = await controller.status(svc, runMode);
          serviceFacts.push({ name: svc.name, running: st.running, healthy: st.healthy, detail: st.detail });
        } catch (e) {
          serviceFacts.push({ name: svc.name, running: null, healthy: null, detail: isKeyhiveError(e) ? e.message : String(e) });
        }
      }),
    );
    const clientServices = new Set(cfg.bindings.filter((b) => b.role === 'client').map((b) => b.service));
    await Promise.all(
      services
        .filter((s) => clientServices.has(s.name))
        .map(async (svc) => {
          try {
            logs.push({ service: svc.name, lines: await controller.logs(svc, runMode, LOG_LINES) });
          } catch {
            // no logs (not running, engine down): the other checks say why
          }
        }),
    );
  }
  serviceFacts.sort((a, b) => a.name.localeCompare(b.name));

  let probes: DoctorFacts['probes'] = null;
  let probeError: string | undefined;
  if (!plan.ok) probeError = `${plan.reason} — ${plan.fix}`;
  else {
    try {
      probes = await runProbes(probeContextOf(ports), secret);
    } catch (e) {
      probeError = isKeyhiveError(e) ? `${e.message}${e.fix ? ` — ${e.fix}` : ''}` : String(e);
    }
  }
  return { secret: status, runMode, server, callers, services: serviceFacts, logs, probes, ...(probeError ? { probeError } : {}) };
}
