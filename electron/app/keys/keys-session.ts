/**
 * Opens what the key, scope and issued-key-rotation use cases need for one CLI command or one
 * app session: the workspace session (keychain, sync) plus service control, as a KeysContext.
 * Also the resumer `keyhive recover` uses for `rotate-issued` journals.
 */
import { pathExists } from '../workspace/workspace-file.js';
import { resolve } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { JournalRecord } from '../../core/rotation/journal-record.js';
import type { ContextOptions } from '../context/shell-context.js';
import { affectedServices, makeLive, probeContextOf, runModeOf, type OperationPorts } from '../sync/apply-change.js';
import { runProbes } from '../services/probe.js';
import { readBindingValue } from './probe-keys.js';
import { openOperation } from '../sync/apply-change-ports.js';
import { resumeIssuedKeyRotation } from '../rotation/issued-key-rotation.js';
import type { KeysContext } from './keys-context.js';

/** A KeysContext over an operation's ports (session sync + service control). */
export function keysContextOf(ports: OperationPorts, dataDir: string, extra: Partial<KeysContext> = {}): KeysContext {
  return {
    get workspace() {
      const ws = ports.workspace;
      return { id: ws.config.id, file: ws.file, config: ws.config };
    },
    store: ports.store,
    dataDir,
    ...(ports.clock ? { clock: ports.clock } : {}),
    async syncValue(secret, value) {
      await ports.sync(secret, { value });
    },
    ...(ports.status ? { status: ports.status } : {}),
    ...(ports.activity ? { activity: ports.activity } : {}),
    async bindingValue(service, varName) {
      const svc = ports.workspace.services.get(service);
      return svc ? ((await readBindingValue(svc, varName))?.value ?? null) : null;
    },
    async probe(secret) {
      const results = await runProbes(probeContextOf(ports), secret);
      const smoke = results.filter((r) => r.kind === 'auth-smoke' || r.kind === 'health');
      const failed = smoke.find((r) => !r.ok);
      if (smoke.length === 0) return { ok: true, detail: 'no probe declared for this secret' };
      return failed
        ? { ok: false, detail: `${failed.method} ${failed.url} → ${failed.status ?? 'no answer'}${failed.cause ? `: ${failed.cause}` : ''}` }
        : { ok: true, detail: smoke.map((r) => `${r.method} ${new URL(r.url).pathname} → ${r.status}`).join(', ') };
    },
    async restartConsumers(secret, progress) {
      const { services, skipped } = affectedServices(ports.workspace, secret, runModeOf(ports));
      const done = await makeLive(ports, services, progress);
      return skipped.length ? `${done}; skipped ${skipped.join(', ')} (not run by Keyhive in ${runModeOf(ports)} mode: restart ${skipped.length > 1 ? 'them' : 'it'} yourself if needed)` : done;
    },
    ...extra,
  };
}

/** The workspace file: the given one, else ./keyhive.yaml. */
export async function workspaceFileFrom(given: string | undefined): Promise<string> {
  const file = resolve(given ?? 'keyhive.yaml');
  if (!(await pathExists(file))) {
    throw new KeyhiveError('NOT_FOUND', `No workspace file at ${file}.`, { file, fix: 'Pass --workspace <path to keyhive.yaml>, or create one with `keyhive init`.' });
  }
  return file;
}

export interface OpenedKeysContext extends KeysContext {
  close(): Promise<void>;
}

export async function openKeysContext(workspace: string | undefined, opts: ContextOptions & { extra?: Partial<KeysContext> }): Promise<OpenedKeysContext> {
  const { extra: _extra, ...context } = opts;
  const op = await openOperation(await workspaceFileFrom(workspace), context);
  const ctx = keysContextOf(op.ports, op.dataDir, opts.extra);
  return Object.assign(ctx, { close: () => op.close() });
}

/** For `recoverPending(..., { resumers: { 'rotate-issued': … } })`. */
export function issuedKeyResumer(ctx: KeysContext): (record: JournalRecord) => Promise<{ ok: boolean; summary: string }> {
  return async (record) => {
    const r = await resumeIssuedKeyRotation(ctx, record);
    return { ok: r.ok, summary: r.summary };
  };
}
