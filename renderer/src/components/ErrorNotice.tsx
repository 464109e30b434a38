/** An error as the user needs it: what happened, where, and the fix. */
import type { ErrorPayload } from '../../../shared/errors.js';

export function ErrorNotice({ error, title }: { error: ErrorPayload; title?: string }) {
  return (
    <div className="notice notice-error" role="alert">
      {title && <strong className="notice-title">{title}</strong>}
      <p className="notice-what">{error.message}</p>
      {error.file && (
        <p className="notice-where">
          <code>
            {error.file}
            {error.line ? `:${error.line}` : ''}
          </code>
        </p>
      )}
      {error.fix && (
        <p className="notice-fix">
          <span className="notice-fix-label">Fix: </span>
          {error.fix}
        </p>
      )}
    </div>
  );
}
