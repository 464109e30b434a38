/**
 * What the drift engine looks at: for each binding, the assignments found in the files the
 * service reads (precedence order), what Compose's `environment:` says, and what the running
 * service has. Values live only inside the engine; its output carries fingerprints.
 */
import type { BindingRole, RunMode, SecretIssuer } from '../../../shared/domain.js';
import type { ComposeOverride } from '../compose/effective.js';

export interface Assignment {
  value: string;
  /** 1-based line of the assignment that wins inside this file. */
  line: number;
}

export interface FileObservation {
  /** Absolute path. */
  path: string;
  exists: boolean;
  /** The assignment of the variable that wins in this file, if any. */
  entry?: Assignment;
}

export interface BindingObservation {
  service: string;
  var: string;
  role: BindingRole;
  runMode: RunMode;
  /** Files the service reads in this run mode, lowest precedence first (a later file wins). */
  files: FileObservation[];
  /** Env files listed in keyhive.yaml that this run mode does not read (reported, not used). */
  unreadFiles: FileObservation[];
  /** Docker mode: what Compose `environment:` says about the variable. */
  compose?: { file: string; line?: number; override: ComposeOverride };
  /** The running service's environment: undefined = unknown, null = not running. */
  running?: Record<string, string> | null;
  /** The file Keyhive writes when no file assigns the variable yet. */
  writeTarget: string;
  /** The service's folder does not exist (not cloned yet, or dir: points elsewhere). */
  serviceDirMissing?: { dir: string };
}

export interface SecretObservation {
  name: string;
  format: string;
  /** The keychain's value, or null when it holds no entry. */
  keychainValue: string | null;
  bindings: BindingObservation[];
  /** The issuer the secret is a key of (issued keys only). */
  issuer?: SecretIssuer | null;
}

export type FormatCheck = (format: string, value: string) => { ok: true; warning?: string } | { ok: false; reason: string };

export interface DriftOptions {
  /** Fingerprint of a value (null for absent/empty). */
  fingerprint: (value: string | null | undefined) => string | null;
  validate: FormatCheck;
  /** How a path is shown in plain-words details (e.g. relative to the workspace root). */
  showPath: (path: string) => string;
}
