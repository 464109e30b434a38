/**
 * The lossless .env engine: parse any bytes into a document that prints back byte-identical and
 * reports exactly what dotenv reads; edit one value (or key) without touching any other byte;
 * lint for what dotenv and Docker Compose read differently and for weak secrets.
 */
export type { EnvDiagnostic, EnvDocument, EnvEntry, EnvEntrySpan, EnvQuote } from './types.js';
export { parseEnv, printEnv, effectiveEntry, effectiveIndex, detectEol } from './parse.js';
export { setValue, unsetValue, renameKey, assertEnvKey, ENV_KEY } from './edit.js';
export { valueSpellings, unwritableReason } from './quote.js';
export { lintEnv } from './diagnostics.js';
