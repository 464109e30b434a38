/** The workspace the desktop app opens: `--workspace=<file>`, `--workspace <file>`, or KEYHIVE_WORKSPACE. */
export const WORKSPACE_ENV = 'KEYHIVE_WORKSPACE';

export function workspaceArgument(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length) || undefined;
    if (arg === '--workspace') return argv[i + 1] || undefined;
  }
  return env[WORKSPACE_ENV] || undefined;
}

/** `--demo`: open the bundled demo (set up from the prebuilt out/demo in a packaged app). */
export const demoRequested = (argv: readonly string[]): boolean => argv.includes('--demo');
