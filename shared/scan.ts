/**
 * The leak guard's shapes (`keyhive scan`, the Leaks panel): where a managed value, an untracked
 * key of a known system or a git-tracked `.env` was found. Names, places and encodings only —
 * never a value.
 */
import { z } from 'zod';

export const FindingKind = z.enum(['managed', 'pattern', 'unignored-env']);
export type FindingKind = z.infer<typeof FindingKind>;

/** How the value appeared: as is, base64/base64url (alone, `Bearer <v>`, `user:v`), URL-encoded, JSON-escaped, shell-quoted. */
export const FindingEncoding = z.enum(['raw', 'base64', 'url', 'json', 'quoted']);
export type FindingEncoding = z.infer<typeof FindingEncoding>;

export const ScanFinding = z.object({
  kind: FindingKind,
  /** The managed secret's name (kind managed); null otherwise. */
  secret: z.string().nullable(),
  /** The system whose key shape matched (kind pattern), or the issuer system of a managed secret. */
  system: z.string().nullable(),
  /** Relative to the workspace root (forward slashes), absolute when outside it; null for image env/history. */
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  /** --history: the first commit that introduced it. */
  commit: z.string().nullable(),
  /** --images: the image reference. */
  image: z.string().nullable(),
  encoding: FindingEncoding,
  /** --history only: whether HEAD still holds it (false = only in history). */
  inHead: z.boolean().nullable(),
  /** A documentation example key (kind pattern): lower severity, listed under placeholders. */
  placeholder: z.boolean(),
  /** Where exactly: `working tree`, `staged`, `history`, `image env`, `image history`, `image layer`. */
  where: z.string(),
});
export type ScanFinding = z.infer<typeof ScanFinding>;

/** A service's `.env.example`: which bound variables it lacks and which hold a real value. */
export const EnvExampleCheck = z.object({
  service: z.string(),
  file: z.string(),
  exists: z.boolean(),
  missing: z.array(z.string()),
  realValues: z.array(z.string()),
});
export type EnvExampleCheck = z.infer<typeof EnvExampleCheck>;

export const ScanReport = z.object({
  /** Problems: each one makes `keyhive scan` exit 1. */
  findings: z.array(ScanFinding),
  /** The systems' documentation example keys found in files: lower severity, do not fail the scan. */
  placeholders: z.array(ScanFinding),
  envExamples: z.array(EnvExampleCheck),
  /** Managed values too short to search for without false alarms (names only). */
  skippedSecrets: z.array(z.string()),
  /** What the scan could not do (e.g. the keychain was locked: only the env files' values were searched). */
  warnings: z.array(z.string()),
  scanned: z.object({ files: z.number().int(), blobs: z.number().int(), commits: z.number().int(), images: z.number().int() }),
});
export type ScanReport = z.infer<typeof ScanReport>;

export const ScanScope = z.object({
  paths: z.array(z.string().min(1)).default([]),
  staged: z.boolean().default(false),
  history: z.boolean().default(false),
  images: z.boolean().default(false),
});
export type ScanScope = z.infer<typeof ScanScope>;

export const ScanFix = z.discriminatedUnion('action', [
  z.object({ action: z.literal('gitignore'), file: z.string().min(1) }),
  z.object({ action: z.literal('env-example'), service: z.string().min(1) }),
]);
export type ScanFix = z.infer<typeof ScanFix>;
