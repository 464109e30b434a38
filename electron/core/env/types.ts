/**
 * The shapes of the lossless .env engine. A document keeps the file's exact bytes plus, for every
 * assignment dotenv sees, where its pieces sit in those bytes, so edits can touch only a value.
 */

export type EnvQuote = '"' | "'" | '`';

/** One assignment, in file order (duplicates included). */
export interface EnvEntry {
  key: string;
  /** The value exactly as dotenv parses it. */
  value: string;
  /** 1-based line where the assignment starts (the `export` keyword or the key). */
  line: number;
  /** 1-based column (in characters) where the assignment starts. */
  column: number;
  /** The quote the value is written in, or null for an unquoted (or absent) value. */
  quote: EnvQuote | null;
  /** The assignment has an `export ` prefix. */
  exported: boolean;
}

/** Byte offsets (into `EnvDocument.raw`) of one entry's pieces. Internal to the engine. */
export interface EnvEntrySpan {
  /** First byte of the assignment (`export` or the key). */
  start: number;
  keyStart: number;
  keyEnd: number;
  /** The written value, quotes included, surrounding blanks excluded. Empty when there is no value. */
  valueStart: number;
  valueEnd: number;
  /** The same positions in `EnvDocument.text` (the newline-normalised text dotenv reads). */
  textStart: number;
  textKeyStart: number;
  textKeyEnd: number;
  textValueStart: number;
  textValueEnd: number;
  /** The assignment has a written value (`KEY=` alone has none; valueStart is then where one goes). */
  hasValue: boolean;
}

export interface EnvDocument {
  /** Every assignment in file order, duplicates included. */
  entries: EnvEntry[];
  /** Exactly what `dotenv.parse` returns for the same bytes (the last assignment of a key wins). */
  values: Record<string, string>;
  /** The file's own newline style (the first line break decides; `\n` when there is none). */
  eol: '\n' | '\r\n';
  /** The file starts with a UTF-8 byte order mark. */
  bom: boolean;
  /** The file's exact bytes; printing an unchanged document gives these back. */
  raw: Uint8Array;
  /** The text dotenv reads: UTF-8 decoded (invalid bytes as U+FFFD), `\r\n` and `\r` turned into `\n`. */
  text: string;
  /** Byte positions of each entry, parallel to `entries`. */
  spans: EnvEntrySpan[];
}

export interface EnvDiagnostic {
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  fix?: string;
  key?: string;
}
