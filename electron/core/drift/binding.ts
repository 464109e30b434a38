/**
 * One binding on its own: which value the service really sees (env files in precedence order,
 * then Compose `environment:` in docker mode), where that value comes from, and the conditions
 * that need no other side: missing, shadowed, stale-container.
 */
import type { DriftState, ValueSource } from '../../../shared/domain.js';
import type { BindingObservation, DriftOptions, FileObservation } from './model.js';

export interface BindingAnalysis {
  obs: BindingObservation;
  /** The value the service sees; null when absent. Stays inside the engine. */
  effective: string | null;
  /** File holding the effective value (or the file Keyhive would write) and its line. */
  file: string;
  line: number | null;
  sources: ValueSource[];
  /** Conditions found on this binding alone, with their plain-words explanation. */
  conditions: Map<DriftState, string>;
  warnings: string[];
}

const where = (opts: DriftOptions, f: { path: string; entry?: { line: number } }): string =>
  `${opts.showPath(f.path)}${f.entry ? `:${f.entry.line}` : ''}`;

export function analyzeBinding(obs: BindingObservation, opts: DriftOptions): BindingAnalysis {
  const label = `${obs.service} ${obs.var}`;
  const assigned = obs.files.filter((f): f is FileObservation & { entry: NonNullable<FileObservation['entry']> } => f.entry !== undefined);
  const sources: ValueSource[] = assigned.map((f) => ({
    kind: 'env-file',
    file: f.path,
    line: f.entry.line,
    fingerprint: opts.fingerprint(f.entry.value),
  }));
  const conditions = new Map<DriftState, string>();
  const warnings: string[] = [];
  const winner = assigned.at(-1);
  let effective: string | null = winner ? winner.entry.value : null;
  let file = winner ? winner.path : obs.writeTarget;
  let line: number | null = winner ? winner.entry.line : null;

  // Shadowing between env files: a lower file holds another value than the winning one.
  if (winner) {
    const hidden = assigned.slice(0, -1).filter((f) => f.entry.value !== winner.entry.value);
    if (hidden.length > 0) {
      conditions.set(
        'shadowed',
        `${where(opts, winner)} overrides ${hidden.map((f) => where(opts, f)).join(', ')} with a different value; ` +
          `${obs.service} sees the value in ${opts.showPath(winner.path)}. Edit that file, or remove the line there.`,
      );
    }
  }

  // Compose `environment:` beats every env_file.
  if (obs.compose) {
    const { override } = obs.compose;
    const composeWhere = `${opts.showPath(obs.compose.file)}${obs.compose.line ? `:${obs.compose.line}` : ''}`;
    if (override.kind === 'literal') {
      sources.push({ kind: 'compose-environment', file: obs.compose.file, ...(obs.compose.line ? { line: obs.compose.line } : {}), fingerprint: opts.fingerprint(override.value) });
      if (winner && override.value !== winner.entry.value) {
        conditions.set(
          'shadowed',
          `${composeWhere} sets ${obs.var} under \`environment:\`, which beats env_file: the container sees the Compose value, ` +
            `not the one in ${where(opts, winner)}. Remove ${obs.var} from \`environment:\` so the env file applies.`,
        );
      }
      effective = override.value;
      file = obs.compose.file;
      line = obs.compose.line ?? null;
    } else {
      const how = override.kind === 'pass-through' ? 'passes it through from the shell that runs Compose' : `interpolates it (${override.expression}) from the shell or the project .env`;
      warnings.push(`${label}: ${composeWhere} ${how}; Keyhive cannot see that value and compares the env files instead.`);
    }
  }

  if ((effective === null || effective === '') && obs.serviceDirMissing) {
    const shown = opts.showPath(obs.serviceDirMissing.dir);
    const dir = /[/\\]$/.test(shown) ? shown : `${shown}/`;
    conditions.set(
      'missing',
      `${obs.service} has no value for ${obs.var}: its folder ${dir} does not exist (not cloned yet?). Clone the service into ${dir}, or fix dir: under services.${obs.service} in keyhive.yaml; then run \`keyhive sync\`.`,
    );
  } else if (effective === null || effective === '') {
    const why =
      effective === '' && line !== null
        ? `${opts.showPath(file)}:${line} sets ${obs.var} to an empty value`
        : obs.files.some((f) => f.exists)
          ? `no file ${obs.service} reads assigns ${obs.var}`
          : `none of ${obs.service}'s env files exists (${obs.files.map((f) => opts.showPath(f.path)).join(', ')})`;
    conditions.set('missing', `${obs.service} has no value for ${obs.var}: ${why}. Run \`keyhive sync\` to write the keychain value.`);
  }

  // Files keyhive.yaml lists but this run mode does not read.
  for (const f of obs.unreadFiles) {
    if (f.entry && f.entry.value !== effective) {
      warnings.push(`${label}: ${where(opts, f)} holds another value, but in ${obs.runMode} mode ${obs.service} does not read that file.`);
    }
  }

  if (obs.running !== undefined && obs.running !== null) {
    const live = obs.running[obs.var];
    sources.push({ kind: 'container', fingerprint: opts.fingerprint(live) });
    if ((live ?? '') !== (effective ?? '')) {
      const restart = obs.runMode === 'docker' ? 'recreate the container (`keyhive restart`; a plain `docker compose restart` keeps the old env)' : 'restart the process (`keyhive restart`)';
      conditions.set('stale-container', `${obs.service} is running with ${live ? 'an older value' : 'no value'} for ${obs.var}; the files changed since it started. To make the file value live, ${restart}.`);
    }
  }

  return { obs, effective, file, line, sources, conditions, warnings };
}
