/** The issuer client for a workspace's `issuers.<name>` entry and its admin credential. */
import type { IssuerSystem } from '../../../shared/domain.js';
import type { IssuerClient } from '../../core/issuers/issuer-client.js';
import { HiveForgeClient } from './hiveforge-client.js';
import { HogsendClient } from './hogsend-client.js';
import { TokenHubClient } from './tokenhub-client.js';

export function createIssuerClient(system: IssuerSystem, url: string, credential: string): IssuerClient {
  switch (system) {
    case 'hogsend':
      return new HogsendClient(url, credential);
    case 'tokenhub':
      return new TokenHubClient(url, credential);
    case 'hiveforge':
      return new HiveForgeClient(url, credential);
  }
}
