/**
 * The order of drift states, worst first. A binding can meet several conditions at once (for
 * example a `.env.local` that shadows `.env` AND disagrees with the other side); its state is
 * the worst one, and its `detail` explains every condition, worst first. A secret's state is
 * the worst state among its bindings.
 *
 *   missing            the service sees no value (absent or empty) — it cannot authenticate at all
 *   shadowed           a higher-precedence file (or Compose `environment:`) hides another value:
 *                      the file the user most likely edits is not the one the service reads
 *   drifted            the sides see different values
 *   keychain-mismatch  the sides agree with each other but not with the keychain
 *   stale-container    the files are right but the running service still has another value
 *   invalid-format     the value does not match the secret's key format
 *   no-keychain-entry  the sides agree but the keychain holds no value yet (import it)
 *   in-sync            every side sees the keychain's value
 */
import type { DriftState } from '../../../shared/domain.js';

export const STATE_SEVERITY: readonly DriftState[] = [
  'missing',
  'shadowed',
  'drifted',
  'keychain-mismatch',
  'stale-container',
  'invalid-format',
  'no-keychain-entry',
  'in-sync',
];

const rank = (s: DriftState): number => STATE_SEVERITY.indexOf(s);

/** The worst of the given states (in-sync for none). */
export function worstState(states: Iterable<DriftState>): DriftState {
  let worst: DriftState = 'in-sync';
  for (const s of states) if (rank(s) < rank(worst)) worst = s;
  return worst;
}

/** States sorted worst first, without duplicates. */
export function sortBySeverity(states: Iterable<DriftState>): DriftState[] {
  return [...new Set(states)].sort((a, b) => rank(a) - rank(b));
}
