import type { ParticipantEvent } from '../../../shared/participantApi';
import { isErrorData, type Result } from '../../../shared/errors';
import { JOIN_FRAGMENT_KEY, PARTICIPANT_API_PREFIX, PARTICIPANT_EVENTS_PATH, PARTICIPANT_SESSION_HEADER } from '../../../shared/sharing';

/** Answer of a call that never reached the server (network down, server gone): the caller keeps it to send again. */
export const UNREACHABLE = 'unreachable' as const;

/**
 * How a participant's page talks to the lead's participant server (shared/participantApi.ts):
 * calls as POST /p/api/<method>, events over one WebSocket. The join token rides in the
 * Authorization header and the socket's query string, never in a cookie.
 */
export interface ParticipantTransport {
  /** One call; `session` is the key `participant.join` gave (null for the join itself). */
  call(method: string, input: unknown, session: string | null): Promise<Result<unknown> | typeof UNREACHABLE>;
  /** Opens the event socket once; `onClose` says it is gone (the caller decides whether to open another). */
  open(session: string, handlers: SocketHandlers): { close(): void };
}

export interface SocketHandlers {
  onOpen(): void;
  onEvent(event: ParticipantEvent): void;
  onClose(): void;
}

export interface ParticipantTransportOptions {
  /** The participant server's origin, e.g. http://192.168.1.20:41234 */
  baseUrl: string;
  token: string;
}

export function createParticipantTransport({ baseUrl, token }: ParticipantTransportOptions): ParticipantTransport {
  return {
    async call(method, input, session) {
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      if (session) headers[PARTICIPANT_SESSION_HEADER] = session;
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${PARTICIPANT_API_PREFIX}${encodeURIComponent(method)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      } catch {
        return UNREACHABLE;
      }
      const body: unknown = await response.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) {
        const result = body as Result<unknown>;
        if (result.ok || isErrorData(result.error)) return result;
      }
      // A proxy's error page or a half-read body: nothing was confirmed, so it is sent again later.
      if (response.status >= 500 || response.status === 0) return UNREACHABLE;
      return { ok: false, error: { code: 'internal', message: `Unexpected answer from the meeting (HTTP ${response.status}).` } };
    },
    open(session, handlers) {
      const url = new URL(PARTICIPANT_EVENTS_PATH, baseUrl.replace(/^http/, 'ws'));
      url.searchParams.set('token', token);
      url.searchParams.set('session', session);
      const ws = new WebSocket(url);
      let closed = false;
      ws.onopen = () => handlers.onOpen();
      ws.onmessage = (message) => {
        try {
          const frame = JSON.parse(String(message.data)) as ParticipantEvent | { reply: unknown };
          if ('event' in frame) handlers.onEvent(frame);
        } catch {
          // A malformed frame is dropped; the next view push brings the state back.
        }
      };
      ws.onclose = () => {
        if (closed) return;
        closed = true;
        handlers.onClose();
      };
      return {
        close() {
          if (closed) return;
          closed = true;
          ws.close();
        },
      };
    },
  };
}

const STORED_TOKEN_KEY = 'empty-chair.join';

export type StartMode = { role: 'lead' } | { role: 'participant'; token: string };

/**
 * Who this page is for: a page opened from a join link (`#join=<token>`, or one reloaded after it)
 * starts the participant's screen; anything else is the lead's app. Pure, so it is tested alone.
 */
export function startModeFrom(hash: string, storedJoinToken: string | null): StartMode {
  const fromHash = new URLSearchParams(hash.replace(/^#/, '')).get(JOIN_FRAGMENT_KEY);
  if (fromHash) return { role: 'participant', token: fromHash };
  if (storedJoinToken) return { role: 'participant', token: storedJoinToken };
  return { role: 'lead' };
}

/**
 * Reads the start mode from this page's URL. The join token leaves the address bar (so a shared
 * screen or the history does not show it) and stays in this tab's sessionStorage only, so a reload
 * still works; closing the tab forgets it.
 */
export function detectStartMode(): StartMode {
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(STORED_TOKEN_KEY);
  } catch {
    // Storage blocked: a reload then needs the link again.
  }
  const mode = startModeFrom(window.location.hash, stored);
  if (mode.role === 'participant' && window.location.hash) {
    try {
      sessionStorage.setItem(STORED_TOKEN_KEY, mode.token);
    } catch {
      // As above.
    }
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return mode;
}

/** Forgets the join token (sharing has ended: the token is dead). */
export function forgetJoinToken(): void {
  try {
    sessionStorage.removeItem(STORED_TOKEN_KEY);
  } catch {
    // Nothing stored.
  }
}
