/**
 * Edits that change only the bytes of the value (or key) they touch. Every edit re-parses its
 * result and proves that only the target changed; otherwise it refuses and nothing is returned.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import { effectiveIndex, parseEnv } from './parse.js';
import { unwritableReason, valueSpellings, type ValueSpelling } from './quote.js';
import { encodeUtf8 } from './text-map.js';
import type { EnvDocument, EnvEntrySpan } from './types.js';

/** Keys dotenv can read: letters, digits, `_`, `.` and `-` (and not `__proto__`, which it drops). */
export const ENV_KEY = /^[\w.-]+$/;

export function assertEnvKey(key: string): void {
  if (!ENV_KEY.test(key) || key === '__proto__') {
    throw new KeyhiveError('BAD_INPUT', `"${key.slice(0, 80)}" is not a key dotenv can read`, {
      fix: 'Use only letters, digits, "_", "." and "-" in a .env key (e.g. HIVECFM_HUB_API_KEY).',
    });
  }
}

function has(values: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(values, key);
}

function splice(raw: Uint8Array, pieces: { from: number; to: number; bytes: Uint8Array }[]): Uint8Array {
  // pieces sorted by `from`, non-overlapping
  let size = raw.length;
  for (const p of pieces) size += p.bytes.length - (p.to - p.from);
  const out = new Uint8Array(size);
  let r = 0;
  let w = 0;
  for (const p of pieces) {
    out.set(raw.subarray(r, p.from), w);
    w += p.from - r;
    out.set(p.bytes, w);
    w += p.bytes.length;
    r = p.to;
  }
  out.set(raw.subarray(r), w);
  return out;
}

/**
 * Keys whose value differs between two parses, ignoring `skip`; plus keys that appeared or vanished.
 */
function changedKeys(before: Record<string, string>, after: Record<string, string>, skip: ReadonlySet<string>): string[] {
  const changed: string[] = [];
  for (const k of Object.keys(before)) if (!skip.has(k) && (!has(after, k) || after[k] !== before[k])) changed.push(k);
  for (const k of Object.keys(after)) if (!skip.has(k) && !has(before, k)) changed.push(k);
  return changed;
}

function verifyFailed(key: string, others: string[]): KeyhiveError {
  return new KeyhiveError('EDIT_VERIFY_FAILED', `changing ${key} here would also change ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}`, {
    fix: 'The file has an unusual construct (e.g. an unterminated quote or a key with no newline after it) next to this key; fix it by hand, then retry.',
  });
}

type Attempt = { ok: true; bytes: Uint8Array } | { ok: false; others: string[] };

function attempt(doc: EnvDocument, out: Uint8Array, key: string, value: string, extraEntries: number): Attempt {
  const after = parseEnv(out);
  const others = changedKeys(doc.values, after.values, new Set([key]));
  if (others.length > 0) return { ok: false, others };
  if (after.entries.length !== doc.entries.length + extraEntries) return { ok: false, others: ['the number of assignments'] };
  if (!has(after.values, key) || after.values[key] !== value) return { ok: false, others: [] };
  return { ok: true, bytes: out };
}

/** Does this spelling read back as `value` when written on a line of its own? */
function standsAlone(sp: ValueSpelling, value: string): boolean {
  const probe = parseEnv(`K=${sp.text}\n`);
  return probe.values.K === value && probe.entries.length === 1;
}

function lastByteIsLineEnd(raw: Uint8Array): boolean {
  const last = raw[raw.length - 1];
  return last === 10 || last === 13;
}

/** Set `key` to `value`: in place where the key exists (the winning assignment), else appended. */
export function setValue(input: string | Uint8Array, key: string, value: string): Uint8Array {
  assertEnvKey(key);
  const doc = parseEnv(input);
  const i = effectiveIndex(doc, key);
  const entry = i === -1 ? undefined : doc.entries[i];
  const span = i === -1 ? undefined : (doc.spans[i] as EnvEntrySpan);
  if (entry && span && entry.value === value) return new Uint8Array(doc.raw);
  let inContextOnly: string[] | null = null;
  for (const sp of valueSpellings(value, entry ? entry.quote : null, doc.eol)) {
    let out: Uint8Array;
    if (span) {
      // `KEY:` needs a blank between the colon and a value.
      const pad = !span.hasValue && doc.raw[span.valueStart - 1] === 58 ? ' ' : '';
      out = splice(doc.raw, [{ from: span.valueStart, to: span.valueEnd, bytes: encodeUtf8(pad + sp.text) }]);
    } else {
      const bomOnly = doc.bom && doc.raw.length === 3;
      const sep = doc.raw.length > 0 && !bomOnly && !lastByteIsLineEnd(doc.raw) ? doc.eol : '';
      const exported = doc.entries.length > 0 && doc.entries.every((e) => e.exported) ? 'export ' : '';
      out = splice(doc.raw, [{ from: doc.raw.length, to: doc.raw.length, bytes: encodeUtf8(`${sep}${exported}${key}=${sp.text}${doc.eol}`) }]);
    }
    const r = attempt(doc, out, key, value, span ? 0 : 1);
    if (r.ok) return r.bytes;
    if (r.others.length > 0 && standsAlone(sp, value)) inContextOnly ??= r.others;
  }
  if (inContextOnly) throw verifyFailed(key, inContextOnly);
  throw new KeyhiveError('ENV_UNWRITABLE_VALUE', `cannot write the new value of ${key}: ${unwritableReason(value)}`, {
    fix: 'Choose a value without that combination of characters (a generated key never needs one).',
    line: entry?.line,
  });
}

