/**
 * Hogsend admin API client (`/v1/admin/api-keys`, bearer = the legacy ADMIN_API_KEY or a
 * full-admin key). Hogsend has no in-place rotation and no enable/disable: rotation is
 * create + switch + revoke (see electron/core/issuers/issued-key-rotation.ts).
 */
import { z } from 'zod';
import type { IssuedKey } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import type { CreatedKey, CreateKeyInput, IssuerClient, KeyProbeAnswer } from '../../core/issuers/issuer-client.js';
import { IssuerHttp, isoOrNull } from './issuer-http.js';

const KeyJson = z.object({
  id: z.string(),
  name: z.string(),
  keyPrefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.string().nullish(),
  createdAt: z.string().nullish(),
  lastUsedAt: z.string().nullish(),
  revokedAt: z.string().nullish(),
});
type KeyJson = z.infer<typeof KeyJson>;

function toIssued(k: KeyJson): IssuedKey {
  return {
    id: k.id,
    system: 'hogsend',
    name: k.name,
    prefix: k.keyPrefix,
    scopes: k.scopes,
    createdAt: isoOrNull(k.createdAt),
    expiresAt: isoOrNull(k.expiresAt),
    lastUsedAt: isoOrNull(k.lastUsedAt),
    revokedAt: isoOrNull(k.revokedAt),
    enabled: !k.revokedAt,
  };
}

export function parseAnswer<T>(schema: z.ZodType<T>, json: unknown, system: string, what: string): T {
  const r = schema.safeParse(json);
  if (!r.success) {
    throw new KeyhiveError('ISSUER_ERROR', `${system} answered ${what} in an unexpected shape (${r.error.issues[0]?.path.join('.') ?? ''}: ${r.error.issues[0]?.message ?? ''})`, {
      fix: `Check that the issuer's url points at ${system} and that its version is supported.`,
    });
  }
  return r.data;
}

export class HogsendClient implements IssuerClient {
  readonly system = 'hogsend' as const;
  private readonly http: IssuerHttp;
  constructor(
    readonly url: string,
    credential: string,
  ) {
    this.http = new IssuerHttp({
      system: 'hogsend',
      url,
      credential,
      fixes: {
        403: 'Key management needs the legacy ADMIN_API_KEY or a key with the full-admin scope: store one with `keyhive keys credential`.',
        503: 'Hogsend has no admin key configured: set ADMIN_API_KEY (hsk_…, at least 32 characters) in its .env and restart it.',
      },
    });
  }

  async list(opts: { includeRevoked?: boolean } = {}): Promise<IssuedKey[]> {
    const json = await this.http.admin('GET', `/v1/admin/api-keys${opts.includeRevoked ? '?includeRevoked=true' : ''}`, undefined, 'the key list');
    return parseAnswer(z.object({ data: z.array(KeyJson) }), json, 'hogsend', 'the key list').data.map(toIssued);
  }

  async create(input: CreateKeyInput): Promise<CreatedKey> {
    const body = { name: input.name, scopes: input.scopes, ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}) };
    const json = await this.http.admin('POST', '/v1/admin/api-keys', body, 'creating a key');
    const k = parseAnswer(KeyJson.extend({ key: z.string().min(8) }), json, 'hogsend', 'the new key');
    return { key: toIssued(k), plaintext: k.key };
  }

  async revoke(id: string): Promise<void> {
    await this.http.admin('DELETE', `/v1/admin/api-keys/${encodeURIComponent(id)}`, undefined, `revoking key ${id}`);
  }

  probe(plaintext: string, endpoint: { method: string; path: string }): Promise<KeyProbeAnswer> {
    return this.http.probe(plaintext, endpoint);
  }
}
