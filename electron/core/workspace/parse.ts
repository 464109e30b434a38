/**
 * Parsing keyhive.yaml text into a validated WorkspaceConfig: YAML syntax (with line/col),
 * then the zod schema, then the cross-field rules in validate.ts. Every problem names its
 * path in the file, its line and the fix. Pure: the loader reads the file.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { WorkspaceSchema, type WorkspaceConfig } from './schema.js';
import { formatPath, WorkspaceInvalidError, type PathSegment, type WorkspaceProblem } from './problem.js';
import { locate } from './yaml-location.js';
import { validateWorkspace } from './validate.js';

function fixForIssue(issue: z.core.$ZodIssue, path: PathSegment[]): string {
  const where = formatPath(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `Remove or rename ${issue.keys.map((k) => `"${k}"`).join(', ')} under ${where} (check the spelling against the documented keys).`;
    case 'invalid_type':
      if (issue.input === undefined) return `Add ${where}.`;
      return `Make ${where} a ${issue.expected}.`;
    case 'invalid_value':
      return `Use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'invalid_format':
      return issue.format === 'url' ? `Write ${where} as a full URL, e.g. http://localhost:8080.` : `Correct ${where}: ${issue.message}.`;
    case 'too_small':
      return `Give ${where} at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'entries' : issue.origin === 'string' ? 'characters' : ''}`.trimEnd() + '.';
    default:
      return `Correct ${where}: ${issue.message}.`;
  }
}

function messageForIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required but missing';
  if (issue.code === 'unrecognized_keys') return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

export interface ParsedWorkspace {
  config: WorkspaceConfig;
  /** Problems that do not stop loading (with line numbers). */
  warnings: WorkspaceProblem[];
}

/** Parse and validate; throws WorkspaceInvalidError (code WORKSPACE_INVALID) with every problem. */
export function parseWorkspace(text: string, file: string): WorkspaceConfig {
  return parseWorkspaceWithWarnings(text, file).config;
}

/** parseWorkspace, also returning the warnings. */
export function parseWorkspaceWithWarnings(text: string, file: string): ParsedWorkspace {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    const problems: WorkspaceProblem[] = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return {
        path: [],
        message: `YAML syntax error: ${e.message.split('\n')[0] ?? e.message}`,
        fix: e.code === 'DUPLICATE_KEY' ? 'Remove the repeated key (each key may appear once per map).' : 'Fix the YAML syntax at that line (indentation, quotes, a missing ":").',
        line: pos?.line,
        col: pos?.col,
      };
    });
    throw new WorkspaceInvalidError(file, problems);
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new WorkspaceInvalidError(file, [
      { path: [], message: 'is empty or not a map of settings', fix: 'Start from `keyhive init`, or write name:, id: and services: at the top level.', line: 1 },
    ]);
  }
  const result = WorkspaceSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue): WorkspaceProblem => {
      const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
      const pos = locate(doc, lines, path, issue.code === 'invalid_type' && issue.input === undefined);
      const keyPath = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
      const keyPos = issue.code === 'unrecognized_keys' ? locate(doc, lines, keyPath, true) : pos;
      return { path, message: messageForIssue(issue), fix: fixForIssue(issue, path), line: keyPos?.line, col: keyPos?.col };
    });
    throw new WorkspaceInvalidError(file, problems);
  }
  const config = result.data;
  const problems = validateWorkspace(config).map((p) => {
    const pos = locate(doc, lines, p.path);
    return { ...p, line: pos?.line, col: pos?.col };
  });
  const errors = problems.filter((p) => p.severity !== 'warning');
  if (errors.length > 0) throw new WorkspaceInvalidError(file, errors);
  return { config, warnings: problems.filter((p) => p.severity === 'warning') };
}
