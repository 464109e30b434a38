/**
 * The keychain's previous values, kept so a sync or import can be undone, are forgotten once the
 * change is older than the undo window (`undo.keepDays`): a key a change replaced is not kept
 * longer than it can be used. Runs after each change, holding the lock; it remembers how far it
 * got (`<dataDir>/undo/<workspace key>.pruned`) so each entry is looked at once.
 */
import { join } from 'node:path';
import { writeFileDurably } from '../../adapters/fs/durable-write.js';
import { ensureDir, readTextOrNull } from '../../adapters/fs/file-facts.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';
import type { ActivityLog } from '../activity/activity-log.js';

export interface PruneDeps {
  activity: Pick<ActivityLog, 'records'>;
  store: SecretStore;
  dataDir: string;
  workspaceKey: string;
  keepMs: number;
  now: () => Date;
}

/** Returns how many kept values were forgotten. */
export async function pruneKeptValues(d: PruneDeps): Promise<number> {
  const dir = join(d.dataDir, 'undo');
  const mark = join(dir, `${d.workspaceKey}.pruned`);
  const through = ((await readTextOrNull(mark)) ?? '').trim();
  const cutoff = new Date(d.now().getTime() - d.keepMs).toISOString();
  const due = (await d.activity.records()).filter((r) => r.at > through && r.at < cutoff);
  let forgotten = 0;
  for (const r of due) {
    const account = r.undo?.keychain?.previousAccount;
    if (account && (await d.store.delete(account))) forgotten++;
  }
  const last = due.at(-1);
  if (last) {
    await ensureDir(dir);
    await writeFileDurably(mark, last.at + '\n');
  }
  return forgotten;
}
