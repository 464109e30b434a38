/**
 * The closed set of error codes every layer uses (engine, CLI, IPC, web mode, renderer).
 * An error always says what went wrong, where (file and line when there is one) and the fix.
 * Messages never contain a secret value.
 */
import { z } from 'zod';

export const ErrorCode = z.enum([
  'BAD_INPUT', // a CLI argument, API payload or value that cannot be used
  'NOT_FOUND', // a file, secret, service or key that does not exist
  'WORKSPACE_INVALID', // keyhive.yaml does not validate
  'ENV_PARSE', // a .env file cannot be edited safely
  'ENV_UNWRITABLE_VALUE', // a value cannot be written so that dotenv reads it back identically
  'EDIT_VERIFY_FAILED', // an edit would change more than the target key
  'FILE_CONFLICT', // the file changed between read and write
  'FILE_REFUSED', // not a regular file, too large, symlink out of the workspace, ...
  'FILE_PERMISSION', // read-only file or directory
  'DISK_FULL', // no space left on the device (or the disk quota is used up)
  'KEYCHAIN_UNAVAILABLE', // no Secret Service, locked collection, denied prompt, timeout
  'KEYCHAIN_MISSING', // no keychain entry for the secret
  'DOCKER_UNAVAILABLE', // docker missing or daemon down
  'SERVICE_FAILED', // a service did not become ready, crash-looped, unknown service
  'PROBE_FAILED', // a probe failed after a change
  'PROBE_TARGET_REFUSED', // target outside loopback / the workspace's hosts
  'ISSUER_ERROR', // an issuer admin API answered with an error
  'LOCKED', // another rotation holds the workspace lock
  'UNDO_REFUSED', // a file changed since the entry it would undo
  'UNAUTHORIZED', // web mode: missing/invalid token, foreign Origin or Host
  'INTERNAL', // a bug: the message says what to report
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  fix: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export class KeyhiveError extends Error {
  readonly code: ErrorCode;
  readonly fix?: string;
  readonly file?: string;
  readonly line?: number;

  constructor(code: ErrorCode, message: string, opts: { fix?: string; file?: string; line?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'KeyhiveError';
    this.code = code;
    this.fix = opts.fix;
    this.file = opts.file;
    this.line = opts.line;
  }

  toPayload(): ErrorPayload {
    const p: ErrorPayload = { code: this.code, message: this.message };
    if (this.fix !== undefined) p.fix = this.fix;
    if (this.file !== undefined) p.file = this.file;
    if (this.line !== undefined) p.line = this.line;
    return p;
  }

  /** One line for humans: `file:line: message — fix`. */
  describe(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}${this.message}${this.fix ? `\n  fix: ${this.fix}` : ''}`;
  }
}

export function isKeyhiveError(e: unknown): e is KeyhiveError {
  return e instanceof KeyhiveError;
}

interface SystemError {
  code?: unknown;
  path?: unknown;
  dest?: unknown;
  syscall?: unknown;
}

/**
 * An error the operating system raised (ENOENT, ENOSPC, EACCES…) that reached the edge of Keyhive
 * unconverted, as a KeyhiveError saying what happened and the fix — these are not bugs of
 * Keyhive and not the user's typo, so never "internal error". Null when `e` is no such error.
 */
export function fromSystemError(e: unknown): KeyhiveError | null {
  if (typeof e !== 'object' || e === null) return null;
  const { code, path, syscall } = e as SystemError;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return null;
  const file = typeof path === 'string' ? path : undefined;
  const where = file ? ` (${file})` : '';
  const opts = (fix: string) => ({ fix, cause: e, ...(file ? { file } : {}) });
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new KeyhiveError(
        'NOT_FOUND',
        `${file ?? 'A file or folder'} does not exist${typeof syscall === 'string' ? ` (${syscall})` : ''}.`,
        opts('If it is a service folder, clone the service there or fix its dir: in keyhive.yaml; otherwise check the path and try again.'),
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new KeyhiveError(
        'DISK_FULL',
        `${code === 'ENOSPC' ? 'The disk is full' : 'The disk quota is used up'}${where}: nothing more could be written, so the change was not made.`,
        opts('Free some space on that disk (e.g. `df -h` to see which one, then remove old files), then run the command again.'),
      );
    case 'EACCES':
    case 'EPERM':
      return new KeyhiveError('FILE_PERMISSION', `Permission denied${where}.`, opts('Check the owner and permissions of the file and its folder (ls -l), then try again.'));
    case 'EROFS':
      return new KeyhiveError('FILE_PERMISSION', `The file system is read-only${where}.`, opts('Remount it read-write, or point Keyhive at a writable location.'));
    case 'EMFILE':
    case 'ENFILE':
      return new KeyhiveError('FILE_REFUSED', `Too many open files${where}.`, opts('Close other programs or raise the limit (`ulimit -n`), then try again.'));
    case 'EISDIR':
      return new KeyhiveError('FILE_REFUSED', `${file ?? 'The path'} is a folder, not a file.`, opts('Point at the file itself.'));
    default:
      return null;
  }
}

/**
 * `e` as a KeyhiveError when it is one or an OS error Keyhive knows; otherwise `e` unchanged.
 * An INTERNAL error that only wraps a known OS error (e.g. a write that hit a full disk, wrapped
 * by a use case that added what it rolled back) takes that error's code and fix, keeping its words.
 */
export function asKeyhiveError(e: unknown): unknown {
  if (isKeyhiveError(e)) {
    if (e.code !== 'INTERNAL') return e;
    const system = fromSystemError(e.cause);
    if (!system) return e;
    return new KeyhiveError(system.code, `${system.message} ${e.message}`, {
      ...(e.file ?? system.file ? { file: e.file ?? system.file } : {}),
      ...(e.line ? { line: e.line } : {}),
      ...(system.fix ? { fix: system.fix } : {}),
      cause: e.cause,
    });
  }
  return fromSystemError(e) ?? e;
}

/** Turn anything thrown into a payload safe to send across IPC/HTTP (no stack, no values). */
export function toErrorPayload(thrown: unknown): ErrorPayload {
  const e = asKeyhiveError(thrown);
  if (isKeyhiveError(e)) return e.toPayload();
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), fix: 'This is a bug in Keyhive; please report it with the steps that led here.' };
}

/** Text for a terminal (the CLI's and web mode's stderr): `keyhive: file:line: message` plus the fix on its own line. Never a value. */
export function describeError(thrown: unknown): string {
  const e = asKeyhiveError(thrown);
  if (isKeyhiveError(e)) return `keyhive: ${e.describe()}`;
  const msg = e instanceof Error ? e.message : String(e);
  return `keyhive: internal error: ${msg}\n  fix: this is a bug in Keyhive; please report it with the command you ran.`;
}
