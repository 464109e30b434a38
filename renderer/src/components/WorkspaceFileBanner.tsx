/**
 * keyhive.yaml changed on disk and no longer loads (corrupted, deleted): shown at once above
 * every view, with where and the fix, until the file loads again. What the page shows meanwhile
 * is the last configuration that loaded — the banner says so, so nobody trusts it blindly.
 */
import type { ErrorPayload } from '../../../shared/errors.js';

export function WorkspaceFileBanner({ problem }: { problem: ErrorPayload | null }) {
  if (!problem) return null;
  return (
    <div className="notice notice-error workspace-file-banner" role="alert" aria-label="Workspace file problem">
      <strong className="notice-title">keyhive.yaml no longer loads — showing the last version that did</strong>
      <p className="notice-what">{problem.message}</p>
      {problem.file && (
        <p className="notice-where">
          <code>
            {problem.file}
            {problem.line ? `:${problem.line}` : ''}
          </code>
        </p>
      )}
      {problem.fix && (
        <p className="notice-fix">
          <span className="notice-fix-label">Fix: </span>
          {problem.fix}
        </p>
      )}
    </div>
  );
}
