/** Loads what the detail view shows besides the status: probe results and the secret's history. */
import { useCallback, useEffect, useState } from 'react';
import type { ActivityEntry, ProbeResult } from '../../../../shared/domain.js';
import { useApiClient } from '../../api/context.js';
import { useApp } from '../../stores/store-context.js';

export function useSecretData(secret: string) {
  const { api } = useApiClient();
  const pushError = useApp((s) => s.pushError);
  const [probes, setProbes] = useState<ProbeResult[] | null>(null);
  const [probing, setProbing] = useState(false);
  const [history, setHistory] = useState<ActivityEntry[] | null>(null);

  const runProbes = useCallback(async () => {
    setProbing(true);
    const r = await api.invoke('probe.run', { secret });
    setProbing(false);
    if (r.ok) setProbes(r.value);
    else {
      setProbes([]);
      pushError(r.error, 'Probes could not run');
    }
  }, [api, secret, pushError]);

  useEffect(() => {
    let live = true;
    const load = () =>
      void api.invoke('activity.list', { secret, limit: 50 }).then((r) => {
        if (live) setHistory(r.ok ? r.value : []);
      });
    load();
    const off = api.on('activity', (e) => {
      if (e.secret === secret) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [api, secret]);

  return { probes, probing, runProbes, history };
}
