/**
 * The participant server (issue #5): started by "Invite participants" on the one address the lead
 * picked, stopped by "Stop sharing" or the end of the meeting. It serves the renderer at `/` (the
 * page takes the participant role from `#join=<token>`), the participant API at POST /p/api/<method>
 * and its events at WS /p/events. It authenticates and rate-limits; everything else is the
 * service's participant hub (electron/service/participants.ts). Nothing of the lead's API is here.
 *
 * Defences: a per-meeting 256-bit token compared in constant time, in the Authorization header over
 * HTTP (401) and in the socket's first frame `{ auth: { token, session } }` (close 4401), never in a
 * URL; Host allow-list and Origin check on every request and upgrade (403, DNS rebinding); no
 * cookies; bodies over 64 KB refused (413) and frames over 64 KB close the socket (1009); token
 * buckets per participant (per address before joining) and a slower one for joins per address
 * (429 rate_limited with Retry-After / a rate_limited reply, close 1008 on a flood), never per TCP
 * connection (electron/server/rateLimits.ts); header and request timeouts; connections that have not
 * shown the token capped per address and in total, oldest out first, apart from those that have
 * (electron/server/connectionGate.ts); caps on sockets per participant and on unjoined sockets per
 * address, which must authenticate within 3 s and join within 10 s; on stop the port closes and
 * every socket is ended (4000). Nothing a request, upgrade or message throws ends the process.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createdSession, participantMethodSpec, type ParticipantEvent, type ParticipantSocketReply } from '../../shared/participantApi';
import {
  JOIN_FRAGMENT_KEY,
  PARTICIPANT_API_PREFIX,
  PARTICIPANT_CLOSE_CODES,
  PARTICIPANT_EVENTS_PATH,
} from '../../shared/sharing';
import type { ParticipantHub, ShareStartOptions } from '../service/participants';
import { isLoopback } from '../service/networkAddresses';
import { ConnectionGate, DEFAULT_GATE_LIMITS, normalAddress, type GateLimits } from './connectionGate';
import {
  answerClientErrors,
  failure,
  guarded,
  guardRequests,
  guardUpgrades,
  hostAllowed,
  MAX_FRAME_BYTES,
  originAllowed,
  requestUrl,
  sendJson,
  serverOptions,
  serveStatic,
  setBaseHeaders,
  tokenMatches,
  type HttpTimeouts,
} from './httpCommon';
import { callerKeyOf, participantApiHandler, rateLimited } from './participantCalls';
import { RateBook, type RateLimit } from './rateLimits';

export { TokenBucket, type RateLimit } from './rateLimits';
export { PARTICIPANT_BODY_BYTES } from './participantCalls';
export { DEFAULT_GATE_LIMITS } from './connectionGate';

export const PARTICIPANT_FRAME_BYTES = MAX_FRAME_BYTES;
/** Per participant (per address before joining): 20 requests or messages a second, bursts of 40 (a fast typist tagging is far below). */
export const DEFAULT_RATE = { perSecond: 20, burst: 40 } as const;
/** Joins per address: a person joins once (a lost answer: a few resends); a script minting names does not get far. */
export const JOIN_RATE = { perSecond: 0.2, burst: 10 } as const;
/** Event sockets that have authenticated; 100 participants with a phone and a laptop each fit. */
export const DEFAULT_MAX_CONNECTIONS = 256;
/** Open sockets per participant (a phone, a laptop, a stale one or two); a new one past this ends the oldest. */
export const MAX_SOCKETS_PER_PARTICIPANT = 4;
/** Sockets from one address that have not (yet) joined: a page between its socket and its join needs one. */
export const MAX_UNJOINED_PER_ADDRESS = 8;
/** The auth frame must come this soon after the upgrade, and a socket must name a session this soon after that. */
export const AUTH_TIMEOUT_MS = 3_000;
export const JOIN_TIMEOUT_MS = 10_000;
/** A participant that stops reading (more than this queued) is dropped, so the lead's app never waits on one. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
const PING_INTERVAL_MS = 15_000;
/**
 * WebSocket close codes: 1008 policy (a flood of messages, or a participant's oldest socket past
 * the cap), 1009 too big (ws sends it), 4000 sharing stopped, 4401 unauthorized (auth frame
 * missing, late or wrong, or the session unknown: the page must join again).
 */