/** Byte range of the whole lines an assignment occupies, with the line break after it. */
function assignmentLines(doc: EnvDocument, span: EnvEntrySpan): { from: number; to: number; breaks: number[] } {
  const raw = doc.raw;
  let from = span.start;
  while (from > 0 && raw[from - 1] !== 10 && raw[from - 1] !== 13) from--;
  if (from === 0 && doc.bom) from = 3;
  let end = span.valueEnd;
  const breaks: number[] = [];
  for (let p = span.start; p < end; p++) {
    const b = raw[p];
    if (b === 10 || (b === 13 && raw[p + 1] !== 10)) breaks.push(p + 1);
  }
  while (end < raw.length && raw[end] !== 10 && raw[end] !== 13) end++;
  const to = raw[end] === 13 && raw[end + 1] === 10 ? end + 2 : end < raw.length ? end + 1 : end;
  return { from, to, breaks };
}

/** Remove `key` everywhere it is assigned: commented out (`# KEY=…`, the default) or deleted. */
export function unsetValue(input: string | Uint8Array, key: string, mode: 'comment' | 'remove' = 'comment'): Uint8Array {
  assertEnvKey(key);
  const doc = parseEnv(input);
  const targets = doc.spans.filter((_, i) => doc.entries[i]?.key === key);
  if (targets.length === 0) return new Uint8Array(doc.raw);
  const hash = encodeUtf8('# ');
  const pieces: { from: number; to: number; bytes: Uint8Array }[] = [];
  for (const span of targets) {
    const lines = assignmentLines(doc, span);
    if (mode === 'remove') pieces.push({ from: lines.from, to: lines.to, bytes: new Uint8Array(0) });
    else for (const at of [span.start, ...lines.breaks]) pieces.push({ from: at, to: at, bytes: hash });
  }
  pieces.sort((a, b) => a.from - b.from);
  const out = splice(doc.raw, pieces);
  const after = parseEnv(out);
  const others = changedKeys(doc.values, after.values, new Set([key]));
  if (others.length > 0 || has(after.values, key) || after.entries.length !== doc.entries.length - targets.length) {
    throw verifyFailed(key, others.length > 0 ? others : ['the number of assignments']);
  }
  return out;
}

/** Rename every assignment of `from` to `to`; values and everything else stay byte-identical. */
export function renameKey(input: string | Uint8Array, from: string, to: string): Uint8Array {
  assertEnvKey(from);
  assertEnvKey(to);
  const doc = parseEnv(input);
  if (!has(doc.values, from)) {
    throw new KeyhiveError('NOT_FOUND', `${from} is not set in this file`, { fix: `Check the spelling; the file sets: ${Object.keys(doc.values).slice(0, 10).join(', ') || 'nothing'}.` });
  }
  if (from === to) return new Uint8Array(doc.raw);
  if (has(doc.values, to)) {
    throw new KeyhiveError('BAD_INPUT', `cannot rename ${from} to ${to}: ${to} is already set in this file`, { fix: `Unset ${to} first, or pick another name.` });
  }
  const name = encodeUtf8(to);
  const pieces = doc.spans.filter((_, i) => doc.entries[i]?.key === from).map((s) => ({ from: s.keyStart, to: s.keyEnd, bytes: name }));
  const out = splice(doc.raw, pieces);
  const after = parseEnv(out);
  const others = changedKeys(doc.values, after.values, new Set([from, to]));
  if (others.length > 0 || has(after.values, from) || after.values[to] !== doc.values[from] || after.entries.length !== doc.entries.length) {
    throw verifyFailed(from, others.length > 0 ? others : ['the number of assignments']);
  }
  return out;
}
