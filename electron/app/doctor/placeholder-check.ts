/**
 * A shared secret (not issued by an admin API) whose value was pasted from a system's
 * documentation — `hivecfm-hub-secret-key` from the HiveCFM runbook, Hogsend's
 * `hsk_your-secret-admin-key-at-least-32-chars` — works between the two sides, but it is public:
 * the doctor names it and the fix is a fresh value on both sides (`keyhive rotate`).
 */
import type { DoctorFinding, SecretStatus } from '../../../shared/domain.js';
import { isDocumentationExample } from '../../core/env/secret-strength.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { currentKeyOf } from '../keys/probe-keys.js';

export async function placeholderFindings(workspace: Workspace, store: SecretStore, status: SecretStatus): Promise<DoctorFinding[]> {
  if (workspace.config.secrets[status.name]?.issuer) return []; // the issued-key checks say it
  const current = await currentKeyOf(workspace, store, status.name);
  if (!current || !isDocumentationExample(current.value)) return [];
  return [
    {
      secret: status.name,
      id: 'placeholder',
      title: 'A real key, not the documentation example',
      severity: 'error',
      cause: 'placeholder',
      what: `${status.name} holds an example value printed in the documentation (${current.source === 'caller' ? 'the caller' : current.source === 'keychain' ? 'the keychain' : 'the server'}'s value).`,
      why: 'Anyone who read the docs knows it: calls may pass, but the key protects nothing.',
      fix: `Generate a fresh value for every side and restart both in one step: \`keyhive rotate ${status.name}\`.`,
    },
  ];
}
