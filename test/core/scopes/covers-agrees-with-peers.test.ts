/**
 * Property: Keyhive's `covers` says exactly what each reference server's own authorisation does,
 * for random scope sets × every endpoint of the system's table. The peers implement their rules
 * independently (they never import electron/core/scopes), so agreement is evidence, not echo.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { covers, SCOPE_MODELS } from '../../../electron/core/scopes/scopes.js';
import type { IssuerSystem } from '../../../shared/domain.js';
import { callPeer } from '../../../electron/demo/peers/issuer-common/call.js';
import { start as startHogsend, type HogsendPeer } from '../../../electron/demo/peers/hogsend/server.js';
import { start as startTokenHub, type TokenHubPeer } from '../../../electron/demo/peers/tokenhub/server.js';
import { start as startHiveForge, type HiveForgePeer } from '../../../electron/demo/peers/hiveforge/server.js';

const LEGACY = 'hsk_property-test-legacy-admin-key-0000';
const ADMIN = 'tokenhub-property-admin';
let hogsend: HogsendPeer;
let tokenhub: TokenHubPeer;
let hiveforge: HiveForgePeer;
let ownerJwt: string;

beforeAll(async () => {
  hogsend = await startHogsend({ env: { ADMIN_API_KEY: LEGACY } });
  tokenhub = await startTokenHub({ env: { TOKENHUB_ADMIN_TOKEN: ADMIN } });
  hiveforge = await startHiveForge({ env: { HIVEFORGE_JWT_SECRET: 's' } });
  ownerJwt = hiveforge.jwtFor(hiveforge.store.addUser({ email: 'o@x.test', orgId: 'org-1', role: 'owner' }));
});
afterAll(async () => {
  await Promise.all([hogsend?.close(), tokenhub?.close(), hiveforge?.close()]);
});

/** Creates a key with these scopes on the peer; returns [base URL, plaintext]. */
async function issue(system: IssuerSystem, scopes: string[]): Promise<[string, string]> {
  if (system === 'hogsend') {
    hogsend.clock.advance(61_000); // keep the legacy key under its rate limit
    const r = await callPeer(hogsend.url, 'POST', '/v1/admin/api-keys', LEGACY, { name: 'p', scopes });
    return [hogsend.url, String(r.body?.key)];
  }
  if (system === 'tokenhub') {
    const r = await callPeer(tokenhub.url, 'POST', '/admin/v1/keys', ADMIN, { name: 'p', scopes });
    return [tokenhub.url, String(r.body?.api_key)];
  }
  const r = await callPeer(hiveforge.url, 'POST', '/api/v1/api-keys', ownerJwt, { name: 'p', scopes });
  return [hiveforge.url, String(r.body?.key)];
}

const concrete = (path: string): string => path.replace(/:[a-z]+/g, 'x1');

describe.each(['hogsend', 'tokenhub', 'hiveforge'] as const)('covers agrees with the %s reference server', (system) => {
  it('on random scope sets × every endpoint', async () => {
    const model = SCOPE_MODELS[system];
    const minLength = model.emptyGrantsAll ? 0 : 1;
    await fc.assert(
      fc.asyncProperty(fc.subarray([...model.scopes], { minLength }), async (scopes) => {
        const [base, key] = await issue(system, scopes);
        expect(key.length).toBeGreaterThan(20);
        for (const rule of model.endpoints) {
          const r = await callPeer(base, rule.method, concrete(rule.path), key, rule.method === 'GET' || rule.method === 'DELETE' ? undefined : {});
          expect(r.status, `${rule.method} ${rule.path} with [${scopes.join(',')}]`).not.toBe(401);
          const peerAllows = r.status !== 403;
          const verdict = covers(system, scopes, `${rule.method} ${concrete(rule.path)}`);
          expect(verdict.covered, `${rule.method} ${rule.path} with [${scopes.join(',')}]: peer ${r.status}`).toBe(peerAllows);
          if (!peerAllows && system === 'hiveforge') expect(r.body?.detail).toBe(`API key missing required scope: ${verdict.missing}`);
        }
      }),
      { numRuns: system === 'tokenhub' ? 12 : 30 },
    );
  }, 120_000);
});
