/**
 * Rotation of a shared secret as a journaled flow (electron/core/rotation/step-machine.ts):
 *
 *   backup     keep the current value under `rotationBackup` (kept until the new one is proven)
 *   generate   a new value in the secret's format, kept under `rotationPending` at once
 *   keychain   the keychain entry takes the new value
 *   files      every binding gets it (session.sync from the keychain)
 *   restart    recreate/restart every affected service in ONE step
 *   probe      the new key must pass every probe            ← commit point
 *   cleanup    forget the kept values, log the rotation
 *
 * Before `probe` is done, a failure or a crash rolls back: the keychain and every binding get the
 * old value again and the services are made live on it (afterRollback). After it, recovery just
 * finishes `cleanup`. The journal holds fingerprints and names only; values live in the keychain.
 */
import type { ProbeResult } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { keyFormats } from '../../core/keys/index.js';
import type { Flow, FlowStep, StepIo } from '../../core/rotation/step-machine.js';
import { accounts } from '../../core/secrets/secret-store.js';
import { affectedServices, makeLive, probeContextOf, runModeOf, type OperationPorts } from '../sync/apply-change.js';
import { currentKeyOf } from '../keys/probe-keys.js';
import { runProbes } from '../services/probe.js';

export interface RotationCtx {
  ports: OperationPorts;
  secret: string;
  /** Fingerprint of a value with the workspace's key (for the journal and messages). */
  fingerprint: (value: string) => Promise<string | null>;
  /** The probes of the last probe step (for the result). */
  lastProbes?: ProbeResult[];
}

export interface RotationData {
  hadOld?: boolean;
  fingerprintBefore?: string | null;
  fingerprintAfter?: string | null;
  services?: string[];
  restartStarted?: boolean;
  files?: string[];
  /** The activity entry of the sync that wrote the new key (its undo restores the files' bytes). */
  filesActivity?: string;
  probed?: boolean;
}

const data = (io: StepIo): RotationData => io.record.data as RotationData;
const acct = (c: RotationCtx) => {
  const id = c.ports.workspace.config.id;
  return { secret: accounts.secret(id, c.secret), backup: accounts.rotationBackup(id, c.secret), pending: accounts.rotationPending(id, c.secret) };
};

const servicesOf = (c: RotationCtx) => affectedServices(c.ports.workspace, c.secret, runModeOf(c.ports)).services;

async function forgetKept(c: RotationCtx): Promise<void> {
  const a = acct(c);
  await c.ports.store.delete(a.pending);
  await c.ports.store.delete(a.backup);
}

const backup: FlowStep<RotationCtx> = {
  id: 'backup',
  label: 'Keep the current value until the new one is proven',
  async forward(c, io) {
    const a = acct(c);
    const old = (await c.ports.store.get(a.secret)) ?? (await currentKeyOf(c.ports.workspace, undefined, c.secret))?.value ?? null;
    if (old) await c.ports.store.set(a.backup, old);
    io.setData({ hadOld: old !== null, fingerprintBefore: old ? await c.fingerprint(old) : null });
  },
};

const generate: FlowStep<RotationCtx> = {
  id: 'generate',
  label: 'Generate a new key',
  async forward(c, io) {
    const a = acct(c);
    const cfg = c.ports.workspace.config.secrets[c.secret]!;
    let value = await c.ports.store.get(a.pending);
    const known = data(io).fingerprintAfter;
    if (!value || !known || (await c.fingerprint(value)) !== known) {
      value = keyFormats(c.ports.workspace.config).generate(cfg.format);
      await c.ports.store.set(a.pending, value);
    }
    const fp = await c.fingerprint(value);
    io.setData({ fingerprintAfter: fp });
    io.progress(`new key ${fp} (format ${cfg.format}), kept in the keychain until proven`);
  },
  async compensate(c) {
    await c.ports.store.delete(acct(c).pending);
  },
};

