/** Real git repositories for the leak guard's tests: a repo at a folder, commits with fixed identities and dates. */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export function gitIn(dir: string) {
  const run = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z', GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z', GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
    }).trim();
  return {
    run,
    async init(): Promise<void> {
      run('init', '-q', '-b', 'main');
      run('config', 'user.email', 'dev@example.test');
      run('config', 'user.name', 'Dev');
      run('config', 'commit.gpgsign', 'false');
    },
    async write(rel: string, text: string): Promise<void> {
      await mkdir(dirname(join(dir, rel)), { recursive: true });
      await writeFile(join(dir, rel), text);
    },
    commit(message: string, ...paths: string[]): string {
      run('add', '--', ...(paths.length ? paths : ['.']));
      run('commit', '-q', '--no-verify', '-m', message);
      return run('rev-parse', 'HEAD');
    },
  };
}
