/**
 * The leak guard's one-click fixes as ONE use case for the Leaks panel (`scan.fix`) and
 * `keyhive scan --fix`: add a trackable env file to .gitignore, or write/refresh a service's
 * .env.example with placeholders. They write workspace files, so they take the workspace lock.
 */
import type { ScanFix, ScanReport } from '../../../shared/scan.js';
import type { WorkspaceSession } from '../workspace-session.js';
import { newOperationId } from '../operation-id.js';
import { ignoreEnvFile, writeEnvExample } from './scan-fixes.js';

type Fix = ScanFix;
type FixSession = Pick<WorkspaceSession, 'workspace' | 'lock' | 'clock'>;

export interface AppliedFix {
  applied: string;
  file: string;
  changed: boolean;
}

async function applyOne(session: FixSession, fix: Fix): Promise<AppliedFix> {
  if (fix.action === 'gitignore') {
    const out = await ignoreEnvFile(session.workspace, fix.file);
    return { applied: out.changed ? `Added ${fix.file} to ${out.gitignore}.` : `${fix.file} was already in ${out.gitignore}.`, file: out.gitignore, changed: out.changed };
  }
  const out = await writeEnvExample(session.workspace, fix.service);
  return { applied: `Wrote ${out.file} with placeholders for every bound variable.`, file: out.file, changed: true };
}

export function applyScanFix(session: FixSession, fix: Fix): Promise<AppliedFix> {
  return session.lock.run({ operation: 'scan-fix', operationId: newOperationId('scan-fix', session.clock) }, () => applyOne(session, fix));
}

/** Every fix a report calls for (what `keyhive scan --fix` does), under one lock. */
export function applyAllScanFixes(session: FixSession, report: ScanReport): Promise<AppliedFix[]> {
  const fixes: Fix[] = [
    ...report.findings.filter((x) => x.kind === 'unignored-env' && x.file).map((f) => ({ action: 'gitignore' as const, file: f.file! })),
    ...report.envExamples.filter((x) => !x.exists || x.missing.length || x.realValues.length).map((e) => ({ action: 'env-example' as const, service: e.service })),
  ];
  return session.lock.run({ operation: 'scan-fix', operationId: newOperationId('scan-fix', session.clock) }, async () => {
    const out: AppliedFix[] = [];
    for (const f of fixes) out.push(await applyOne(session, f));
    return out;
  });
}
