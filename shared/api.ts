/**
 * The app's whole API, declared once: every request channel with the zod schemas of its
 * request and response, every event pushed to the UI, and the web-mode wire protocol.
 *
 * Three transports carry it: Electron IPC (ipcMain.handle per channel, generated from this map;
 * the preload exposes only `window.keyhive`), web mode (`keyhive web`: HTTP + server-sent events
 * on 127.0.0.1), and direct calls in tests. `electron/app` implements it; nothing else talks to
 * the engine. Responses never carry a secret value except `secret.reveal` and `keys.reveal`, explicit user acts.
 */
import { z } from 'zod';
import {
  ActivityEntry,
  ActivityKind,
  DoctorFinding,
  IssuedKey,
  IssuerSystem,
  ProbeResult,
  ProgressEvent,
  RunMode,
  ScopeNode,
  WorkspaceStatus,
} from './domain.js';
import { IssuedRotationResult, KeyCreated, KeysOverview } from './keys.js';
import { ErrorPayload } from './errors.js';
import { ScanFix, ScanReport, ScanScope } from './scan.js';

const Empty = z.object({}).strict();
const SecretName = z.string().min(1).max(200);
/** Where a sync takes the value from: the keychain, or one service's env files. */
export const SyncSource = z.union([z.literal('keychain'), z.object({ service: z.string().min(1) })]);
export type SyncSource = z.infer<typeof SyncSource>;

export { ScopeNode };

export const ScopeCheck = z.object({
  endpoint: z.string(),
  covered: z.boolean(),
  /** The scope to add when not covered (the smallest one that would cover it). */
  missing: z.string().nullable(),
  reason: z.string(),
});
export type ScopeCheck = z.infer<typeof ScopeCheck>;

export const SecretScopes = z.object({
  secret: z.string(),
  system: IssuerSystem,
  scopes: z.array(z.string()),
  expanded: z.array(z.string()),
  tree: z.array(ScopeNode),
  leastPrivilege: z.array(z.string()).nullable(),
  key: IssuedKey.nullable(),
  warnings: z.array(z.string()),
});
export type SecretScopes = z.infer<typeof SecretScopes>;

export const OperationResult = z.object({
  operationId: z.string(),
  ok: z.boolean(),
  summary: z.string(),
  activityId: z.string().nullable(),
  status: WorkspaceStatus.nullable(),
});
export type OperationResult = z.infer<typeof OperationResult>;

/** One sub-directory in the folder chooser: its name and what it already holds. */
export const FolderEntry = z.object({
  name: z.string(),
  path: z.string(),
  /** Holds a keyhive.yaml: open it rather than create one. */
  hasWorkspace: z.boolean(),
  /** Holds a Docker Compose file. */
  hasCompose: z.boolean(),
  /** Holds a .env file (or .env.local, .env.*). */
  hasEnv: z.boolean(),
});
export type FolderEntry = z.infer<typeof FolderEntry>;

/** A folder listing for choosing where a workspace lives: directory names only, never contents. */
export const FolderListing = z.object({
  /** Absolute and resolved. */
  dir: z.string(),
  /** null at the file-system root. */
  parent: z.string().nullable(),
  /** Sub-directories only, sorted by name; hidden ones and node_modules skipped; at most 500. */
  entries: z.array(FolderEntry),
  /** The keyhive.yaml in `dir`, if there is one. */
  workspaceFile: z.string().nullable(),
  /** True when the folder has more sub-directories than the listing shows. */
  truncated: z.boolean().optional(),
});
export type FolderListing = z.infer<typeof FolderListing>;

