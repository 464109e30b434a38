/** What a global-setup starter returns: env to export, a stop function, and why it is unavailable, if so. */
export interface StartedPart {
  env: Record<string, string>;
  stop: () => Promise<void>;
  /** Set when the part could not start: tests that need it skip and say so. */
  unavailable?: string;
}
