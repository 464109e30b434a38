/**
 * Optional persistence for a standalone reference server's key table (the real systems keep keys
 * in a database, so a restart — e.g. after rotating the admin key — must not lose them): with
 * `PEER_STATE_FILE` set, the map is loaded from that JSON file at start and written back
 * (atomically, mode 0600, hashes only — never a plaintext key) whenever it changed.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export function persistMap<V>(map: Map<string, V>, file: string | undefined, everyMs = 300): () => void {
  if (!file) return () => {};
  try {
    for (const [k, v] of JSON.parse(readFileSync(file, 'utf8')) as [string, V][]) map.set(k, v);
  } catch {
    // no state yet (or unreadable): start empty, like a fresh database
  }
  let last = JSON.stringify([...map]);
  const save = (): void => {
    const now = JSON.stringify([...map]);
    if (now === last) return;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, now, { mode: 0o600 });
    renameSync(tmp, file);
    last = now;
  };
  const timer = setInterval(save, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    save();
  };
}
