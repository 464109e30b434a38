/**
 * Which files a sync writes for one binding. The goal: the service SEES the new value in every
 * run mode, and no file is left shadowing another with an old value. So a sync writes
 *   - every file the service may read (keyhive.yaml `envFiles` and, in Compose, its `env_file:`
 *     list) that already assigns the variable — a shadowing `.env.local` gets the value too,
 *     and the `.env` underneath stays consistent;
 *   - when none assigns it: the base file (the first of those files that exists; else the first
 *     listed, created).
 * Compose `environment:` literals are not edited (the compose file is the user's); status keeps
 * reporting them as shadowed.
 */
import type { FileObservation } from './model.js';

export interface WriteTarget {
  path: string;
  /** True when the file does not exist yet and must be created. */
  create: boolean;
}

export function syncTargets(candidates: FileObservation[]): WriteTarget[] {
  const unique: FileObservation[] = [];
  for (const f of candidates) if (!unique.some((u) => u.path === f.path)) unique.push(f);
  const assigning = unique.filter((f) => f.entry !== undefined);
  if (assigning.length > 0) return assigning.map((f) => ({ path: f.path, create: false }));
  const base = unique.find((f) => f.exists) ?? unique[0];
  return base ? [{ path: base.path, create: !base.exists }] : [];
}
