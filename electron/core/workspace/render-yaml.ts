/**
 * Writes a workspace draft as a commented keyhive.yaml: a header saying what the file is and
 * that no value ever goes in it, a comment per section and per entry. Bindings are written
 * one per line in flow style so a secret's sides read like a table. Pure.
 */
import { Document, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { WorkspaceDraft } from './draft.js';

const SECTION_COMMENTS: Record<string, string> = {
  id: ' Random id that namespaces this workspace\'s keychain entries (`<id>/<secret>`). Keep it stable.',
  runMode: ' How the services run now: docker (Compose) or native. URLs, restarts and probes follow it.',
  services:
    ' Services: where each one lives (dir, relative to this file), its .env files in precedence order\n' +
    ' (later wins, paths relative to dir), how Keyhive restarts it (docker: / native:) and its URLs.',
  secrets:
    ' Secrets: one shared key under possibly different variable names. The value lives in the OS\n' +
    ' keychain and in the bound .env files — never in this file. role: server = the service that\n' +
    ' checks the key; client = a service that sends it (urlVar = where it finds the server).',
  formats: ' Custom key formats: a regex the whole value must match and how to generate one.',
  issuers: ' Issuers: admin APIs that create keys (their admin credential lives in the keychain).',
};

function pairOf(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isScalar(p.key) && p.key.value === key);
}

function setComment(pair: Pair | undefined, text: string): void {
  if (pair && isScalar(pair.key)) (pair.key as Node).commentBefore = text;
}

export function renderWorkspaceYaml(draft: WorkspaceDraft): string {
  const doc = new Document(draft.input);
  doc.commentBefore =
    ` keyhive.yaml — the services of this project and the secrets they share (written by keyhive init, ${draft.source}).\n` +
    ' No secret value is ever written here: Keyhive keeps values in the OS keychain and the .env files.\n' +
    ' Check the proposals below, then run `keyhive status`.';
  const root = doc.contents;
  for (const [key, text] of Object.entries(SECTION_COMMENTS)) setComment(pairOf(root, key), text);
  for (const key of ['id', 'services', 'secrets', 'formats', 'issuers']) {
    const k = pairOf(root, key)?.key;
    if (isScalar(k)) k.spaceBefore = true;
  }
  for (const [path, text] of Object.entries(draft.comments)) {
    const [section, name] = path.split('.', 2) as [string, string | undefined];
    if (name === undefined) continue;
    const entry = pairOf(pairOf(root, section)?.value, name);
    const lines = text.split('\n').map((l) => ` ${l}`).join('\n');
    setComment(entry, lines);
  }
  // One line per binding: `- { service: hub, var: API_KEY, role: server }`.
  const secrets = pairOf(root, 'secrets')?.value;
  if (isMap(secrets)) {
    for (const s of secrets.items) {
      const bindings = isPair(s) ? pairOf(s.value, 'bindings')?.value : undefined;
      if (isSeq(bindings)) for (const b of bindings.items) if (isMap(b)) b.flow = true;
    }
  }
  return doc.toString({ lineWidth: 0 });
}
