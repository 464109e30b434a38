/**
 * `shell.openExternal` only ever receives an https URL the app itself builds: each builder below
 * has a matcher, and a link the page asks for (window.open, target=_blank, navigation) opens in
 * the system browser only when one of them recognises it. Anything else is dropped.
 */
import type { Shell } from 'electron';

interface LinkBuilder {
  /** What the link is for (shown in logs, never a value). */
  readonly name: string;
  matches(url: URL): boolean;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** The URLs Keyhive builds for the user: its documentation pages by topic. */
export const externalLinks = {
  docs: (topic: string): string => {
    if (!SLUG.test(topic)) throw new Error(`Not a documentation topic: ${topic.slice(0, 40)}`);
    return `https://keyhive.dev/docs/${topic}`;
  },
  releases: (): string => 'https://keyhive.dev/releases',
} as const;

const BUILDERS: readonly LinkBuilder[] = [
  {
    name: 'docs',
    matches: (u) => u.hostname === 'keyhive.dev' && /^\/docs\/[a-z0-9][a-z0-9-]{0,80}$/.test(u.pathname),
  },
  { name: 'releases', matches: (u) => u.hostname === 'keyhive.dev' && u.pathname === '/releases' },
];

/** True only for a plain https URL (no credentials, port, query or fragment) a builder recognises. */
export function isAppBuiltUrl(candidate: string): boolean {
  let u: URL;
  try {
    u = new URL(candidate);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port || u.search || u.hash) return false;
  return BUILDERS.some((b) => b.matches(u));
}

/** Opens the URL in the system browser when it is one of ours; returns whether it did. */
export async function openExternalSafely(shell: Pick<Shell, 'openExternal'>, candidate: string): Promise<boolean> {
  if (!isAppBuiltUrl(candidate)) return false;
  await shell.openExternal(candidate);
  return true;
}
