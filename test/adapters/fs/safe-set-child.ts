/**
 * The child of safe-set-crash.test.ts: one real safe `set` (read, edit, writeFileAtomic with an
 * encrypted backup), killed by the KEYHIVE_TEST_CRASH_AFTER hook at the step the test names.
 * argv: file, workspace root, data dir, key, value. Prints the backup id when it gets to the end.
 */
import { createBackupStore, deriveBackupKey } from '../../../electron/adapters/fs/backups.js';
import { readTextFileSafe, writeFileAtomic } from '../../../electron/adapters/fs/safe-file.js';
import { setValue } from '../../../electron/core/env/index.js';

const [file, root, dataDir, key, value] = process.argv.slice(2) as [string, string, string, string, string];
const backups = createBackupStore(dataDir, { scope: 'crash', key: async () => deriveBackupKey('crash-test') });
const read = await readTextFileSafe(file, { root });
const { backupId } = await writeFileAtomic(file, setValue(read.bytes, key, value), { expected: read.bytes, root, backups });
process.stdout.write(`${backupId}\n`);
