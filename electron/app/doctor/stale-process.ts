/**
 * Native processes Keyhive did NOT start (`pnpm dev`, `make run` in a terminal): find the
 * process serving a service's native port (/proc), compare the fingerprint of the key in its
 * environment with the binding's (stale-process, like stale-container), and — after the user
 * confirms (`--fix` / the button) — stop it and start the service with its configured command.
 * A process Keyhive cannot restart is named with the exact command to run.
 */
import type { BindingStatus, DoctorFinding, SecretStatus } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { isLoopbackAddress, LOOPBACK_NAMES, normalizeHost } from '../../core/probes/target-policy.js';
import type { ResolvedService } from '../../core/workspace/workspace.js';
import { pidsListeningOn, procCmdline, procCwd, shellCommand } from '../../adapters/process/port-owner.js';
import { isAlive, procEnviron, procGroup, procStartedAtMs } from '../../adapters/process/proc-info.js';
import { modifiedAtMsSync } from '../../adapters/fs/file-facts.js';
import type { OperationPorts } from '../sync/apply-change.js';
import { createKeychainView } from '../status/status-keychain.js';

export interface ForeignProcess {
  service: ResolvedService;
  pid: number;
  port: number;
  command: string;
  cwd: string | null;
}

/** The loopback port a service serves natively on, from its `urls.native`. */
export function nativePort(svc: ResolvedService): number | null {
  const url = svc.config.urls.native;
  if (!url) return null;
  try {
    const u = new URL(url);
    const h = normalizeHost(u.hostname);
    if (!(LOOPBACK_NAMES.has(h) || isLoopbackAddress(h) || h === '0.0.0.0')) return null;
    return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  } catch {
    return null;
  }
}

/** The process (not Keyhive's own) serving the service's native port, or null. */
export function foreignProcessOf(svc: ResolvedService): ForeignProcess | null {
  const port = nativePort(svc);
  if (port === null) return null;
  const pid = pidsListeningOn(port).find((p) => p !== process.pid);
  if (pid === undefined) return null;
  const argv = procCmdline(pid);
  return { service: svc, pid, port, command: argv ? shellCommand(argv) : `pid ${pid}`, cwd: procCwd(pid) };
}

export async function staleProcessFindings(ports: OperationPorts, status: SecretStatus): Promise<DoctorFinding[]> {
  const out: DoctorFinding[] = [];
  const view = createKeychainView(ports.store, ports.workspace.config.id);
  await view.fingerprintKey();
  const seen = new Set<string>();
  for (const b of status.bindings) {
    if (seen.has(b.service) || b.state === 'stale-container' || b.fingerprint === null) continue;
    const svc = ports.workspace.services.get(b.service);
    const proc = svc ? foreignProcessOf(svc) : null;
    if (!svc || !proc) continue;
    seen.add(b.service);
    // Keyhive's own native processes are judged by the drift engine (stale-container) already.
    if (await startedByKeyhive(ports, svc, proc.pid)) continue;
    const env = procEnviron(proc.pid);
    if (!env) continue;
    const running = env[b.var];
    // Without the variable in its environment, only a process running in the service's own
    // directory (`pnpm dev` there) may have read the file itself — anything else is not judged.
    if (running === undefined && proc.cwd !== svc.dir) continue;
    const stale = running === undefined ? fileChangedSinceStart(b, proc.pid) : view.fingerprint(running) !== b.fingerprint;
    if (!stale) {
      out.push({ secret: status.name, id: `stale-process:${b.service}`, title: 'Running process holds the file value', severity: 'ok', what: `${b.service} is served by \`${proc.command}\` (pid ${proc.pid}, port ${proc.port}, not started by Keyhive), which holds the files' value of ${b.var}.` });
      continue;
    }
    const holds = running === undefined ? `no ${b.var} in its environment (if it reads ${b.file} itself, it read it before the file last changed)` : `fingerprint ${view.fingerprint(running)} for ${b.var}`;
    const configured = svc.config.native?.command;
    const manual = `stop pid ${proc.pid} and start it again${proc.cwd ? ` in ${proc.cwd}` : ''}: \`${proc.command}\``;
    out.push({
      secret: status.name,
      id: `stale-process:${b.service}`,
      title: 'Running process holds the file value',
      // Without the variable in its environment (it may read .env itself) the file's age is only a hint.
      severity: running === undefined ? 'warning' : 'error',
      cause: 'stale-process',
      what: `${b.service} is served by \`${proc.command}\` (pid ${proc.pid}, port ${proc.port}), started by hand, not by Keyhive. It runs with ${holds}, but its files hold fingerprint ${b.fingerprint}.`,
      why: 'A process reads its environment when it starts: editing .env does not reach a process that is already running ("stop pnpm dev / make run and start them again").',
      fix: configured
        ? `Restart it with its configured command (\`${configured}\` in ${svc.dir}) after you confirm: \`keyhive doctor ${status.name} --fix\` or the button. By hand: ${manual}.`
        : `Keyhive cannot restart it (services.${b.service} has no native: command in keyhive.yaml): ${manual}.`,
      ...(configured ? { fixAction: 'restart-stale-process' as const } : {}),
    });
  }
  return out;
}

