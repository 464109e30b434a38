/**
 * The key-format registry of a workspace: the built-in formats plus the workspace's own
 * `formats:`. Everything that checks or generates a value goes through here.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import type { WorkspaceConfig } from '../workspace/schema.js';
import { customFormat } from './custom-format.js';
import { BUILTIN_FORMATS, type FormatCheck, type KeyFormat } from './formats.js';
import type { ByteSource } from './random.js';

export interface KeyFormatRegistry {
  /** Every format name, built-ins first. */
  names(): string[];
  has(name: string): boolean;
  /** The format, or KeyhiveError NOT_FOUND listing the known names. */
  get(name: string): KeyFormat;
  validate(format: string, value: string): FormatCheck;
  generate(format: string, source?: ByteSource): string;
  describe(format: string): string;
}

const BUILTINS = new Map(BUILTIN_FORMATS.map((f) => [f.name, f]));

export const BUILTIN_FORMAT_NAMES: readonly string[] = BUILTIN_FORMATS.map((f) => f.name);

export function isBuiltinFormat(name: string): boolean {
  return BUILTINS.has(name);
}

/** The registry for a workspace (built-ins only when no config is given). */
export function keyFormats(config?: Pick<WorkspaceConfig, 'formats'> | null): KeyFormatRegistry {
  const all = new Map<string, KeyFormat>(BUILTINS);
  for (const [name, fmt] of Object.entries(config?.formats ?? {})) {
    // A workspace may not redefine a built-in: the validator reports it; keep the built-in here.
    if (!all.has(name)) all.set(name, customFormat(name, fmt));
  }
  const get = (name: string): KeyFormat => {
    const f = all.get(name);
    if (!f) {
      throw new KeyhiveError('NOT_FOUND', `Unknown key format "${name}".`, {
        fix: `Use one of: ${[...all.keys()].join(', ')} — or declare "${name}" under formats: in keyhive.yaml.`,
      });
    }
    return f;
  };
  return {
    names: () => [...all.keys()],
    has: (name) => all.has(name),
    get,
    validate: (format, value) => get(format).validate(value),
    generate: (format, source) => get(format).generate(source),
    describe: (format) => get(format).description,
  };
}

const builtinRegistry = keyFormats();

/** Check a value against a built-in format. The reason never contains the value. */
export function validate(format: string, value: string): FormatCheck {
  return builtinRegistry.validate(format, value);
}

/** A fresh value of a built-in format (crypto randomness, ≥ 256 bits). */
export function generate(format: string): string {
  return builtinRegistry.generate(format);
}

/** One sentence describing a built-in format. */
export function describe(format: string): string {
  return builtinRegistry.describe(format);
}
