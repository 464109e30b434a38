/**
 * Formats declared by a workspace under `formats:`: a regex the whole value must match and a
 * generator (prefix + random characters from a named alphabet).
 */
import type { CustomFormatConfig } from '../workspace/schema.js';
import { prefixedGenerator, MIN_GENERATED_BITS, type KeyFormat } from './formats.js';

/** The anchored regex of a custom format, or the reason it does not compile. */
export function compilePattern(pattern: string): { ok: true; regex: RegExp } | { ok: false; reason: string } {
  try {
    return { ok: true, regex: new RegExp(`^(?:${pattern})$`, 'u') };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

export function customFormat(name: string, config: CustomFormatConfig): KeyFormat {
  const compiled = compilePattern(config.pattern);
  const { prefix, alphabet, length } = config.generate;
  const gen = prefixedGenerator(prefix, alphabet, length);
  const weak = gen.entropyBits < MIN_GENERATED_BITS ? ` (below the recommended ${MIN_GENERATED_BITS} bits)` : '';
  return {
    name,
    description:
      config.description ??
      `Custom format "${name}": matches /${config.pattern}/. Generated: ${prefix ? `"${prefix}" + ` : ''}${length} random ${alphabet} characters (${Math.floor(gen.entropyBits)} bits${weak}).`,
    origin: 'workspace',
    entropyBits: gen.entropyBits,
    generate: gen.generate,
    validate(value) {
      if (!compiled.ok) return { ok: false, reason: `format "${name}" has an invalid pattern: ${compiled.reason}` };
      if (value.length === 0) return { ok: false, reason: 'is empty' };
      if (!compiled.regex.test(value)) return { ok: false, reason: `does not match the pattern of format "${name}" (${value.length} characters)` };
      return { ok: true };
    },
  };
}