function fileChangedSinceStart(b: BindingStatus, pid: number): boolean {
  const started = procStartedAtMs(pid);
  const modified = modifiedAtMsSync(b.file);
  return started !== null && modified !== null && modified > started;
}

async function startedByKeyhive(ports: OperationPorts, svc: ResolvedService, pid: number): Promise<boolean> {
  const st = await ports.controller?.status(svc, 'native').catch(() => null);
  const m = st?.running ? /\(pid (\d+)\)/.exec(st.detail) : null;
  if (!m) return false;
  const leader = Number(m[1]);
  return leader === pid || procGroup(pid) === procGroup(leader);
}

/**
 * Stops a hand-started process that holds an old key and starts the service with its configured
 * command (the user confirmed). Signals the process's group when it is its own job (what Ctrl-C
 * in its terminal does), never Keyhive's own group.
 */
export async function restartForeignProcess(ports: OperationPorts, service: string, opts: { graceMs?: number } = {}): Promise<string> {
  const svc = ports.workspace.services.get(service);
  if (!svc) throw new KeyhiveError('NOT_FOUND', `no service "${service}" in keyhive.yaml`, { fix: 'Use a service listed under `services:`.' });
  const proc = foreignProcessOf(svc);
  if (!svc.config.native?.command || !ports.controller) {
    throw new KeyhiveError('BAD_INPUT', `Keyhive cannot restart ${service}: it has no native: command${ports.controller ? '' : ' (or no service control here)'}`, { fix: proc ? `Stop pid ${proc.pid} and run \`${proc.command}\`${proc.cwd ? ` in ${proc.cwd}` : ''}.` : `Add native: {command: "…"} to services.${service}.` });
  }
  if (proc) {
    const pgid = procGroup(proc.pid);
    const own = procGroup(process.pid);
    const target = pgid !== null && pgid === proc.pid && pgid !== own ? -pgid : proc.pid;
    const kill = (sig: NodeJS.Signals): void => {
      try {
        process.kill(target, sig);
      } catch {
        /* gone */
      }
    };
    kill('SIGTERM');
    const deadline = Date.now() + (opts.graceMs ?? 5000);
    while (isAlive(proc.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (isAlive(proc.pid)) kill('SIGKILL');
    const freeBy = Date.now() + 5000;
    while (pidsListeningOn(proc.port).length > 0 && Date.now() < freeBy) await new Promise((r) => setTimeout(r, 50));
    if (pidsListeningOn(proc.port).length > 0) throw new KeyhiveError('SERVICE_FAILED', `port ${proc.port} is still in use after stopping pid ${proc.pid}`, { fix: `Stop whatever serves port ${proc.port}, then run \`keyhive up ${service}\`.` });
  }
  await ports.controller.up([svc], 'native');
  return `stopped ${proc ? `\`${proc.command}\` (pid ${proc.pid})` : 'nothing (it had exited)'} and started ${service} with \`${svc.config.native.command}\``;
}
