import { createContext, useContext } from 'react';
import type { EmptyChairClient } from '../api';

export const ClientContext = createContext<EmptyChairClient | null>(null);

/** The API client; every connected screen is rendered inside a ClientContext provider. */
export function useClient(): EmptyChairClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() needs a ClientContext provider');
  return client;
}
