/** React access to the typed API and the transport kind (desktop vs web). */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from './client.js';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApiClient(): ApiClient {
  const c = useContext(ApiContext);
  if (!c) throw new Error('useApiClient outside <ApiProvider>');
  return c;
}
