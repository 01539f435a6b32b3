/**
 * The participant server (issue #5): started by "Invite participants" on the one address the lead
 * picked, stopped by "Stop sharing" or the end of the meeting. It serves the renderer at `/` (the
 * page takes the participant role from `#join=<token>`), the participant API at POST /p/api/<method>
 * and its events at WS /p/events. It authenticates and rate-limits; everything else is the
 * service's participant hub (electron/service/participants.ts). Nothing of the lead's API is here.
 *
 * Defences: a per-meeting 256-bit token compared in constant time (401); Host allow-list and Origin
 * check on every request and upgrade (403, DNS rebinding); no cookies; bodies over 64 KB refused
 * (413) and frames over 64 KB close the socket (1009); a token bucket per connection (429 / close
 * 1008); a cap on connections; on stop the port closes and every socket is ended.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import QRCode from 'qrcode';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ParticipantEvent, ParticipantSocketReply } from '../../shared/participantApi';
import { JOIN_FRAGMENT_KEY, PARTICIPANT_API_PREFIX, PARTICIPANT_EVENTS_PATH, PARTICIPANT_SESSION_HEADER } from '../../shared/sharing';
import type { ParticipantHub, ShareStartOptions, SharingAdapter } from '../service/participants';
import { isLoopback } from '../service/participants';
import {
  failure,
  hostAllowed,
  MAX_FRAME_BYTES,
  originAllowed,
  readBody,
  sendJson,
  serveStatic,
  setBaseHeaders,
  STATUS_BY_CODE,
  tokenMatches,
} from './httpCommon';

/** A participant's largest honest request is a 5,000-character proposal; 64 KB leaves room and no more. */
export const PARTICIPANT_BODY_BYTES = 64 * 1024;
export const PARTICIPANT_FRAME_BYTES = MAX_FRAME_BYTES;
/** Per connection: 20 requests or messages a second, bursts of 40 (a fast typist tagging is far below). */
export const DEFAULT_RATE = { perSecond: 20, burst: 40 } as const;
/** HTTP connections and sockets together; 100 participants with a phone and a laptop each fit. */
export const DEFAULT_MAX_CONNECTIONS = 256;
/** A participant that stops reading (more than this queued) is dropped, so the lead's app never waits on one. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
const PING_INTERVAL_MS = 15_000;
/** WebSocket close codes: 1008 policy (rate), 1009 too big (ws sends it), 4000 sharing stopped. */
export const CLOSE_SHARING_STOPPED = 4000;

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface ParticipantServerOptions extends Omit<ShareStartOptions, 'hub'> {
  hub: ParticipantHub;
  /** The built renderer; without it only the participant API is served. */
  staticDir?: string;
  rate?: RateLimit;
  maxConnections?: number;
}

export interface RunningParticipantServer {
  url: string;
  joinUrl: string;
  port: number;
  /** Ends every socket (telling participants why) and closes the port; resolves once it is closed. */
  close(reason: string): Promise<void>;
}

/** A token bucket: `take` answers whether one more request fits now. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = rate.burst;
    this.last = now();
  }
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** "host:port" forms a browser may send for this server; loopback also answers to its usual names. */
function allowedHostsFor(host: string, port: number): Set<string> {
  const forUrl = host.includes(':') ? `[${host}]` : host;
  const names = new Set([`${forUrl}:${port}`.toLowerCase()]);
  if (isLoopback(host)) for (const alias of ['localhost', '127.0.0.1', '[::1]']) names.add(`${alias}:${port}`);
  return names;
}

