/**
 * What the 401 doctor knows about one secret when it reasons (pure data, gathered by
 * electron/app/doctor/doctor-facts.ts): the drift engine's view of every binding (fingerprints only),
 * the callers' URL variables, whether the services run, 401s in the callers' recent logs, and
 * the probes. No secret value appears here.
 */
import type { ProbeResult, RunMode, SecretStatus } from '../../../shared/domain.js';

export interface CallerUrlFact {
  service: string;
  /** The client binding's `urlVar`. */
  urlVar: string;
  /** Its effective value (a URL, not a secret); null when unset. */
  value: string | null;
  file?: string;
  line?: number;
}

export interface ServiceFact {
  name: string;
  /** null when the state could not be read (no controller, engine down). */
  running: boolean | null;
  healthy: boolean | null;
  detail: string;
}

export interface LogFact {
  service: string;
  /** Recent log lines of the caller (scanned, never shown verbatim). */
  lines: string[];
}

export interface ServerFact {
  service: string;
  urls: { docker?: string; native?: string };
}

export interface DoctorFacts {
  secret: SecretStatus;
  runMode: RunMode;
  /** The service that checks the key, with its URLs per run mode. */
  server: ServerFact | null;
  callers: CallerUrlFact[];
  services: ServiceFact[];
  logs: LogFact[];
  /** null when the probes could not run; `probeError` then says why. */
  probes: ProbeResult[] | null;
  probeError?: string;
}
