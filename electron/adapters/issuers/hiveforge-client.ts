/**
 * HiveForge API-key client (`/api/v1/api-keys`, bearer = a user's JWT with the owner or admin
 * role, or a key holding `api_keys` scopes). Scopes can be changed in place with PATCH; there
 * is no rotation endpoint: rotation is create + switch + revoke.
 */
import { z } from 'zod';
import type { IssuedKey } from '../../../shared/domain.js';
import type { CreatedKey, CreateKeyInput, IssuerClient, KeyProbeAnswer } from '../../core/issuers/issuer-client.js';
import { parseAnswer } from './hogsend-client.js';
import { IssuerHttp, isoOrNull } from './issuer-http.js';

const KeyJson = z.object({
  id: z.string(),
  name: z.string(),
  key_prefix: z.string(),
  scopes: z.array(z.string()),
  created_at: z.string().nullish(),
  expires_at: z.string().nullish(),
  last_used_at: z.string().nullish(),
  revoked_at: z.string().nullish(),
  is_active: z.boolean().optional(),
});
type KeyJson = z.infer<typeof KeyJson>;

function toIssued(k: KeyJson): IssuedKey {
  return {
    id: k.id,
    system: 'hiveforge',
    name: k.name,
    prefix: k.key_prefix,
    scopes: k.scopes,
    createdAt: isoOrNull(k.created_at),
    expiresAt: isoOrNull(k.expires_at),
    lastUsedAt: isoOrNull(k.last_used_at),
    revokedAt: isoOrNull(k.revoked_at),
    enabled: k.is_active ?? !k.revoked_at,
  };
}

export class HiveForgeClient implements IssuerClient {
  readonly system = 'hiveforge' as const;
  private readonly http: IssuerHttp;
  constructor(
    readonly url: string,
    credential: string,
  ) {
    this.http = new IssuerHttp({
      system: 'hiveforge',
      url,
      credential,
      fixes: {
        401: 'The stored HiveForge JWT is missing or expired: sign in again and store the new token with `keyhive keys credential`.',
        403: 'Managing API keys needs a user with the owner or admin role in the organisation (or a key with api_keys scopes).',
      },
    });
  }

  async list(opts: { includeRevoked?: boolean } = {}): Promise<IssuedKey[]> {
    const json = await this.http.admin('GET', `/api/v1/api-keys${opts.includeRevoked ? '?include_revoked=true' : ''}`, undefined, 'the key list');
    return parseAnswer(z.object({ api_keys: z.array(KeyJson) }), json, 'hiveforge', 'the key list').api_keys.map(toIssued);
  }

  async create(input: CreateKeyInput): Promise<CreatedKey> {
    const body = { name: input.name, scopes: input.scopes, ...(input.expiresAt ? { expires_at: input.expiresAt } : {}) };
    const k = parseAnswer(KeyJson.extend({ key: z.string().min(8) }), await this.http.admin('POST', '/api/v1/api-keys', body, 'creating a key'), 'hiveforge', 'the new key');
    return { key: toIssued(k), plaintext: k.key };
  }

  async updateScopes(id: string, scopes: string[]): Promise<IssuedKey> {
    const json = await this.http.admin('PATCH', `/api/v1/api-keys/${encodeURIComponent(id)}`, { scopes }, `updating key ${id}`);
    return toIssued(parseAnswer(KeyJson, json, 'hiveforge', 'the key'));
  }

  async revoke(id: string): Promise<void> {
    await this.http.admin('DELETE', `/api/v1/api-keys/${encodeURIComponent(id)}`, undefined, `revoking key ${id}`);
  }

  probe(plaintext: string, endpoint: { method: string; path: string }): Promise<KeyProbeAnswer> {
    return this.http.probe(plaintext, endpoint);
  }
}
