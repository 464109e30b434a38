/** The leak guard's API channels (`scan.run`, `scan.fix`), kept out of service-handlers.ts. */
import type { ApiHandlers } from '../../../shared/api.js';
import type { ProgressEvent } from '../../../shared/domain.js';
import type { OpenWorkspace } from '../session-holder.js';
import { progressEmitter } from '../sync/apply-change.js';
import { runScan } from './run-scan.js';
import { applyScanFix } from './apply-fix.js';

export function scanHandlers(open: () => Promise<OpenWorkspace>, onProgress: (e: ProgressEvent) => void): Pick<ApiHandlers, 'scan.run' | 'scan.fix'> {
  return {
    'scan.run': async (scope) => {
      const ws = await open();
      const pr = progressEmitter('scan', undefined, onProgress, ws.session.clock);
      let last: string | null = null;
      const onStep = (label: string): void => {
        if (last) pr.emit(last, last, 'done');
        last = label;
        pr.emit(label, label, 'running');
      };
      try {
        const report = await runScan({ workspace: ws.session.workspace, store: ws.session.store, onStep }, scope);
        if (last) pr.emit(last, last, 'done', `${report.findings.length} finding(s)`);
        return report;
      } catch (e) {
        if (last) pr.emit(last, last, 'failed', e instanceof Error ? e.message : String(e));
        throw e;
      }
    },
    'scan.fix': async (fix) => {
      const { applied, file } = await applyScanFix((await open()).session, fix);
      return { applied, file };
    },
  };
}
