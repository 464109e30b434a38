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

const REFUSED = /\b(401|403)\b|unauthori[sz]ed|forbidden/i;
const SUCCESS = /(?:->|status[=:]?)\s*2\d\d\b/i;

export function scanLogLines(lines: readonly string[]): LogScan {
  let refused = 0;
  let last: ErrorBodyRule | null = null;
  let lastIndex = -1;
  lines.forEach((line, i) => {
    if (!REFUSED.test(line)) return;
    refused++;
    lastIndex = i;
    last = ERROR_BODY_RULES.find((r) => r.pattern.test(line)) ?? null;
  });
  const succeededAfter = lastIndex >= 0 && lines.slice(lastIndex + 1).some((l) => SUCCESS.test(l));
  return { refused, last, lastIndex, succeededAfter };
}
