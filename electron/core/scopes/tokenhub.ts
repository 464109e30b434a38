/**
 * TokenHub consumer API scopes: `chat` for POST /v1/chat, `plan` for POST /v1/plan. A key whose
 * scope list is empty may call every endpoint. (The admin API uses an admin token, not scopes.)
 */
import type { ScopeModel } from './model.js';

export const TOKENHUB_SCOPES: ScopeModel = {
  system: 'tokenhub',
  scopes: ['chat', 'plan'],
  includes: { chat: [], plan: [] },
  emptyGrantsAll: true,
  keyShape: 'tokenhub_ + 64 hex characters',
  endpoints: [
    { method: 'POST', path: '/v1/chat', anyOf: ['chat'], what: 'chat completion' },
    { method: 'POST', path: '/v1/plan', anyOf: ['plan'], what: 'orchestrated planning' },
  ],
};
