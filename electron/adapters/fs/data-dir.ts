/**
 * The app's data directory (backups, the CLI's fingerprint key, ...), never next to a user's file:
 *   $KEYHIVE_DATA_DIR if set, else
 *   Linux   $XDG_DATA_HOME/keyhive (default ~/.local/share/keyhive)
 *   macOS   ~/Library/Application Support/Keyhive
 *   Windows %APPDATA%\Keyhive
 * Created with mode 0700.
 */
import { chmod, mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';

export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const explicit = env.KEYHIVE_DATA_DIR;
  if (explicit) return resolve(explicit);
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Keyhive');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Keyhive');
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share'), 'keyhive');
}

/** The data dir, created (0700) if missing. */
export async function ensureDataDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = dataDir(env);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const st = await stat(dir);
    if (!st.isDirectory()) throw new KeyhiveError('FILE_REFUSED', `the Keyhive data dir ${dir} is not a directory`, { file: dir, fix: 'Remove or rename that file, or point KEYHIVE_DATA_DIR elsewhere.' });
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) await chmod(dir, 0o700);
  } catch (e) {
    if (e instanceof KeyhiveError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new KeyhiveError('FILE_PERMISSION', `cannot create the Keyhive data dir ${dir} (${code})`, { file: dir, fix: 'Make its parent writable, or set KEYHIVE_DATA_DIR to a writable directory.', cause: e });
    }
    throw e;
  }
  return dir;
}
