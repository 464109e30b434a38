/**
 * Exit codes of every `keyhive` command, and how a thrown error maps onto them.
 *   0  ok
 *   1  a problem was found (drift, failed probe, refused write, unavailable keychain...)
 *   2  bad usage or input (unknown option, unreadable workspace file, invalid value)
 */
import { asKeyhiveError, describeError, isKeyhiveError, type ErrorCode } from '../../shared/errors.js';
import { EXIT_PROBLEM, EXIT_USAGE } from './exit-codes.js';

export { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from './exit-codes.js';

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set(['BAD_INPUT', 'WORKSPACE_INVALID', 'ENV_PARSE', 'ENV_UNWRITABLE_VALUE', 'NOT_FOUND']);

export function exitCodeFor(thrown: unknown): number {
  const e = asKeyhiveError(thrown);
  if (isKeyhiveError(e)) return USAGE_CODES.has(e.code) ? EXIT_USAGE : EXIT_PROBLEM;
  return EXIT_PROBLEM;
}

export { describeError };
