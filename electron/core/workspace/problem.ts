/**
 * One thing wrong with a keyhive.yaml: where (dotted path and line), what, and the fix.
 * `WorkspaceInvalidError` carries all of them; its message lists each on its own line.
 */
import { KeyhiveError } from '../../../shared/errors.js';

export type PathSegment = string | number;

export interface WorkspaceProblem {
  /** Path in the file, e.g. ['secrets', 'hub-api-key', 'bindings', 1, 'service']. */
  path: PathSegment[];
  message: string;
  fix: string;
  /** 1-based line and column, when known. */
  line?: number;
  col?: number;
  /** Warnings do not stop loading. */
  severity?: 'error' | 'warning';
}

/** `secrets.hub-api-key.bindings[1].service` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(top level)' : out;
}

export class WorkspaceInvalidError extends KeyhiveError {
  readonly problems: WorkspaceProblem[];
  constructor(file: string, problems: WorkspaceProblem[]) {
    const first = problems[0];
    const lines = problems.map((p) => `  ${p.line ? `line ${p.line}: ` : ''}${formatPath(p.path)}: ${p.message}${problems.length > 1 ? ` (fix: ${p.fix})` : ''}`);
    const head = problems.length === 1 ? 'The workspace file has a problem:' : `The workspace file has ${problems.length} problems:`;
    super('WORKSPACE_INVALID', `${head}\n${lines.join('\n')}`, { file, line: first?.line, fix: first?.fix ?? 'Correct keyhive.yaml.' });
    this.problems = problems;
  }
}
