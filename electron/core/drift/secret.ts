/**
 * A secret across its bindings and the keychain. The reference value is the keychain's when it
 * has one; without a keychain entry, the value most sides agree on (none on a tie).
 *   - sides that see a value other than the reference: drifted
 *   - every side agrees but the keychain holds another value: keychain-mismatch
 *   - every side agrees and the keychain has no entry: no-keychain-entry
 * Binding-only conditions (missing, shadowed, stale-container) and the key format come on top;
 * see ./states.ts for the order that picks the state.
 */
import type { BindingStatus, DriftState, SecretStatus } from '../../../shared/domain.js';
import { analyzeBinding, type BindingAnalysis } from './binding.js';
import type { DriftOptions, SecretObservation } from './model.js';
import { sortBySeverity, worstState } from './states.js';

export function computeSecretStatus(obs: SecretObservation, opts: DriftOptions): SecretStatus {
  const analyses = obs.bindings.map((b) => analyzeBinding(b, opts));
  const keychain = obs.keychainValue === '' ? null : obs.keychainValue;
  const keychainFp = opts.fingerprint(keychain);
  const present = analyses.filter((a) => a.effective !== null && a.effective !== '');
  const distinct = new Set(present.map((a) => a.effective));
  const warnings = analyses.flatMap((a) => a.warnings);

  if (distinct.size > 1) {
    const reference = keychain ?? majority(present.map((a) => a.effective as string));
    for (const a of present) {
      if (a.effective === reference) continue;
      const others = present.filter((o) => o !== a && o.effective !== a.effective).map((o) => `${o.obs.service} (${opts.fingerprint(o.effective)})`);
      const versus = keychain !== null ? `the keychain (${keychainFp})` : others.join(', ');
      a.conditions.set(
        'drifted',
        `${a.obs.service} sees ${opts.fingerprint(a.effective)} in ${opts.showPath(a.file)}${a.line ? `:${a.line}` : ''}, ` +
          `which differs from ${versus}. Run \`keyhive sync ${obs.name}\` to write one value to every side.`,
      );
    }
  } else if (distinct.size === 1) {
    const shared = [...distinct][0] as string;
    for (const a of present) {
      if (keychain === null) {
        a.conditions.set('no-keychain-entry', `The keychain has no entry for ${obs.name} yet; the sides agree (${opts.fingerprint(shared)}). Run \`keyhive import ${obs.name} --from ${a.obs.service}\` to keep it there.`);
      } else if (shared !== keychain) {
        a.conditions.set(
          'keychain-mismatch',
          `Every side holds ${opts.fingerprint(shared)} but the keychain holds ${keychainFp}. Run \`keyhive sync ${obs.name} --from keychain\` to write the keychain value, ` +
            `or \`keyhive import ${obs.name} --from ${a.obs.service}\` to keep the files' value.`,
        );
      }
    }
  }

  for (const a of present) {
    const check = opts.validate(obs.format, a.effective as string);
    if (!check.ok) a.conditions.set('invalid-format', `The value ${a.obs.service} sees is not a valid ${obs.format} key: ${check.reason}`);
    else if (check.warning) warnings.push(`The value ${a.obs.service} sees ${check.warning}`);
  }
  if (keychain !== null) {
    const check = opts.validate(obs.format, keychain);
    if (!check.ok) warnings.push(`The keychain value of ${obs.name} is not a valid ${obs.format} key: ${check.reason}`);
  }

  const bindings = analyses.map((a) => toBindingStatus(a, opts));
  return {
    name: obs.name,
    state: worstState(bindings.map((b) => b.state)),
    format: obs.format,
    keychainFingerprint: keychainFp,
    bindings,
    warnings,
    issuer: obs.issuer ?? null,
  };
}

/** The value a strict majority of sides hold, or null on a tie. */
function majority(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = sorted;
  if (!first || (second && second[1] === first[1])) return null;
  return first[0];
}

function toBindingStatus(a: BindingAnalysis, opts: DriftOptions): BindingStatus {
  const ordered: DriftState[] = sortBySeverity(a.conditions.keys());
  const state = ordered[0] ?? 'in-sync';
  const status: BindingStatus = {
    service: a.obs.service,
    var: a.obs.var,
    role: a.obs.role,
    file: a.file,
    line: a.line,
    fingerprint: opts.fingerprint(a.effective),
    state,
    sources: a.sources,
  };
  if (state !== 'in-sync') status.detail = ordered.map((s) => a.conditions.get(s)).join(' Also: ');
  return status;
}
