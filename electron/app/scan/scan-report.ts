/**
 * How a scan report reads for people and for `--json` (the stable, documented shape): the
 * shells print findings through these, so the CLI and the app word a finding the same way.
 */
export { describeFinding, scanJson } from '../../core/scan/findings.js';
