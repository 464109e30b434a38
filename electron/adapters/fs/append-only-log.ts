/**
 * An append-only log file of text lines (the activity log): 0600 in a 0700 folder. A crash
 * mid-append can leave a torn last line; the next append starts on a fresh line so its own
 * line survives whole, and readers skip what does not parse.
 */
import { appendFile, chmod, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
export { readTextOrEmpty as readLogText } from './file-facts.js';

async function endsWithNewline(file: string): Promise<boolean> {
  try {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      if (size === 0) return true;
      const buf = Buffer.alloc(1);
      await fh.read(buf, 0, 1, size - 1);
      return buf[0] === 10;
    } finally {
      await fh.close();
    }
  } catch {
    return true;
  }
}

/** Appends one line (`line` must not contain a newline) to the log, creating it 0600 if needed. */
export async function appendLogLine(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const lead = (await endsWithNewline(file)) ? '' : '\n';
  await appendFile(file, lead + line + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
}
