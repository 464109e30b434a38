/**
 * Keyhive's domain language, shared by the engine (electron/), the CLI, web mode and the
 * renderer. Types and zod schemas only: no Node, no electron. Secret VALUES never appear in
 * any of these shapes — only fingerprints (8 hex chars of a keyed HMAC) do.
 */
import { z } from 'zod';

/** Drift state of one secret or one binding. `stale-container` is filled by service control. */
export const DriftState = z.enum([
  'in-sync',
  'drifted',
  'missing',
  'shadowed',
  'keychain-mismatch',
  'invalid-format',
  'no-keychain-entry',
  'stale-container',
]);
export type DriftState = z.infer<typeof DriftState>;

/** Human words for each state, shown beside its colour (never colour alone). */
export const DRIFT_STATE_LABEL: Record<DriftState, string> = {
  'in-sync': 'In sync',
  drifted: 'Drifted',
  missing: 'Missing',
  shadowed: 'Shadowed',
  'keychain-mismatch': 'Keychain mismatch',
  'invalid-format': 'Invalid format',
  'no-keychain-entry': 'No keychain entry',
  'stale-container': 'Stale container',
};

export const RunMode = z.enum(['docker', 'native']);
export type RunMode = z.infer<typeof RunMode>;

export const BindingRole = z.enum(['server', 'client']);
export type BindingRole = z.infer<typeof BindingRole>;

/** Where a binding's effective value comes from, in precedence order (last wins). */
export const ValueSource = z.object({
  kind: z.enum(['env-file', 'compose-environment', 'container']),
  file: z.string().optional(),
  line: z.number().int().optional(),
  fingerprint: z.string().nullable(),
});
export type ValueSource = z.infer<typeof ValueSource>;

export const BindingStatus = z.object({
  service: z.string(),
  var: z.string(),
  role: BindingRole,
  /** The file that holds the effective value (absolute path), or the file Keyhive would write. */
  file: z.string(),
  /** 1-based line of the effective assignment; null when absent. */
  line: z.number().int().nullable(),
  /** 8 hex chars, or null when the value is absent or empty. */
  fingerprint: z.string().nullable(),
  state: DriftState,
  /** Every place that contributes a value, lowest precedence first. */
  sources: z.array(ValueSource).default([]),
  /** Plain-words explanation for any state other than in-sync. */
  detail: z.string().optional(),
});
export type BindingStatus = z.infer<typeof BindingStatus>;

export const IssuerSystem = z.enum(['hogsend', 'tokenhub', 'hiveforge']);
export type IssuerSystem = z.infer<typeof IssuerSystem>;

/** Which issuer a secret's value is a key of: the workspace's issuer name and its system. */
export const SecretIssuer = z.object({ name: z.string(), system: IssuerSystem });
export type SecretIssuer = z.infer<typeof SecretIssuer>;

export const SecretStatus = z.object({
  name: z.string(),
  state: DriftState,
  format: z.string(),
  keychainFingerprint: z.string().nullable(),
  bindings: z.array(BindingStatus),
  warnings: z.array(z.string()).default([]),
  /** Set for an issued key (Hogsend, TokenHub, HiveForge): the issuer it belongs to; null for a shared secret. */
  issuer: SecretIssuer.nullable().default(null),
});
export type SecretStatus = z.infer<typeof SecretStatus>;

export const ServiceInfo = z.object({
  name: z.string(),
  dir: z.string(),
  runMode: RunMode,
  baseUrl: z.string().optional(),
  healthPath: z.string().optional(),
});
export type ServiceInfo = z.infer<typeof ServiceInfo>;

export const WorkspaceStatus = z.object({
  workspace: z.object({ id: z.string(), name: z.string(), file: z.string(), runMode: RunMode }),
  services: z.array(ServiceInfo),
  secrets: z.array(SecretStatus),
  checkedAt: z.string(),
});
export type WorkspaceStatus = z.infer<typeof WorkspaceStatus>;

export const ProbeKind = z.enum(['health', 'auth-smoke', 'negative-control', 'header-shape']);
export type ProbeKind = z.infer<typeof ProbeKind>;