/** Request/response schemas for every channel. */
export const channels = {
  /** `problem`: set while keyhive.yaml on disk is broken or gone (the engine keeps the last good one). */
  'workspace.current': { request: Empty, response: z.object({ file: z.string().nullable(), problem: ErrorPayload.optional() }) },
  'workspace.open': { request: z.object({ file: z.string().min(1) }), response: WorkspaceStatus },
  'workspace.init': {
    request: z.object({ dir: z.string().min(1), preset: z.enum(['hivecfm', 'hogsend', 'tokenhub', 'hiveforge']).optional() }),
    response: z.object({ file: z.string(), status: WorkspaceStatus }),
  },
  'workspace.setRunMode': { request: z.object({ runMode: RunMode }), response: WorkspaceStatus },
  /** Lists the sub-directories of `dir` (the user's home when omitted) for the folder chooser. */
  'workspace.browse': { request: z.object({ dir: z.string().min(1).optional() }), response: FolderListing },
  /** Desktop only: the native folder picker; `dir` is null when the user cancelled. */
  'workspace.pickFolder': { request: Empty, response: z.object({ dir: z.string().nullable() }) },
  'status.get': { request: Empty, response: WorkspaceStatus },
  'secret.sync': { request: z.object({ secret: SecretName, from: SyncSource, restart: z.boolean().default(true) }), response: OperationResult },
  'secret.rotate': { request: z.object({ secret: SecretName }), response: OperationResult },
  'secret.import': { request: z.object({ secret: SecretName, service: z.string().min(1) }), response: OperationResult },
  /** Explicit user act: returns the value of the keychain entry (or of one binding). */
  'secret.reveal': {
    request: z.object({ secret: SecretName, service: z.string().optional() }),
    response: z.object({ value: z.string(), clearAfterSeconds: z.number().int() }),
  },
  /** Explicit user act: copies the value to the clipboard (desktop); cleared after 20 s if unchanged. */
  'secret.copy': { request: z.object({ secret: SecretName }), response: z.object({ copied: z.boolean(), clearAfterSeconds: z.number().int() }) },
  'activity.list': {
    request: z.object({ kind: ActivityKind.optional(), secret: z.string().optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    response: z.array(ActivityEntry),
  },
  'activity.undo': { request: z.object({ id: z.string().optional() }), response: OperationResult },
  'services.restart': { request: z.object({ services: z.array(z.string().min(1)).min(1) }), response: OperationResult },
  'probe.run': { request: z.object({ secret: SecretName.optional() }), response: z.array(ProbeResult) },
  'doctor.run': { request: z.object({ secret: SecretName.optional() }), response: z.array(DoctorFinding) },
  'doctor.fix': {
    request: z.object({ secret: SecretName, action: DoctorFinding.shape.fixAction.unwrap() }),
    response: z.object({ applied: z.string(), findings: z.array(DoctorFinding) }),
  },
  'scopes.forSecret': { request: z.object({ secret: SecretName }), response: SecretScopes },
  'scopes.check': {
    request: z.object({ system: IssuerSystem, scopes: z.array(z.string()), endpoint: z.string().min(1) }),
    response: ScopeCheck,
  },
  'scopes.expand': { request: z.object({ system: IssuerSystem, scopes: z.array(z.string()) }), response: z.array(z.string()) },
  'keys.list': { request: z.object({ issuer: z.string().min(1), includeRevoked: z.boolean().default(false) }), response: z.array(IssuedKey) },
  /** Every issuer's keys with state, scopes, holders and debt (the Keys view and `status --json`). */
  'keys.overview': { request: Empty, response: KeysOverview },
  /** Creates a key; for a secret the plaintext goes to the keychain and its bindings, the consumers restart and are probed. */
  'keys.create': {
    request: z.object({
      issuer: z.string().min(1),
      name: z.string().min(1),
      scopes: z.array(z.string()),
      secret: SecretName.optional(),
      expiresAt: z.iso.datetime({ offset: true }).optional(),
    }),
    response: KeyCreated,
  },
  /** Refused while a workspace binding still holds the key, unless `force`. */
  'keys.revoke': {
    request: z.object({ issuer: z.string().min(1), id: z.string().min(1), force: z.boolean().default(false) }),
    response: z.object({ revoked: z.boolean(), heldBy: z.array(z.string()) }),
  },
  /** Stores an issuer's admin credential (e.g. a HiveForge owner/admin JWT) in the keychain; explicit user act, never echoed. */
  'keys.setCredential': { request: z.object({ issuer: z.string().min(1), credential: z.string().min(1).max(16_384) }), response: z.object({ account: z.string() }) },
  /** Explicit user act: the plaintext of a key created for "the keychain only" (no workspace secret holds it). */
  'keys.reveal': { request: z.object({ issuer: z.string().min(1), id: z.string().min(1) }), response: z.object({ value: z.string(), clearAfterSeconds: z.number().int() }) },
  /** Explicit user act: copies that key to the clipboard (desktop); cleared after 20 s if unchanged. */
  'keys.copy': { request: z.object({ issuer: z.string().min(1), id: z.string().min(1) }), response: z.object({ copied: z.boolean(), clearAfterSeconds: z.number().int() }) },
  /** TokenHub: enable or disable a key without deleting it. */
  'keys.setEnabled': { request: z.object({ issuer: z.string().min(1), id: z.string().min(1), enabled: z.boolean() }), response: IssuedKey },
  /** HiveForge: change a key's scopes in place. */
  'keys.updateScopes': { request: z.object({ issuer: z.string().min(1), id: z.string().min(1), scopes: z.array(z.string()).min(1) }), response: IssuedKey },
  /** Zero-downtime rotation; `wait` waits out the issuer's cache window and re-checks the old key. */
  'keys.rotate': { request: z.object({ secret: SecretName, wait: z.boolean().default(true) }), response: IssuedRotationResult },
  /** The leak guard: where managed values, untracked keys and trackable env files are (never a value). */
  'scan.run': { request: ScanScope, response: ScanReport },
  /** One-click fix of a scan finding: add an env file to .gitignore, or write the service's .env.example. */
  'scan.fix': { request: ScanFix, response: z.object({ applied: z.string(), file: z.string() }) },
} as const;

export type Channel = keyof typeof channels;
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;

/**
 * keyhive.yaml changed on disk into something that does not load (corrupted, deleted): `error`
 * says what and the fix, at once; the engine keeps working with the last good file. `error: null`
 * once the file loads again.
 */
export const WorkspaceFileProblem = z.object({ file: z.string(), error: ErrorPayload.nullable() });
export type WorkspaceFileProblem = z.infer<typeof WorkspaceFileProblem>;

/** Events pushed from the engine to every UI. */
export const events = {
  'status.changed': WorkspaceStatus,
  'workspace.error': WorkspaceFileProblem,
  progress: ProgressEvent,
  activity: ActivityEntry,
} as const;
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

/** What every transport returns for a request: the value, or an error payload (never a stack). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
export const ResultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ErrorPayload })]);

/** The typed client the renderer uses, whatever the transport. */
export interface KeyhiveApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

/** The engine-side implementation of the contract (electron/app implements it). */
export type ApiHandlers = { [C in Channel]: (request: z.output<(typeof channels)[C]['request']>) => Promise<ResponseOf<C>> };

/** Electron IPC: one channel name per request, one for events. */
export const IPC_PREFIX = 'keyhive:';
export const IPC_EVENT_CHANNEL = 'keyhive:event';
export const ipcChannelOf = (c: Channel): string => `${IPC_PREFIX}${c}`;

/** Web mode wire protocol (`keyhive web`). */
export const web = {
  /** POST `${apiPrefix}<channel>` with the JSON request; answers a JSON Result. */
  apiPrefix: '/api/',
  /** GET: server-sent events, `event: <name>` + `data: <json>`. */
  eventsPath: '/api/events',
  /** The token arrives as `?token=` in the printed URL, then a session lives in the HttpOnly cookie `${cookieName}_<port>` (cookies are per host, not per port). */
  tokenParam: 'token',
  cookieName: 'keyhive_session',
} as const;

export const channelNames = Object.keys(channels) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

/**
 * The Content-Security-Policy of every UI page: the desktop app's `app://` responses, every
 * web-mode response, and the renderer's meta tag. No inline script, no remote origin.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Seconds after which a revealed or copied secret is cleared (clipboard, revealed field). */
export const SECRET_CLEAR_AFTER_SECONDS = 20;
