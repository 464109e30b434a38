import { describe, expect, it } from 'vitest';
import { createIssuerClient } from '../../../electron/adapters/issuers/create-issuer-client.js';
import { HiveForgeClient } from '../../../electron/adapters/issuers/hiveforge-client.js';
import { HogsendClient } from '../../../electron/adapters/issuers/hogsend-client.js';
import { TokenHubClient } from '../../../electron/adapters/issuers/tokenhub-client.js';

describe('createIssuerClient', () => {
  it('gives each system its client, with only the operations that system offers', () => {
    const h = createIssuerClient('hogsend', 'http://127.0.0.1:3002', 'c');
    const t = createIssuerClient('tokenhub', 'http://127.0.0.1:8080', 'c');
    const f = createIssuerClient('hiveforge', 'http://127.0.0.1:8000', 'c');
    expect(h).toBeInstanceOf(HogsendClient);
    expect(t).toBeInstanceOf(TokenHubClient);
    expect(f).toBeInstanceOf(HiveForgeClient);
    expect([h.rotate, h.setEnabled, h.updateScopes]).toEqual([undefined, undefined, undefined]);
    expect(typeof t.rotate).toBe('function');
    expect(typeof t.setEnabled).toBe('function');
    expect(typeof f.updateScopes).toBe('function');
    expect(f.rotate).toBeUndefined();
  });
});
