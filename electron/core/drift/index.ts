/** Drift detection: which value each service sees for each secret, compared across sides and with the keychain. */
export { STATE_SEVERITY, worstState, sortBySeverity } from './states.js';
export type { Assignment, BindingObservation, DriftOptions, FileObservation, FormatCheck, SecretObservation } from './model.js';
export { analyzeBinding, type BindingAnalysis } from './binding.js';
export { computeSecretStatus } from './secret.js';
export { computeWorkspaceStatus, filesForMode, observeSecret, overridingLiterals, type ObservedWorld, type WorkspaceView } from './observe.js';
export { syncTargets, type WriteTarget } from './targets.js';
