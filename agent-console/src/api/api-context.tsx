import { createContext, useContext, type ReactNode } from 'react';
import type { HttpClient } from './http-client.js';

const ApiContext = createContext<HttpClient | null>(null);

/** Makes the app's one HttpClient available to every feature. */
export function ApiProvider({ client, children }: { client: HttpClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The HttpClient of the nearest ApiProvider. */
export function useApi(): HttpClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi needs an <ApiProvider> above it');
  return client;
}
