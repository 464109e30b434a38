/** The Keys view's data: `keys.overview`, reloaded on demand and after every activity entry (a key changed). */
import { useCallback, useEffect, useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors.js';
import type { KeysOverview } from '../../../../shared/keys.js';
import { useApiClient } from '../../api/context.js';

export interface KeysData {
  overview: KeysOverview | null;
  error: ErrorPayload | null;
  reload(): Promise<void>;
}

export function useKeysOverview(): KeysData {
  const { api } = useApiClient();
  const [overview, setOverview] = useState<KeysOverview | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const reload = useCallback(
    () =>
      api.invoke('keys.overview', {}).then((r) => {
        if (r.ok) {
          setOverview(r.value);
          setError(null);
        } else setError(r.error);
      }),
    [api],
  );
  useEffect(() => {
    const load = () => void reload();
    load();
    return api.on('activity', load);
  }, [api, reload]);
  return { overview, error, reload };
}
