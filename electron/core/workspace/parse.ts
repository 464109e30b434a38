/**
 * Parsing keyhive.yaml text into a validated WorkspaceConfig: YAML syntax (with line/col),
 * then the zod schema, then the cross-field rules in validate.ts. Every problem names its
 * path in the file, its line and the fix. Pure: the loader reads the file.
 */
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
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
    case 'invalid_key': {
      const key = String(path[path.length - 1] ?? '');
      const kind = path[0] === 'secrets' ? 'secret' : path[0] === 'services' ? 'service' : path[0] === 'formats' ? 'format' : 'name';
      const suggestion = key.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').replace(/-+$/, '');
      return `Rename ${JSON.stringify(key)}: a ${kind} name uses only letters, digits, ".", "_" and "-", and starts with a letter or digit (e.g. ${suggestion ? JSON.stringify(suggestion) : '"hub-api-key"'}).`;
    }
    case 'too_small':
      return `Give ${where} at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'entries' : issue.origin === 'string' ? 'characters' : ''}`.trimEnd() + '.';
    default:
      return `Correct ${where}: ${issue.message}.`;
  }
}

function messageForIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required but missing';
  if (issue.code === 'invalid_key') return 'is not a valid name';
  if (issue.code === 'unrecognized_keys') return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

/** Uses of aliases allowed when expanding keyhive.yaml (a real file has a handful). */
const MAX_ALIAS_COUNT = 100;

/** The line of the first alias that points at something itself built from aliases (else the first alias). */
function aliasBombLine(doc: Document, lines: LineCounter): number | undefined {
  let first: number | undefined;
  let nested: number | undefined;
  visit(doc, {
    Alias(_, node) {
      const offset = node.range?.[0];
      const line = offset === undefined ? undefined : lines.linePos(offset).line;
      first ??= line;
      const target = node.resolve(doc);
      let inner = false;
      if (target) {
        visit(target as never, {
          Alias() {
            inner = true;
            return visit.BREAK;
          },
        });
      }
      if (inner) {
        nested = line;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return nested ?? first;
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
  return parseWorkspaceAndData(text, file).parsed;
}

/**
 * The workspace from the plain data its YAML reads as (a cached `data` of parseWorkspaceAndData):
 * the same schema and rules, without the YAML parse. Null when there is anything to report (an
 * error or a warning): only the full parse can say on which line.
 */
export function workspaceFromData(data: unknown): ParsedWorkspace | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const result = WorkspaceSchema.safeParse(data);
  if (!result.success || validateWorkspace(result.data).length > 0) return null;
  return { config: result.data, warnings: [] };
}

/** parseWorkspaceWithWarnings, also returning the plain data the YAML reads as (what workspaceFromData takes). */
export function parseWorkspaceAndData(text: string, file: string): { parsed: ParsedWorkspace; data: unknown } {
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
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    // An "alias bomb" (aliases of aliases, billions of nodes), or an alias to no anchor.
    const line = aliasBombLine(doc, lines);
    throw new WorkspaceInvalidError(file, [
      {
        path: [],
        message: /excessive alias/i.test(e.message)
          ? `YAML aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT} uses of an alias) — a keyhive.yaml never needs that`
          : `YAML alias error: ${e.message}`,
        fix: 'Write the repeated settings out instead of nesting aliases (*name) of aliases.',
        ...(line ? { line } : {}),
      },
    ]);
  }
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
      const keyPos = issue.code === 'unrecognized_keys' || issue.code === 'invalid_key' ? locate(doc, lines, keyPath, true) : pos;
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
  return { parsed: { config, warnings: problems.filter((p) => p.severity === 'warning') }, data: raw };
}
