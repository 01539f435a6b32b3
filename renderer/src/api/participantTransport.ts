import type { ParticipantEvent } from '../../../shared/participantApi';
import { isErrorData, type Result } from '../../../shared/errors';
import { JOIN_FRAGMENT_KEY, PARTICIPANT_API_PREFIX, PARTICIPANT_EVENTS_PATH, PARTICIPANT_SESSION_HEADER } from '../../../shared/sharing';

/** Answer of a call that never reached the server (network down, server gone): the caller keeps it to send again. */
export const UNREACHABLE = 'unreachable' as const;

/**
 * How a participant's page talks to the lead's participant server (shared/participantApi.ts):
 * calls as POST /p/api/<method>, events over one WebSocket. The join token rides in the
 * Authorization header and in the socket's first frame (`{ auth: { token, session } }`), never in a
 * URL (request lines end up in logs) nor in a cookie.
 */
export interface ParticipantTransport {
  /** One call; `session` is the key `participant.join` gave (null for the join itself). */
  call(method: string, input: unknown, session: string | null): Promise<CallAnswer>;
  /** Opens the event socket once; `onOpen` comes once the server accepted the auth frame; `onClose` says it is gone, with its close code (the caller decides whether to open another). */
  open(session: string, handlers: SocketHandlers): { close(): void };
}

/** A call's answer; a refused-for-now one (`rate_limited`) says how long the server asked to wait. */
export type CallAnswer = (Result<unknown> & { retryAfterMs?: number }) | typeof UNREACHABLE;

/** The participant socket's close codes (shared with electron/server/participantServer.ts). */
export const CLOSE_CODES = {
  /** Sharing has ended: the session is gone. */
  sharingEnded: 4000,
  /** The auth frame was missing, late or wrong: the token is dead or the session unknown. */
  unauthorized: 4401,
  /** Too many messages on the socket. */
  rateLimited: 1008,
} as const;

export interface SocketHandlers {
  onOpen(): void;
  onEvent(event: ParticipantEvent): void;
  /** `code` is the WebSocket close code (1006 when the connection failed or was cut). */
  onClose(code: number): void;
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
        response = await fetch(`${baseUrl}${PARTICIPANT_API_PREFIX}${encodeURIComponent(method)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return UNREACHABLE;
      }
      const body: unknown = await response.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) {
        const result = body as Result<unknown>;
        if (result.ok) return result;
        if (isErrorData(result.error)) {
          const seconds = Number(response.headers.get('retry-after'));
          return result.error.code === 'rate_limited' && Number.isFinite(seconds) && seconds > 0
            ? { ...result, retryAfterMs: seconds * 1000 }
            : result;
        }
      }
      // A 429 without a readable body is still "not now": nothing was applied.
      if (response.status === 429)
        return { ok: false, error: { code: 'rate_limited', message: 'Too many changes at once; sending again shortly.' } };
      // A proxy's error page or a half-read body: nothing was confirmed, so it is sent again later.
      if (response.status >= 500 || response.status === 0) return UNREACHABLE;
      return { ok: false, error: { code: 'internal', message: `Unexpected answer from the meeting (HTTP ${response.status}).` } };
    },
    open(session, handlers) {
      // No query string: the secrets go in the first frame, which the server waits for (3 s) before anything else.
      const ws = new WebSocket(new URL(PARTICIPANT_EVENTS_PATH, baseUrl.replace(/^http/, 'ws')));
      let closed = false;
      let accepted = false;
      ws.onopen = () => ws.send(JSON.stringify({ auth: { token, session } }));
      ws.onmessage = (message) => {
        // The server answers a good auth frame with the view: only then is the socket "open" for the caller.
        if (!accepted) {
          accepted = true;
          handlers.onOpen();
        }
        try {
          const frame = JSON.parse(String(message.data)) as ParticipantEvent | { reply: unknown };
          if ('event' in frame) handlers.onEvent(frame);
        } catch {
          // A malformed frame is dropped; the next view push brings the state back.
        }
      };
      ws.onclose = (event) => {
        if (closed) return;
        closed = true;
        handlers.onClose(event.code);
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
