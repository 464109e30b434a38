/**
 * `workspace.setRunMode`: switch keyhive.yaml's `runMode` (docker ↔ native). Only the value's
 * bytes change (comments, order and formatting stay); the result is checked exactly as the
 * loader will read it before it is written atomically, with the old file kept in the backups.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { RunMode } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { readTextFileSafe } from '../../adapters/fs/safe-file.js';
import { resolveWorkspaceText } from '../../adapters/workspace/load-workspace.js';
import { writeWorkspaceFile } from '../../adapters/workspace/write-workspace-file.js';

/** The new text with `runMode` set; null when it already has that value. */
export function withRunMode(text: string, runMode: RunMode, file: string): string | null {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    throw new KeyhiveError('WORKSPACE_INVALID', `${file} is not a readable YAML map.`, { file, fix: 'Fix the YAML first (`keyhive status` shows where).' });
  }
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'runMode');
  if (!pair) {
    const current: RunMode = 'docker'; // the schema's default
    if (current === runMode) return null;
    return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}runMode: ${runMode}\n`;
  }
  const value = pair.value;
  if (!isScalar(value) || !value.range) {
    throw new KeyhiveError('WORKSPACE_INVALID', `runMode in ${file} is not a plain value.`, { file, fix: 'Write it as `runMode: docker` or `runMode: native`.' });
  }
  if (value.value === runMode) return null;
  const [start, end] = value.range;
  return text.slice(0, start) + runMode + text.slice(end);
}

export async function setRunMode(file: string, runMode: RunMode, opts: { backupDir?: string } = {}): Promise<{ changed: boolean }> {
  const { bytes } = await readTextFileSafe(file);
  const text = Buffer.from(bytes).toString('utf8');
  const next = withRunMode(text, runMode, file);
  if (next === null) return { changed: false };
  await resolveWorkspaceText(next, file); // refuses a result the loader would refuse
  await writeWorkspaceFile(file, next, { force: true, ...(opts.backupDir ? { backupDir: opts.backupDir } : {}) });
  return { changed: true };
}
