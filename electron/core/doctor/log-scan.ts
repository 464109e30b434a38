/**
 * Reads a caller's recent log lines for refused calls (pure). Lines are never shown as they are
 * (a log line may hold anything): the result is a count and, when a known server error text
 * appears, that known text and what it means.
 */
import { ERROR_BODY_RULES, type ErrorBodyRule } from '../probes/error-bodies.js';

export interface LogScan {
  refused: number;
  /** The known error of the LAST refused line, if recognised. */
  last: ErrorBodyRule | null;
  /** Index (0-based) of the last refused line, to tell whether a success came after it. */
  lastIndex: number;
  /** A success (2xx) logged after the last refusal. */
  succeededAfter: boolean;
}

const REFUSED = /\b(401|403|429|503)\b|unauthori[sz]ed|forbidden/i;
/** A success: the peer's `-> 200`, a `status=200`, or a browser/fetch-style `POST http://… 201 (Created)`. */
const SUCCESS = /(?:->|status[=:]?)\s*2\d\d\b|\s2\d\d\s+\([A-Za-z ]+\)/i;
/** A line that is only a JSON error body (printed on the line after the request, as the runbook shows it). */
const BODY_ONLY = /^\s*\{.*"(?:error|message|detail)"\s*:/;

export function scanLogLines(lines: readonly string[]): LogScan {
  let refused = 0;
  let last: ErrorBodyRule | null = null;
  let lastIndex = -1;
  const known = (text: string): ErrorBodyRule | null => ERROR_BODY_RULES.find((r) => r.pattern.test(text)) ?? null;
  lines.forEach((line, i) => {
    // The body of the refusal just above belongs to it (not a second refusal).
    if (BODY_ONLY.test(line) && lastIndex === i - 1 && lastIndex >= 0) {
      last = known(line) ?? last;
      return;
    }
    if (!REFUSED.test(line) || SUCCESS.test(line)) return;
    refused++;
    lastIndex = i;
    last = known(line);
  });
  const succeededAfter = lastIndex >= 0 && lines.slice(lastIndex + 1).some((l) => SUCCESS.test(l));
  return { refused, last, lastIndex, succeededAfter };
}
