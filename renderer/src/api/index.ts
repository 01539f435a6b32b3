import { ApiError } from '../../../shared/errors';
import { createClient, type EmptyChairClient } from './client';
import { createHttpTransport } from './httpTransport';

export type { EmptyChairClient } from './client';

const TOKEN_KEY = 'empty-chair.token';
const RETURN_KEY = 'empty-chair.return-to';
/** A page remembered by a tab without the token is opened by a link given within this time, not later. */
const RETURN_MAX_AGE_MS = 60 * 60_000;

/**
 * A tab opened without the token (a bookmark, a second tab) remembers the page it was opened on,
 * so the printed link, opened next in any tab of this browser, goes there. Only the route is kept
 * (localStorage, this origin), never a token.
 */
export function rememberReturnTo(hash: string): void {
  if (!hash.startsWith('#/') || hash === '#/') return;
  try {
    localStorage.setItem(RETURN_KEY, JSON.stringify({ hash, at: Date.now() }));
  } catch {
    // Storage refused (private mode, full): the link then opens the meeting list, as before.
  }
}

function takeReturnTo(): string {
  try {
    const saved = JSON.parse(localStorage.getItem(RETURN_KEY) ?? 'null') as { hash?: unknown; at?: unknown } | null;
    localStorage.removeItem(RETURN_KEY);
    const fresh = typeof saved?.at === 'number' && Date.now() - saved.at >= 0 && Date.now() - saved.at < RETURN_MAX_AGE_MS;
    return fresh && typeof saved?.hash === 'string' && saved.hash.startsWith('#/') ? saved.hash : '';
  } catch {
    return '';
  }
}

/**
 * The printed link pasted into a tab that has no token: this origin's link gives this tab the
 * token and reloads on the page it shows; another origin's (another start) is opened as it is.
 * Answers a message when the text is not such a link.
 */
export function openPrintedLink(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'That is not a link. Copy the whole link from the line that starts with “Open http://127.0.0.1:”.';
  }
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (url.protocol !== 'http:' || !token) return 'That link has no #token= part. Copy the whole link, up to its end.';
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return null;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  window.location.reload();
  return null;
}

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
    // The page a tab without the token was opened on, if one asked for it lately (rememberReturnTo).
    history.replaceState(null, '', window.location.pathname + window.location.search + takeReturnTo());
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
