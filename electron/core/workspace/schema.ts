/**
 * The workspace file (`keyhive.yaml`): which services exist, where their .env files are, how
 * they run (Docker Compose or a native command), and which secrets they share under which
 * variable names. Pure data + zod validation; loading/reading files lives in adapters/app.
 *
 * Paths in the file are relative to the workspace file's directory (service `dir`) or to the
 * service dir (`envFiles`, `composeFile`), and are resolved by the loader.
 */
import { z } from 'zod';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export const Name = z.string().regex(NAME, 'use letters, digits, ".", "_" or "-" (starting with a letter or digit)');
export const EnvVarName = z.string().regex(ENV_VAR, 'an environment variable name: letters, digits and "_" (not starting with a digit)');

export const RunModeSchema = z.enum(['docker', 'native']);

export const DockerRunSchema = z.strictObject({
  /** Compose file, relative to the service dir. */
  composeFile: z.string().min(1),
  /** The Compose service name (the `services:` key), e.g. `hivecfm-hub-api`. */
  service: Name,
  /** Compose project name; defaults to the compose file's directory name, as Compose does. */
  project: z.string().optional(),
});

export const NativeRunSchema = z.strictObject({
  /** Shell command started in the service dir, e.g. `pnpm dev` or `node server.mjs`. */
  command: z.string().min(1),
  /** Extra environment (non-secret) for the native process. */
  env: z.record(z.string(), z.string()).default({}),
});

export const ServiceSchema = z.strictObject({
  /** Service directory, relative to the workspace file. */
  dir: z.string().min(1),
  /** A `dir` outside the workspace folder is refused unless this says so explicitly. */
  outsideWorkspace: z.boolean().optional(),
  /** .env files in precedence order: later wins (`[.env, .env.local]`). */
  envFiles: z.array(z.string().min(1)).min(1).default(['.env']),
  docker: DockerRunSchema.optional(),
  native: NativeRunSchema.optional(),
  /** Base URL per run mode, e.g. `{docker: http://hivecfm-hub-api:8080, native: http://localhost:8090}`. */
  urls: z.strictObject({ docker: z.url().optional(), native: z.url().optional() }).default({}),
  /** Public health path, e.g. `/health`. */
  health: z.string().startsWith('/').optional(),
});
export type ServiceConfig = z.infer<typeof ServiceSchema>;

export const BindingSchema = z.strictObject({
  service: Name,
  var: EnvVarName,
  role: z.enum(['server', 'client']),
  /** For a client: the variable holding the server's URL (e.g. HIVECFM_HUB_URL), checked per run mode. */
  urlVar: EnvVarName.optional(),
});
export type BindingConfig = z.infer<typeof BindingSchema>;

export const HeaderSchema = z.strictObject({
  name: z.string().default('Authorization'),
  /** `Bearer` sends `Bearer <key>`; `raw` sends the key alone (e.g. X-Api-Key). */
  scheme: z.enum(['Bearer', 'raw']).default('Bearer'),
});

export const EndpointSchema = z
  .string()
  .regex(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/, 'write an endpoint as "METHOD /path", e.g. "GET /v1/webhooks"');

export const ProbeConfigSchema = z.strictObject({
  /** The service that checks the key; defaults to the secret's `server` binding, or the issuer. */
  service: Name.optional(),
  /** Public health path; defaults to the service's `health`. */
  health: z.string().startsWith('/').optional(),
  /** An authenticated endpoint to smoke-test, e.g. "GET /v1/webhooks". */
  smoke: EndpointSchema.optional(),
  header: HeaderSchema.default({ name: 'Authorization', scheme: 'Bearer' }),
});
export type ProbeConfig = z.infer<typeof ProbeConfigSchema>;

export const SecretSchema = z.strictObject({
  /** A built-in format name (see electron/core/keys) or one declared under `formats:`. */
  format: z.string().default('generic'),
  description: z.string().optional(),
  bindings: z.array(BindingSchema).min(1),
  probes: ProbeConfigSchema.optional(),
  /** Set for keys issued by an admin API (Hogsend, TokenHub, HiveForge): the issuer's name. */
  issuer: Name.optional(),
  /** Issued keys: the scopes the key holds / should hold. */
  scopes: z.array(z.string()).optional(),
  /** Issued keys: what the consumer calls ("METHOD /path"), for least-privilege checks. */
  endpoints: z.array(EndpointSchema).optional(),
});
export type SecretConfig = z.infer<typeof SecretSchema>;

export const CustomFormatSchema = z.strictObject({
  /** Regex the whole value must match (anchors are added). */
  pattern: z.string().min(1),
  /** How to generate a value: prefix + `length` random characters from `alphabet`. */
  generate: z.strictObject({
    prefix: z.string().default(''),
    alphabet: z.enum(['hex', 'base62', 'base64url', 'alphanumeric-lower']).default('base62'),
    length: z.number().int().min(16).max(512),
  }),
  description: z.string().optional(),
});
export type CustomFormatConfig = z.infer<typeof CustomFormatSchema>;

export const IssuerSchema = z.strictObject({
  system: z.enum(['hogsend', 'tokenhub', 'hiveforge']),
  /** Base URL of the issuing service (admin API), e.g. http://localhost:3002. */
  url: z.url(),
  /** The service in this workspace that runs the issuer, if any (for restarts and URL checks). */
  service: Name.optional(),
  /**
   * The workspace secret that IS the admin credential (e.g. Hogsend's ADMIN_API_KEY): Keyhive
   * calls the admin API with that secret's keychain value, so rotating it keeps the keys commands
   * working. Absent: the credential has its own keychain entry (`<workspace id>/issuer/<name>`).
   */
  credentialSecret: Name.optional(),
  /** How long a revoked or rotated key may still be accepted (the system's cache); default: the system's documented window. */
  cacheWindowSeconds: z.number().int().min(0).max(3600).optional(),
  description: z.string().optional(),
});
export type IssuerConfig = z.infer<typeof IssuerSchema>;

export const WorkspaceSchema = z.strictObject({
  version: z.literal(1).default(1),
  name: z.string().min(1),
  /** Stable id used to namespace keychain accounts (`<id>/<secret>`); `init` writes a random one. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, 'an id of 3–64 letters, digits, ".", "_" or "-"'),
  /** The run mode the services are in now; URLs, restarts and probes follow it. */
  runMode: RunModeSchema.default('docker'),
  services: z.record(Name, ServiceSchema),
  secrets: z.record(Name, SecretSchema).default({}),
  formats: z.record(Name, CustomFormatSchema).default({}),
  issuers: z.record(Name, IssuerSchema).default({}),
  /** How long Keyhive keeps what undo needs (file backups, the keychain's previous values). */
  undo: z
    .strictObject({
      /** Days a change stays undoable; older backups and kept values are deleted. */
      keepDays: z.number().int().min(1).max(365).default(30),
      /** At most this many file backups are kept per workspace (the newest). */
      keepCount: z.number().int().min(1).max(10_000).default(200),
    })
    .default({ keepDays: 30, keepCount: 200 }),
});
export type WorkspaceConfig = z.infer<typeof WorkspaceSchema>;
