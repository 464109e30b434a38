/**
 * TokenHub admin API client (`/admin/v1/keys`, bearer = the admin token; see
 * electron/demo/peers/tokenhub/README.md for the wire format). TokenHub rotates in place
 * (`POST /admin/v1/keys/{id}/rotate`) and can enable/disable a key.
 */
import { z } from 'zod';
import type { IssuedKey } from '../../../shared/domain.js';
import type { CreatedKey, CreateKeyInput, IssuerClient, KeyProbeAnswer } from '../../core/issuers/issuer-client.js';
import { parseAnswer } from './hogsend-client.js';
import { IssuerHttp, isoOrNull } from './issuer-http.js';

const KeyJson = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  enabled: z.boolean().default(true),
  created_at: z.string().nullish(),
  expires_at: z.string().nullish(),
  rotation_days: z.number().int().nullish(),
  last_rotated_at: z.string().nullish(),
  last_used_at: z.string().nullish(),
  revoked_at: z.string().nullish(),
});
type KeyJson = z.infer<typeof KeyJson>;
const WithPlaintext = KeyJson.extend({ api_key: z.string().min(8) });

function toIssued(k: KeyJson): IssuedKey {
  return {
    id: k.id,
    system: 'tokenhub',
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: isoOrNull(k.created_at),
    expiresAt: isoOrNull(k.expires_at),
    lastUsedAt: isoOrNull(k.last_used_at),
    revokedAt: isoOrNull(k.revoked_at),
    enabled: k.enabled && !k.revoked_at,
    rotationDays: k.rotation_days ?? null,
    lastRotatedAt: isoOrNull(k.last_rotated_at),
  };
}

export class TokenHubClient implements IssuerClient {
  readonly system = 'tokenhub' as const;
  private readonly http: IssuerHttp;
  constructor(
    readonly url: string,
    credential: string,
  ) {
    this.http = new IssuerHttp({
      system: 'tokenhub',
      url,
      credential,
      fixes: { 503: 'TokenHub\'s admin API is off: set TOKENHUB_ADMIN_TOKEN for it and restart it.' },
    });
  }

  async list(opts: { includeRevoked?: boolean } = {}): Promise<IssuedKey[]> {
    const json = await this.http.admin('GET', `/admin/v1/keys${opts.includeRevoked ? '?include_revoked=true' : ''}`, undefined, 'the key list');
    return parseAnswer(z.object({ keys: z.array(KeyJson) }), json, 'tokenhub', 'the key list').keys.map(toIssued);
  }

  async create(input: CreateKeyInput): Promise<CreatedKey> {
    const body = { name: input.name, scopes: input.scopes, ...(input.expiresAt ? { expires_at: input.expiresAt } : {}) };
    const k = parseAnswer(WithPlaintext, await this.http.admin('POST', '/admin/v1/keys', body, 'creating a key'), 'tokenhub', 'the new key');
    return { key: toIssued(k), plaintext: k.api_key };
  }

  async setEnabled(id: string, enabled: boolean): Promise<IssuedKey> {
    const json = await this.http.admin('PATCH', `/admin/v1/keys/${encodeURIComponent(id)}`, { enabled }, `${enabled ? 'enabling' : 'disabling'} key ${id}`);
    return toIssued(parseAnswer(KeyJson, json, 'tokenhub', 'the key'));
  }

  async setRotationSchedule(id: string, rotationDays: number | null, opts: { createdAt?: string } = {}): Promise<IssuedKey> {
    const body = { rotation_days: rotationDays, ...(opts.createdAt ? { created_at: opts.createdAt } : {}) };
    const json = await this.http.admin('PATCH', `/admin/v1/keys/${encodeURIComponent(id)}`, body, `setting the rotation schedule of key ${id}`);
    return toIssued(parseAnswer(KeyJson, json, 'tokenhub', 'the key'));
  }

  async rotate(id: string): Promise<CreatedKey> {
    const json = await this.http.admin('POST', `/admin/v1/keys/${encodeURIComponent(id)}/rotate`, undefined, `rotating key ${id}`);
    const k = parseAnswer(WithPlaintext, json, 'tokenhub', 'the rotated key');
    return { key: toIssued(k), plaintext: k.api_key };
  }

  async revoke(id: string): Promise<void> {
    await this.http.admin('DELETE', `/admin/v1/keys/${encodeURIComponent(id)}`, undefined, `revoking key ${id}`);
  }

  probe(plaintext: string, endpoint: { method: string; path: string }): Promise<KeyProbeAnswer> {
    return this.http.probe(plaintext, endpoint);
  }
}