export const CLOSE_SHARING_STOPPED = PARTICIPANT_CLOSE_CODES.sharingEnded;
export const CLOSE_UNAUTHORIZED = PARTICIPANT_CLOSE_CODES.unauthorized;
export const CLOSE_POLICY = PARTICIPANT_CLOSE_CODES.policy;

/** Knobs for tests and the adapter; every one has a production default above. */
export interface ParticipantServerTuning extends HttpTimeouts {
  /** The built renderer; without it only the participant API is served. */
  staticDir?: string;
  rate?: RateLimit;
  joinRate?: RateLimit;
  /** Authenticated event sockets at once. */
  maxConnections?: number;
  gate?: GateLimits;
  pingIntervalMs?: number;
  authTimeoutMs?: number;
  joinTimeoutMs?: number;
}

export interface ParticipantServerOptions extends Omit<ShareStartOptions, 'hub'>, ParticipantServerTuning {
  hub: ParticipantHub;
}

export interface RunningParticipantServer {
  url: string;
  joinUrl: string;
  port: number;
  /** Ends every socket (telling participants why) and closes the port; resolves once it is closed. */
  close(reason: string): Promise<void>;
  /** Closes one (removed) participant's sockets with 4401: their session is gone. */
  disconnect(participantId: string): void;
  /**
   * Test hook (never reachable from the network): cuts the event sockets of one participant, or of
   * everyone, as a network would (no close frame), without ending their session. Answers how many.
   */
  dropSockets(participantId?: string): number;
}

/** "host:port" forms a browser may send for this server; loopback also answers to its usual names. */
function allowedHostsFor(host: string, port: number): Set<string> {
  const forUrl = host.includes(':') ? `[${host}]` : host;
  const names = new Set([`${forUrl}:${port}`.toLowerCase()]);
  if (isLoopback(host)) for (const alias of ['localhost', '127.0.0.1', '[::1]']) names.add(`${alias}:${port}`);
  return names;
}


/** One event socket: where it is in its life (waiting for auth, authenticated but not joined, a participant's). */
interface Peer {
  ws: WebSocket;
  /** The TCP connection under the socket, for the gate. */
  socket: Socket;
  address: string;
  state: 'auth' | 'unjoined' | 'joined';
  session: string | null;
  participantId: string | null;
  /** Messages refused in a row for rate; at `rate.burst` the socket is closed (1008). */
  refusedInRow: number;
  timer: NodeJS.Timeout | null;
  alive: boolean;
}