const keychain: FlowStep<RotationCtx> = {
  id: 'keychain',
  label: 'Store the new key in the keychain',
  async forward(c) {
    const a = acct(c);
    const value = await c.ports.store.get(a.pending);
    if (!value) throw new KeyhiveError('INTERNAL', 'the new key is no longer in the keychain', { fix: 'Run `keyhive recover`; the old value is kept.' });
    await c.ports.store.set(a.secret, value);
  },
  async compensate(c, io) {
    const a = acct(c);
    const old = await c.ports.store.get(a.backup);
    if (old) await c.ports.store.set(a.secret, old);
    else if (!data(io).hadOld) await c.ports.store.delete(a.secret);
  },
};

const files: FlowStep<RotationCtx> = {
  id: 'files',
  label: 'Write the new key to every binding',
  async forward(c, io) {
    const r = await c.ports.sync(c.secret, 'keychain');
    io.setData({ files: r.files, filesActivity: r.activityId });
    io.progress(`${r.files.length} file(s) written`);
  },
  async compensate(c, io) {
    const old = await c.ports.store.get(acct(c).backup);
    if (!old) {
      // No previous value to write back: undo the sync instead, so every file gets its bytes from
      // before the rotation (an empty value stays empty, a missing one missing).
      const d = data(io);
      if (!d.filesActivity || !d.files?.length) return io.progress('no file was written');
      try {
        await c.ports.undo(d.filesActivity);
        return io.progress(`${d.files.length} file(s) restored to their bytes before the rotation`);
      } catch (e) {
        if (!(e instanceof KeyhiveError && e.code === 'UNDO_REFUSED')) throw e;
        return io.progress(`the files were left as they are: ${e.message}`);
      }
    }
    const r = await c.ports.sync(c.secret, { value: old });
    io.progress(`${r.files.length} file(s) restored to the previous value`);
  },
};

const restart: FlowStep<RotationCtx> = {
  id: 'restart',
  label: 'Recreate the services in one step',
  async forward(c, io) {
    const services = servicesOf(c);
    io.setData({ restartStarted: true, services: services.map((s) => s.name) });
    await io.saveNow();
    io.progress(await makeLive(c.ports, services, (d) => io.progress(d)));
  },
  // undone in afterRollback, once the files hold the old value again
};

const probe: FlowStep<RotationCtx> = {
  id: 'probe',
  label: 'Probe the new key',
  commits: true,
  async forward(c, io) {
    const value = await c.ports.store.get(acct(c).pending);
    if (!value) throw new KeyhiveError('INTERNAL', 'the new key is no longer in the keychain', { fix: 'Run `keyhive recover`.' });
    let results: ProbeResult[];
    try {
      results = await runProbes(probeContextOf(c.ports), c.secret, { key: value });
    } catch (e) {
      if (e instanceof KeyhiveError && e.code === 'BAD_INPUT') {
        io.progress(`not probed: ${e.message}`);
        return;
      }
      throw e;
    }
    c.lastProbes = results;
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) {
      throw new KeyhiveError('PROBE_FAILED', `the new key failed ${failed.map((f) => `${f.kind} (${f.status ?? 'no answer'}: ${f.cause ?? 'failed'})`).join('; ')}`, {
        fix: failed[0]?.fix ?? 'Run `keyhive doctor` to see why.',
      });
    }
    io.setData({ probed: true });
    io.progress(`${results.length} probe(s) passed`);
  },
};

const cleanup: FlowStep<RotationCtx> = {
  id: 'cleanup',
  label: 'Forget the old value',
  async forward(c) {
    await forgetKept(c);
  },
};

export const ROTATION_STEPS = ['backup', 'generate', 'keychain', 'files', 'restart', 'probe', 'cleanup'] as const;

export function rotationFlow(): Flow<RotationCtx> {
  return {
    operation: 'rotate',
    steps: [backup, generate, keychain, files, restart, probe, cleanup],
    async afterRollback(c, io) {
      if (data(io).restartStarted) io.progress(await makeLive(c.ports, servicesOf(c), (d) => io.progress(d)));
      await forgetKept(c);
    },
  };
}
