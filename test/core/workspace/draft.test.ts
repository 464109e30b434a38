import { describe, expect, it } from 'vitest';
import { envPrefixOf, kebab, newWorkspaceId, toName } from '../../../electron/core/workspace/draft.js';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';

describe('draft helpers', () => {
  it('new workspace ids are random and valid for the schema', () => {
    const ids = new Set(Array.from({ length: 200 }, newWorkspaceId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(WorkspaceSchema.shape.id.safeParse(id).success).toBe(true);
  });

  it('names from free text and kebab-case from variables', () => {
    expect(toName('My Project (2)', 'x')).toBe('My-Project-2');
    expect(toName('---', 'fallback')).toBe('fallback');
    expect(kebab('hivecfm-hub', 'API_KEY')).toBe('hivecfm-hub-api-key');
    expect(kebab('api', 'API_KEY')).toBe('api-key');
    expect(envPrefixOf('hivecfm-hub')).toBe('HIVECFM_HUB');
  });
});