export async function startParticipantServer(options: ParticipantServerOptions): Promise<RunningParticipantServer> {
  const { hub, shareId, token } = options;
  const rate = options.rate ?? DEFAULT_RATE;
  const joinRate = options.joinRate ?? JOIN_RATE;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const authTimeoutMs = options.authTimeoutMs ?? AUTH_TIMEOUT_MS;
  const joinTimeoutMs = options.joinTimeoutMs ?? JOIN_TIMEOUT_MS;
  let allowed = new Set<string>();
  const calls = new RateBook(rate);
  const joins = new RateBook(joinRate);
  const callerKey = callerKeyOf(hub, shareId);
  const gate = new ConnectionGate(options.gate ?? DEFAULT_GATE_LIMITS);
  const handleApi = participantApiHandler({ hub, shareId, token, gate, calls, joins, allowed: () => allowed });

  const server = http.createServer(
    serverOptions(options),
    guardRequests((req, res) => {
      setBaseHeaders(res);
      if (!hostAllowed(req, allowed)) return sendJson(res, 403, failure('forbidden', 'This server answers only on its own address.'));
      const url = requestUrl(req);
      if (!url) return sendJson(res, 400, failure('invalid_input', 'Bad request target.'));
      if (url.pathname.startsWith(PARTICIPANT_API_PREFIX)) return handleApi(req, res, url);
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return sendJson(res, 404, failure('not_found', 'Nothing here.'));
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, failure('invalid_input', 'Method not allowed.'));
      return serveStatic(res, url.pathname, options.staticDir);
    }),
  );
  answerClientErrors(server);
  server.on('connection', (socket: Socket) => gate.admit(socket));

  const sockets = new WebSocketServer({ noServer: true, maxPayload: PARTICIPANT_FRAME_BYTES });
  const peers = new Map<WebSocket, Peer>();
  let stopped = false;

  const sendText = (ws: WebSocket, text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_QUEUED_BYTES) return void ws.terminate();
    ws.send(text);
  };
  const send = (ws: WebSocket, frame: ParticipantEvent | ParticipantSocketReply) => sendText(ws, JSON.stringify(frame));
  const viewFrame = (session: string) => {
    const view = hub.viewFor(shareId, session);
    return view ? JSON.stringify({ event: 'participant.view', payload: view } satisfies ParticipantEvent) : null;
  };
  const unauthorized = (peer: Peer) => peer.ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
  const setTimer = (peer: Peer, ms: number) => {
    if (peer.timer) clearTimeout(peer.timer);
    peer.timer = setTimeout(() => unauthorized(peer), ms);
    peer.timer.unref();
  };

  /** The socket now speaks for `session`: count it, keep each participant to a few sockets, catch it up. */
  const bind = (peer: Peer, session: string) => {
    if (peer.timer) clearTimeout(peer.timer);
    peer.timer = null;
    peer.state = 'joined';
    peer.session = session;
    peer.participantId = hub.participantOf(shareId, session)?.id ?? null;
    const theirs = [...peers.values()].filter((other) => other !== peer && other.session === session);
    // Past the cap the oldest goes: it is the likeliest to be a dead tab or a half-open connection.
    for (const old of theirs.slice(0, Math.max(0, theirs.length - (MAX_SOCKETS_PER_PARTICIPANT - 1)))) {
      old.ws.close(CLOSE_POLICY, 'Too many connections for one participant');
    }
    hub.socketChanged(shareId, session, 1);
    const frame = viewFrame(session);
    if (frame) sendText(peer.ws, frame); // catch-up: a reconnecting participant sees everything they missed at once
  };

  const authenticate = (peer: Peer, frame: unknown) => {
    const auth = frame && typeof frame === 'object' ? (frame as { auth?: unknown }).auth : undefined;
    const { token: given, session } = (auth && typeof auth === 'object' ? auth : {}) as { token?: unknown; session?: unknown };
    if (typeof given !== 'string' || !tokenMatches(token, given)) return unauthorized(peer);
    if (!gate.prove(peer.socket)) return void peer.ws.close(CLOSE_POLICY, 'Too many connections');
    if (session === undefined || session === null) {
      peer.state = 'unjoined';
      return setTimer(peer, joinTimeoutMs); // it must join over this socket soon, or go
    }
    if (typeof session !== 'string' || !hub.hasSession(shareId, session)) return unauthorized(peer);
    bind(peer, session);
  };

  const onMessage = (peer: Peer, data: unknown) => {
    const { ws } = peer;
    peer.alive = true;
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      frame = undefined;
    }
    if (peer.state === 'auth') return authenticate(peer, frame); // nothing else is read before auth
    const { id, method, input } = (frame && typeof frame === 'object' ? frame : {}) as { id?: unknown; method?: unknown; input?: unknown };
    const reply = typeof id === 'string' || typeof id === 'number' ? id : null;
    const budget = calls.bucket(callerKey(peer.session, peer.address));
    if (!budget.take()) {
      // Refused, not applied: the client keeps it and sends it again. A flood that goes on is cut.
      if (++peer.refusedInRow >= rate.burst) return void ws.close(CLOSE_POLICY, 'Too many messages');
      return send(ws, { reply, result: rateLimited(budget.retryAfterSeconds()) });
    }
    peer.refusedInRow = 0;
    if (frame === undefined) return send(ws, { reply: null, result: failure('invalid_input', 'A message must be JSON: { "id", "method", "input" }.') });
    const spec = participantMethodSpec(method);
    if (spec?.rate === 'join') {
      const joinBudget = joins.bucket(`a:${peer.address}`);
      if (!joinBudget.take()) return send(ws, { reply, result: rateLimited(joinBudget.retryAfterSeconds()) });
    }
    const result = hub.call(shareId, peer.session, method, input, peer.address);
    const created = spec?.session === 'creates' && result.ok ? createdSession(result.value) : null;
    if (created && peer.state === 'unjoined') bind(peer, created);
    send(ws, { reply, result });
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) => socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    const url = requestUrl(req);
    if (url?.pathname !== PARTICIPANT_EVENTS_PATH) return refuse(404, 'Not Found');
    if (!hostAllowed(req, allowed) || !originAllowed(req, allowed)) return refuse(403, 'Forbidden');
    let authenticated = 0;
    for (const peer of peers.values()) if (peer.state !== 'auth') authenticated++;
    if (authenticated >= maxConnections) return refuse(503, 'Service Unavailable');
    const address = normalAddress(req.socket.remoteAddress);
    let unjoined = 0;
    for (const peer of peers.values()) if (peer.state !== 'joined' && peer.address === address) unjoined++;
    if (unjoined >= MAX_UNJOINED_PER_ADDRESS) return refuse(503, 'Service Unavailable');
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const peer: Peer = {
        ws,
        socket: req.socket,
        address,
        state: 'auth',
        session: null,
        participantId: null,
        refusedInRow: 0,
        timer: null,
        alive: true,
      };
      peers.set(ws, peer);
      setTimer(peer, authTimeoutMs);
      ws.on('pong', () => (peer.alive = true));
      ws.on('error', () => ws.terminate()); // includes a frame over the cap: ws closes it with 1009 first
      ws.on('close', () => {
        if (peer.timer) clearTimeout(peer.timer);
        peers.delete(ws);
        if (peer.state === 'joined' && peer.session) hub.socketChanged(shareId, peer.session, -1);
      });
      ws.on('message', (data) => guarded('a participant message', () => onMessage(peer, data)));
    });
  };
  server.on('upgrade', guardUpgrades(onUpgrade));

  /** Every change of the meeting, pushed once per tick: one view built and serialised per participant, sent to each of their sockets. */
  let pushQueued = false;
  const pushAll = () => {
    pushQueued = false;
    if (stopped) return;
    const bySession = new Map<string, WebSocket[]>();
    for (const peer of peers.values()) {
      if (peer.state !== 'joined' || !peer.session) continue;
      const list = bySession.get(peer.session);
      if (list) list.push(peer.ws);
      else bySession.set(peer.session, [peer.ws]);
    }
    for (const [session, list] of bySession) {
      const frame = viewFrame(session);
      if (frame) for (const ws of list) sendText(ws, frame);
    }
  };
  const unsubscribe = hub.onMeetingChanged(shareId, () => {
    if (pushQueued) return;
    pushQueued = true;
    setImmediate(() => guarded('pushing participant views', pushAll)); // after the lead's write has returned: participants never slow it down
  });
  // A participant whose network vanished without a close is found by the missing pong.
  const pinger = setInterval(() => {
    guarded('pinging participants', () => {
      for (const peer of peers.values()) {
        if (!peer.alive) peer.ws.terminate();
        else {
          peer.alive = false;
          peer.ws.ping();
        }
      }
      calls.prune();
      joins.prune();
    });
  }, options.pingIntervalMs ?? PING_INTERVAL_MS);
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
        stopped = true;
        unsubscribe();
        clearInterval(pinger);
        for (const peer of peers.values()) {
          if (peer.state !== 'auth') send(peer.ws, { event: 'sharing.ended', payload: { reason } });
          peer.ws.close(CLOSE_SHARING_STOPPED, 'Sharing stopped');
          setTimeout(() => peer.ws.terminate(), 1_000).unref();
        }
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
    disconnect(participantId) {
      for (const peer of peers.values()) if (peer.participantId === participantId) peer.ws.close(CLOSE_UNAUTHORIZED, 'removed');
    },
    dropSockets(participantId) {
      let dropped = 0;
      for (const peer of [...peers.values()]) {
        if (participantId !== undefined && peer.participantId !== participantId) continue;
        peer.ws.terminate();
        dropped++;
      }
      return dropped;
    },
  };
}