export const ProbeResult = z.object({
  secret: z.string(),
  kind: ProbeKind,
  method: z.string(),
  url: z.string(),
  ok: z.boolean(),
  status: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  /** Plain-words cause and fix when not ok. */
  cause: z.string().optional(),
  fix: z.string().optional(),
  /** What the probe learned, in plain words (e.g. "the server insists on `Bearer <key>`"). */
  detail: z.string().optional(),
  /** The server's own error text (JSON `error`/`detail`), keys redacted; only on a refusal. */
  said: z.string().optional(),
  /** `Retry-After` in seconds, when the server sent one. */
  retryAfterSeconds: z.number().optional(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

export const FindingSeverity = z.enum(['ok', 'info', 'warning', 'error']);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

/**
 * What a doctor finding says is THE reason calls fail (the doctor puts the most specific cause
 * first). Absent on findings that only report a passed step or a side note.
 */
export const DoctorCause = z.enum([
  'missing-value', 'drift', 'shadowed', 'placeholder', 'bad-format', 'wrong-env-prefix', 'unknown-key', 'revoked', 'expired', 'disabled',
  'cache-window', 'missing-scope', 'rate-limited', 'no-admin-key', 'header-shape', 'wrong-url', 'stale-container', 'stale-process', 'service-down',
  'issuer-unreachable', 'key-refused',
]);
export type DoctorCause = z.infer<typeof DoctorCause>;

/** One step of the 401 doctor's checklist. */
export const DoctorFinding = z.object({
  id: z.string(),
  secret: z.string(),
  title: z.string(),
  severity: FindingSeverity,
  what: z.string(),
  why: z.string().optional(),
  fix: z.string().optional(),
  /** Identifier of a safe automatic fix (`--fix` / the fix button), when one exists. */
  fixAction: z.enum(['sync-from-keychain', 'recreate-services', 'restart-services', 'probe', 'fix-caller-url', 'restart-stale-process']).optional(),
  /** The cause this finding names (see DoctorCause); set on problems only. */
  cause: DoctorCause.optional(),
});
export type DoctorFinding = z.infer<typeof DoctorFinding>;

export const ActivityKind = z.enum(['sync', 'undo', 'import', 'rotate', 'restart', 'probe', 'recover', 'keys', 'doctor-fix']);
export type ActivityKind = z.infer<typeof ActivityKind>;

/** An entry of the activity log. Never holds a value: fingerprints and paths only. */
export const ActivityEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: ActivityKind,
  secret: z.string().optional(),
  summary: z.string(),
  fingerprintBefore: z.string().nullable().optional(),
  fingerprintAfter: z.string().nullable().optional(),
  files: z.array(z.string()).default([]),
  undoable: z.boolean().default(false),
  undone: z.boolean().default(false),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const StepState = z.enum(['pending', 'running', 'done', 'failed', 'rolled-back', 'skipped']);
export type StepState = z.infer<typeof StepState>;

/** Progress of a long operation (rotation, sync with restart), step by step. */
export const ProgressEvent = z.object({
  operationId: z.string(),
  operation: z.enum(['rotate', 'sync', 'restart', 'recover', 'rotate-issued', 'scan']),
  secret: z.string().optional(),
  step: z.string(),
  label: z.string(),
  state: StepState,
  detail: z.string().optional(),
  /** Set while the step waits until this time (e.g. an issuer's cache window): the UI counts down. */
  until: z.string().optional(),
  at: z.string(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;


/** A key issued by a service's admin API (only its prefix is known after creation). */
export const IssuedKey = z.object({
  id: z.string(),
  system: IssuerSystem,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  enabled: z.boolean().default(true),
  rotationDays: z.number().int().nullable().optional(),
  /** When the key was last rotated in place (TokenHub); the rotation schedule counts from it. */
  lastRotatedAt: z.string().nullable().optional(),
});
export type IssuedKey = z.infer<typeof IssuedKey>;

export type ScopeNodeT = { scope: string; granted: boolean; children: ScopeNodeT[] };
/** One scope of a system's hierarchy, granted or not, with the scopes it includes. */
export const ScopeNode: z.ZodType<ScopeNodeT> = z.lazy(() => z.object({ scope: z.string(), granted: z.boolean(), children: z.array(ScopeNode) }));
