import type { ApiEvent, Transport } from '../../../shared/api';
import { isErrorData, type Result } from '../../../shared/errors';
import { REQUEST_ID_HEADER } from '../../../shared/requestIds';

/** Browsers refuse keepalive requests above 64 KiB in flight; stay well under it (UTF-16 length, so a rough cap). */
const KEEPALIVE_MAX_BYTES = 30_000;

export interface HttpTransportOptions {
  /** Origin of the server, e.g. http://127.0.0.1:4321 */
  baseUrl: string;
  token: string;
  /** Called with true/false as the event socket connects and drops. */
  onConnectionChange?: (connected: boolean) => void;
}

/**
 * The API over HTTP (POST /api/<method>, bearer token) and its events over one WebSocket
 * (/api/events?token=…), reconnecting with backoff. After a reconnect listeners get the
 * current library again, since events may have been missed while the socket was down.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const listeners = new Set<(event: ApiEvent) => void>();
  let socket: WebSocket | null = null;
  let retryDelay = 250;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let everConnected = false;

  const invoke = (method: string, input: unknown, requestId?: string) => postCall(options, method, input, requestId);

  const connect = () => {
    if (listeners.size === 0) return;
    const wsUrl = new URL('/api/events', options.baseUrl.replace(/^http/, 'ws'));
    wsUrl.searchParams.set('token', options.token);
    const ws = new WebSocket(wsUrl);
    socket = ws;
    ws.onopen = () => {
      retryDelay = 250;
      options.onConnectionChange?.(true);
      if (everConnected) {
        void invoke('library.get', {}).then((result) => {
          if (result.ok) emit({ event: 'library.changed', payload: result.value as never });
        });
      }
      everConnected = true;
    };
    ws.onmessage = (message) => {
      try {
        emit(JSON.parse(String(message.data)) as ApiEvent);
      } catch {
        // A malformed frame is dropped; the next event or reconnect brings the state back.
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      options.onConnectionChange?.(false);
      if (listeners.size === 0) return;
      retryTimer = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5_000);
    };
  };

  const emit = (event: ApiEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  return {
    invoke,
    subscribe(listener) {
      listeners.add(listener);
      if (!socket && retryTimer === undefined) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          clearTimeout(retryTimer);
          retryTimer = undefined;
          const open = socket;
          socket = null;
          open?.close();
        }
      };
    },
  };
}

/** One call: POST /api/<method> with the bearer token; a network failure or a strange answer becomes a typed error. */
async function postCall(options: HttpTransportOptions, method: string, input: unknown, requestId?: string): Promise<Result<unknown>> {
  let response: Response;
  const payload = JSON.stringify(input ?? {});
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${options.token}` };
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;
  try {
    response = await fetch(`${options.baseUrl}/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers,
      body: payload,
      // Saves flushed as the page is hidden or closed must outlive it; browsers allow this for small bodies only.
      keepalive: typeof document !== 'undefined' && document.visibilityState === 'hidden' && payload.length < KEEPALIVE_MAX_BYTES,
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Empty Chair is not reachable. Is it still running?' } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'ok' in body) {
    const result = body as Result<unknown>;
    if (result.ok || isErrorData(result.error)) return result;
  }
  return { ok: false, error: { code: 'internal', message: `Unexpected answer from the server (HTTP ${response.status}).` } };
}