export async function startParticipantServer(options: ParticipantServerOptions): Promise<RunningParticipantServer> {
  const { hub, shareId, token } = options;
  const rate = options.rate ?? DEFAULT_RATE;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  let allowed = new Set<string>();
  const buckets = new WeakMap<Socket, TokenBucket>();
  const bucketFor = (socket: Socket) => {
    let bucket = buckets.get(socket);
    if (!bucket) buckets.set(socket, (bucket = new TokenBucket(rate)));
    return bucket;
  };

  const server = http.createServer((req, res) => {
    setBaseHeaders(res);
    if (!hostAllowed(req, allowed)) return sendJson(res, 403, failure('forbidden', 'This server answers only on its own address.'));
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname.startsWith(PARTICIPANT_API_PREFIX)) return handleApi(req, res, url);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return sendJson(res, 404, failure('not_found', 'Nothing here.'));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, failure('invalid_input', 'Method not allowed.'));
    return serveStatic(res, url.pathname, options.staticDir);
  });
  server.maxConnections = maxConnections;

  const handleApi = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (!originAllowed(req, allowed)) return sendJson(res, 403, failure('forbidden', 'Requests from other sites are refused.'));
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!tokenMatches(token, bearer)) {
      return sendJson(res, 401, failure('unauthorized', 'This link is not valid (any more). Ask the lead for the current one.'));
    }
    if (!bucketFor(req.socket).take()) return sendJson(res, 429, failure('limit_exceeded', 'Too many requests; slow down a moment.'));
    if (req.method !== 'POST') return sendJson(res, 405, failure('invalid_input', 'Participant methods are called with POST.'));
    let method: string;
    try {
      method = decodeURIComponent(url.pathname.slice(PARTICIPANT_API_PREFIX.length));
    } catch {
      return sendJson(res, 400, failure('invalid_input', 'Bad method name.'));
    }
    const session = req.headers[PARTICIPANT_SESSION_HEADER];
    readBody(req, PARTICIPANT_BODY_BYTES).then(
      (body) => {
        let input: unknown;
        try {
          input = body.length === 0 ? {} : JSON.parse(body);
        } catch {
          return sendJson(res, 400, failure('invalid_input', 'The request body is not valid JSON.'));
        }
        const result = hub.call(shareId, typeof session === 'string' ? session : null, method, input);
        sendJson(res, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
      },
      () => sendJson(res, 413, failure('limit_exceeded', `Requests are limited to ${PARTICIPANT_BODY_BYTES} bytes.`), true),
    );
  };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: PARTICIPANT_FRAME_BYTES });
  /** The participant each socket speaks for (bound on connect, or by a join sent over it). */
  const sessions = new Map<WebSocket, string | null>();
  const alive = new WeakSet<WebSocket>();

  const send = (ws: WebSocket, frame: ParticipantEvent | ParticipantSocketReply) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_QUEUED_BYTES) return void ws.terminate();
    ws.send(JSON.stringify(frame));
  };
  const pushView = (ws: WebSocket) => {
    const session = sessions.get(ws);
    const view = session ? hub.viewFor(shareId, session) : null;
    if (view) send(ws, { event: 'participant.view', payload: view });
  };
  const bind = (ws: WebSocket, session: string) => {
    sessions.set(ws, session);
    hub.socketChanged(shareId, session, 1);
  };

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, text: string) => socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== PARTICIPANT_EVENTS_PATH) return refuse(404, 'Not Found');
    if (!hostAllowed(req, allowed) || !originAllowed(req, allowed)) return refuse(403, 'Forbidden');
    if (!tokenMatches(token, url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    const session = url.searchParams.get('session');
    if (session !== null && !hub.hasSession(shareId, session)) return refuse(401, 'Unauthorized');
    if (sessions.size >= maxConnections) return refuse(503, 'Service Unavailable');
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const bucket = new TokenBucket(rate);
      sessions.set(ws, null);
      alive.add(ws);
      if (session !== null) bind(ws, session);
      ws.on('pong', () => alive.add(ws));
      ws.on('error', () => ws.terminate()); // includes a frame over the cap: ws closes it with 1009 first
      ws.on('close', () => {
        const bound = sessions.get(ws);
        sessions.delete(ws);
        if (bound) hub.socketChanged(shareId, bound, -1);
      });
      ws.on('message', (data) => {
        if (!bucket.take()) return void ws.close(1008, 'Too many messages');
        alive.add(ws);
        let call: unknown;
        try {
          call = JSON.parse(String(data));
        } catch {
          return send(ws, { reply: null, result: failure('invalid_input', 'A message must be JSON: { "id", "method", "input" }.') });
        }
        const { id, method, input } = (call && typeof call === 'object' ? call : {}) as { id?: unknown; method?: unknown; input?: unknown };
        const reply = typeof id === 'string' || typeof id === 'number' ? id : null;
        const result = hub.call(shareId, sessions.get(ws), method, input);
        if (method === 'participant.join' && result.ok && !sessions.get(ws)) bind(ws, (result.value as { sessionKey: string }).sessionKey);
        send(ws, { reply, result });
      });
      pushView(ws); // catch-up: a reconnecting participant sees everything they missed at once
    });
  });

  const unsubscribe = hub.onMeetingChanged(shareId, () => {
    for (const ws of sessions.keys()) pushView(ws);
  });
  // A participant whose network vanished without a close is found by the missing pong.
  const pinger = setInterval(() => {
    for (const ws of sessions.keys()) {
      if (!alive.has(ws)) ws.terminate();
      else {
        alive.delete(ws);
        ws.ping();
      }
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: options.port, host: options.host }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    unsubscribe();
    clearInterval(pinger);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHostsFor(options.host, port);
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    joinUrl: `${url}/#${JOIN_FRAGMENT_KEY}=${token}`,
    port,
    close: (reason) =>
      (closing ??= new Promise<void>((resolve) => {
        unsubscribe();
        clearInterval(pinger);
        for (const ws of sessions.keys()) {
          send(ws, { event: 'sharing.ended', payload: { reason } });
          ws.close(CLOSE_SHARING_STOPPED, 'Sharing stopped');
          setTimeout(() => ws.terminate(), 1_000).unref();
        }
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/** The join link as a QR code, an SVG document the renderer shows as an image. */
export function joinQrSvg(joinUrl: string): Promise<string> {
  return QRCode.toString(joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The service's sharing adapter: one participant server per shared meeting. */
export function createParticipantSharing(options: { staticDir?: string; rate?: RateLimit; maxConnections?: number } = {}): SharingAdapter & {
  /** Resolves once every server stopped so far has closed its port (tests, clean exits). */
  settled(): Promise<void>;
} {
  const running = new Map<string, { stopped: boolean; server?: RunningParticipantServer }>();
  const closing = new Set<Promise<void>>();
  const track = (promise: Promise<void>) => {
    closing.add(promise);
    void promise.finally(() => closing.delete(promise));
  };
  return {
    async start(start) {
      const entry: { stopped: boolean; server?: RunningParticipantServer } = { stopped: false };
      running.set(start.shareId, entry);
      const server = await startParticipantServer({ ...start, ...options });
      if (entry.stopped) {
        track(server.close('Sharing stopped.'));
        throw new Error('sharing was stopped while starting');
      }
      entry.server = server;
      return { port: server.port, joinUrl: server.joinUrl, qrSvg: await joinQrSvg(server.joinUrl) };
    },
    stop(shareId) {
      const entry = running.get(shareId);
      if (!entry) return;
      running.delete(shareId);
      entry.stopped = true;
      if (entry.server) track(entry.server.close('Sharing stopped.'));
    },
    async settled() {
      await Promise.all([...closing]);
    },
  };
}
