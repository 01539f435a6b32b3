import { ApiError } from '../../../shared/errors';
import { createClient, type EmptyChairClient } from './client';
import { createHttpTransport } from './httpTransport';

export type { EmptyChairClient } from './client';

const TOKEN_KEY = 'empty-chair.token';

/**
 * Picks the transport: the preload's bridge in the desktop app, HTTP and WebSocket in browser
 * mode. The browser-mode token arrives in the URL fragment (never sent to a server or logged),
 * and is kept for the tab's session so a reload still works.
 */
export function connectClient(onConnectionChange?: (connected: boolean) => void): EmptyChairClient | null {
  if (window.emptyChair) return createClient(window.emptyChair);
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = fromHash ?? sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const client = createClient(createHttpTransport({ baseUrl: window.location.origin, token, onConnectionChange }));
  return {
    ...client,
    async call(method, input) {
      try {
        return await client.call(method, input);
      } catch (error) {
        // A token from an earlier run is dead: forget it, so the next link opened starts clean.
        if (error instanceof ApiError && error.code === 'unauthorized') sessionStorage.removeItem(TOKEN_KEY);
        throw error;
      }
    },
  };
}
