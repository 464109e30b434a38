/**
 * `keyhive init` / `workspace.init`: scan a project folder, build a workspace from a preset or
 * from what was found, check it exactly as the loader will, then write a commented
 * keyhive.yaml — never over an existing one unless forced (the old one goes to the backups).
 * No secret value is ever written into the file.
 */
import path from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import { resolveWorkspaceText, type LoadedWorkspace } from '../../adapters/workspace/load-workspace.js';
import { scanProject } from '../../adapters/workspace/scan-project.js';
import { pathKind } from '../../adapters/fs/file-facts.js';
import { pathExists } from './workspace-file.js';
import { writeWorkspaceFile } from '../../adapters/workspace/write-workspace-file.js';
import { newWorkspaceId, toName, type WorkspaceDraft } from '../../core/workspace/draft.js';
import { formatPath, WorkspaceInvalidError } from '../../core/workspace/problem.js';
import { isPresetName, PRESET_NAMES, PRESETS } from '../../core/workspace/presets/index.js';

/** The presets `keyhive init --preset` and the app's create dialog offer. */
export { PRESET_NAMES };
import { proposeWorkspace } from '../../core/workspace/propose.js';
import { renderWorkspaceYaml } from '../../core/workspace/render-yaml.js';
import { WORKSPACE_FILE_NAME } from '../../core/workspace/workspace.js';

export interface InitWorkspaceOptions {
  dir: string;
  preset?: string;
  force?: boolean;
  /** Workspace name (default: the folder's name). */
  name?: string;
  /** How deep to look for Compose and .env files (default 4). */
  maxDepth?: number;
  /** Where the replaced file's backup goes (default: Keyhive's data dir). */
  backupDir?: string;
}

export interface InitWorkspaceResult {
  file: string;
  workspace: LoadedWorkspace;
  /** What was found (relative paths). */
  found: { composeFiles: string[]; envFiles: string[]; templates: string[] };
  /** Things to check, in plain words (never a value). */
  warnings: string[];
  replaced: boolean;
  backupId: string | null;
}

async function requireDir(dir: string): Promise<void> {
  const kind = await pathKind(dir);
  if (!kind) throw new KeyhiveError('NOT_FOUND', `No folder at ${dir}.`, { file: dir, fix: 'Pass the project folder that holds your services, e.g. `keyhive init ~/code/myproject`.' });
  if (kind !== 'dir') throw new KeyhiveError('BAD_INPUT', `${dir} is not a folder.`, { file: dir, fix: 'Pass the project folder, not a file.' });
}

/** The proposed secrets a validation error is about (only for scan proposals, never presets). */
export function droppableSecrets(e: unknown, draft: WorkspaceDraft): string[] {
  if (!(e instanceof WorkspaceInvalidError) || draft.source.startsWith('preset')) return [];
  const names = new Set<string>();
  for (const p of e.problems) {
    if (p.path[0] !== 'secrets' || typeof p.path[1] !== 'string') return []; // something else is wrong
    names.add(p.path[1]);
  }
  return [...names];
}

export async function initWorkspace(opts: InitWorkspaceOptions): Promise<InitWorkspaceResult> {
  const dir = path.resolve(opts.dir);
  if (opts.preset !== undefined && !isPresetName(opts.preset)) {
    throw new KeyhiveError('BAD_INPUT', `Unknown preset "${opts.preset}".`, { fix: `Use one of: ${PRESET_NAMES.join(', ')} — or leave --preset out to propose from what is found.` });
  }
  await requireDir(dir);
  const file = path.join(dir, WORKSPACE_FILE_NAME);
  if (!opts.force && (await pathExists(file))) {
    throw new KeyhiveError('FILE_CONFLICT', `${WORKSPACE_FILE_NAME} already exists in ${dir}; it was left as it is.`, {
      file,
      fix: 'Edit it, or run `keyhive init --force` to replace it (the old file is kept in Keyhive\'s backups).',
    });
  }
  const scan = await scanProject(dir, { maxDepth: opts.maxDepth });
  const ctx = { name: opts.name ?? toName(path.basename(dir), 'workspace'), id: newWorkspaceId() };
  const draft = opts.preset !== undefined && isPresetName(opts.preset) ? PRESETS[opts.preset](scan, ctx) : proposeWorkspace(scan, ctx);
  let text = renderWorkspaceYaml(draft);
  let workspace: LoadedWorkspace;
  try {
    try {
      workspace = await resolveWorkspaceText(text, file);
    } catch (e) {
      // A proposal the rules refuse (an unusual layout): leave those secrets out, say so, retry once.
      const dropped = droppableSecrets(e, draft);
      if (dropped.length === 0) throw e;
      for (const name of dropped) delete draft.input.secrets?.[name];
      draft.warnings.push(`left out proposed secret(s) ${dropped.join(', ')}: they did not pass the workspace rules — add them by hand.`);
      text = renderWorkspaceYaml(draft);
      workspace = await resolveWorkspaceText(text, file);
    }
  } catch (e) {
    const detail = e instanceof KeyhiveError ? e.message : String(e);
    throw new KeyhiveError('INTERNAL', `keyhive init built a workspace that does not validate; nothing was written. ${detail}`, {
      fix: 'This is a bug in Keyhive; please report it with the layout of your project (file names only). Meanwhile use --preset or write keyhive.yaml by hand.',
      cause: e,
    });
  }
  const { replaced, backupId } = await writeWorkspaceFile(file, text, { force: opts.force, backupDir: opts.backupDir });
  const warnings = [...draft.warnings, ...workspace.warnings.map((w) => `${formatPath(w.path)}${w.line ? ` (line ${w.line})` : ''}: ${w.message} — ${w.fix}`)];
  return {
    file,
    workspace,
    found: { composeFiles: scan.composeFiles, envFiles: scan.envFiles.map((f) => f.path), templates: scan.templates },
    warnings,
    replaced,
    backupId,
  };
}
