/**
 * The participant server's event sockets (WS /p/events): the auth frame, joining over the socket,
 * calls as messages, per-participant socket caps, pushes of each participant's view, pings, and
 * ending them all. The HTTP side is electron/server/participantCalls.ts; the server that holds both
 * is electron/server/participantServer.ts.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createdSession, participantMethodSpec, type ParticipantEvent, type ParticipantSocketReply } from '../../shared/participantApi';
import { PARTICIPANT_CLOSE_CODES, PARTICIPANT_EVENTS_PATH } from '../../shared/sharing';
import { normalAddress } from './connectionGate';
import { failure, guarded, hostAllowed, MAX_FRAME_BYTES, originAllowed, requestUrl, tokenMatches } from './httpCommon';
import { callerKeyOf, rateLimited, type ApiHandlerParts } from './participantCalls';
import type { RateLimit } from './rateLimits';

export const PARTICIPANT_FRAME_BYTES = MAX_FRAME_BYTES;
/** Open sockets per participant (a phone, a laptop, a stale one or two); a new one past this ends the oldest. */
export const MAX_SOCKETS_PER_PARTICIPANT = 4;
/** Sockets from one address that have not (yet) joined: a page between its socket and its join needs one. */
export const MAX_UNJOINED_PER_ADDRESS = 8;
/** The auth frame must come this soon after the upgrade, and a socket must name a session this soon after that. */
export const AUTH_TIMEOUT_MS = 3_000;
export const JOIN_TIMEOUT_MS = 10_000;
/** A participant that stops reading (more than this queued) is dropped, so the lead's app never waits on one. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/**
 * WebSocket close codes: 1008 policy (a flood of messages, or a participant's oldest socket past
 * the cap), 1009 too big (ws sends it), 4000 sharing stopped, 4401 unauthorized (auth frame
 * missing, late or wrong, or the session unknown: the page must join again).
 */
export const CLOSE_SHARING_STOPPED = PARTICIPANT_CLOSE_CODES.sharingEnded;
export const CLOSE_UNAUTHORIZED = PARTICIPANT_CLOSE_CODES.unauthorized;
export const CLOSE_POLICY = PARTICIPANT_CLOSE_CODES.policy;

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

/** What the sockets share with the HTTP side (ApiHandlerParts), and their own limits. */
export interface SocketParts extends ApiHandlerParts {
  /** The everyday rate: a whole burst refused in a row closes the socket. */
  rate: RateLimit;
  /** Authenticated sockets at once. */
  maxConnections: number;
  authTimeoutMs: number;
  joinTimeoutMs: number;
}

export class ParticipantSockets {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: PARTICIPANT_FRAME_BYTES });
  private readonly peers = new Map<WebSocket, Peer>();
  private readonly callerKey: (session: string | null, address: string) => string;
  private pushQueued = false;
  private stopped = false;

  constructor(private readonly parts: SocketParts) {
    this.callerKey = callerKeyOf(parts.hub, parts.shareId);
  }

  /** The HTTP server's 'upgrade': only /p/events, own Host and Origin, within the caps. */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, text: string) =>
      void socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    const url = requestUrl(req);
    if (url?.pathname !== PARTICIPANT_EVENTS_PATH) return refuse(404, 'Not Found');
    if (!hostAllowed(req, this.parts.allowed()) || !originAllowed(req, this.parts.allowed())) return refuse(403, 'Forbidden');
    let authenticated = 0;
    for (const peer of this.peers.values()) if (peer.state !== 'auth') authenticated++;
    if (authenticated >= this.parts.maxConnections) return refuse(503, 'Service Unavailable');
    const address = normalAddress(req.socket.remoteAddress);
    let unjoined = 0;
    for (const peer of this.peers.values()) if (peer.state !== 'joined' && peer.address === address) unjoined++;
    if (unjoined >= MAX_UNJOINED_PER_ADDRESS) return refuse(503, 'Service Unavailable');
    this.server.handleUpgrade(req, socket, head, (ws) => this.open(ws, req.socket, address));
  }

  private open(ws: WebSocket, socket: Socket, address: string): void {
    const peer: Peer = {
      ws,
      socket,
      address,
      state: 'auth',
      session: null,
      participantId: null,
      refusedInRow: 0,
      timer: null,
      alive: true,
    };
    this.peers.set(ws, peer);
    this.setTimer(peer, this.parts.authTimeoutMs);
    ws.on('pong', () => (peer.alive = true));
    ws.on('error', () => ws.terminate()); // includes a frame over the cap: ws closes it with 1009 first
    ws.on('close', () => {
      if (peer.timer) clearTimeout(peer.timer);
      this.peers.delete(ws);
      if (peer.state === 'joined' && peer.session) this.parts.hub.socketChanged(this.parts.shareId, peer.session, -1);
    });
    ws.on('message', (data) => guarded('a participant message', () => this.onMessage(peer, data)));
  }

  private sendText(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_QUEUED_BYTES) return void ws.terminate();
    ws.send(text);
  }

  private send(ws: WebSocket, frame: ParticipantEvent | ParticipantSocketReply): void {
    this.sendText(ws, JSON.stringify(frame));
  }

  private viewFrame(session: string): string | null {
    const view = this.parts.hub.viewFor(this.parts.shareId, session);
    return view ? JSON.stringify({ event: 'participant.view', payload: view } satisfies ParticipantEvent) : null;
  }

  private unauthorized(peer: Peer): void {
    peer.ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
  }

  private setTimer(peer: Peer, ms: number): void {
    if (peer.timer) clearTimeout(peer.timer);
    peer.timer = setTimeout(() => this.unauthorized(peer), ms);
    peer.timer.unref();
  }

  /** The socket now speaks for `session`: count it, keep each participant to a few sockets, catch it up. */
  private bind(peer: Peer, session: string): void {
    const { hub, shareId } = this.parts;
    if (peer.timer) clearTimeout(peer.timer);
    peer.timer = null;
    peer.state = 'joined';
    peer.session = session;
    peer.participantId = hub.participantOf(shareId, session)?.id ?? null;
    const theirs = [...this.peers.values()].filter((other) => other !== peer && other.session === session);
    // Past the cap the oldest goes: it is the likeliest to be a dead tab or a half-open connection.
    for (const old of theirs.slice(0, Math.max(0, theirs.length - (MAX_SOCKETS_PER_PARTICIPANT - 1)))) {
      old.ws.close(CLOSE_POLICY, 'Too many connections for one participant');
    }
    hub.socketChanged(shareId, session, 1);
    const frame = this.viewFrame(session);
    if (frame) this.sendText(peer.ws, frame); // catch-up: a reconnecting participant sees everything they missed at once
  }

  private authenticate(peer: Peer, frame: unknown): void {
    const auth = frame && typeof frame === 'object' ? (frame as { auth?: unknown }).auth : undefined;
    const { token: given, session } = (auth && typeof auth === 'object' ? auth : {}) as { token?: unknown; session?: unknown };
    if (typeof given !== 'string' || !tokenMatches(this.parts.token, given)) return this.unauthorized(peer);
    if (!this.parts.gate.prove(peer.socket)) return void peer.ws.close(CLOSE_POLICY, 'Too many connections');
    if (session === undefined || session === null) {
      peer.state = 'unjoined';
      return this.setTimer(peer, this.parts.joinTimeoutMs); // it must join over this socket soon, or go
    }
    if (typeof session !== 'string' || !this.parts.hub.hasSession(this.parts.shareId, session)) return this.unauthorized(peer);
    this.bind(peer, session);
  }

  private onMessage(peer: Peer, data: unknown): void {
    const { ws } = peer;
    peer.alive = true;
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      frame = undefined;
    }
    if (peer.state === 'auth') return this.authenticate(peer, frame); // nothing else is read before auth
    const { id, method, input } = (frame && typeof frame === 'object' ? frame : {}) as { id?: unknown; method?: unknown; input?: unknown };
    const reply = typeof id === 'string' || typeof id === 'number' ? id : null;
    const budget = this.parts.calls.bucket(this.callerKey(peer.session, peer.address));
    if (!budget.take()) {
      // Refused, not applied: the client keeps it and sends it again. A flood that goes on is cut.
      if (++peer.refusedInRow >= this.parts.rate.burst) return void ws.close(CLOSE_POLICY, 'Too many messages');
      return this.send(ws, { reply, result: rateLimited(budget.retryAfterSeconds()) });
    }
    peer.refusedInRow = 0;
    if (frame === undefined)
      return this.send(ws, { reply: null, result: failure('invalid_input', 'A message must be JSON: { "id", "method", "input" }.') });
    const spec = participantMethodSpec(method);
    if (spec?.rate === 'join') {
      const joinBudget = this.parts.joins.bucket(`a:${peer.address}`);
      if (!joinBudget.take()) return this.send(ws, { reply, result: rateLimited(joinBudget.retryAfterSeconds()) });
    }
    const result = this.parts.hub.call(this.parts.shareId, peer.session, method, input, peer.address);
    const created = spec?.session === 'creates' && result.ok ? createdSession(result.value) : null;
    if (created && peer.state === 'unjoined') this.bind(peer, created);
    this.send(ws, { reply, result });
  }

  /** A change of the meeting: pushed once per tick, after the lead's write has returned (participants never slow it down). */
  meetingChanged(): void {
    if (this.pushQueued) return;
    this.pushQueued = true;
    setImmediate(() => guarded('pushing participant views', () => this.pushAll()));
  }

  /** One view built and serialised per participant, sent to each of their sockets. */
  private pushAll(): void {
    this.pushQueued = false;
    if (this.stopped) return;
    const bySession = new Map<string, WebSocket[]>();
    for (const peer of this.peers.values()) {
      if (peer.state !== 'joined' || !peer.session) continue;
      const list = bySession.get(peer.session);
      if (list) list.push(peer.ws);
      else bySession.set(peer.session, [peer.ws]);
    }
    for (const [session, list] of bySession) {
      const frame = this.viewFrame(session);
      if (frame) for (const ws of list) this.sendText(ws, frame);
    }
  }

  /** A participant whose network vanished without a close is found by the missing pong. */
  ping(): void {
    for (const peer of this.peers.values()) {
      if (!peer.alive) peer.ws.terminate();
      else {
        peer.alive = false;
        peer.ws.ping();
      }
    }
  }

  /** Sharing stopped: every socket is told why and closed (4000), and cut a second later if still open. */
  endAll(reason: string): void {
    this.stopped = true;
    for (const peer of this.peers.values()) {
      if (peer.state !== 'auth') this.send(peer.ws, { event: 'sharing.ended', payload: { reason } });
      peer.ws.close(CLOSE_SHARING_STOPPED, 'Sharing stopped');
      setTimeout(() => peer.ws.terminate(), 1_000).unref();
    }
    this.server.close();
  }

  /** Closes one (removed) participant's sockets with 4401: their session is gone. */
  disconnect(participantId: string): void {
    for (const peer of this.peers.values()) if (peer.participantId === participantId) peer.ws.close(CLOSE_UNAUTHORIZED, 'removed');
  }

  /** Cuts sockets as a network would (no close frame), one participant's or everyone's; answers how many. */
  drop(participantId?: string): number {
    let dropped = 0;
    for (const peer of [...this.peers.values()]) {
      if (participantId !== undefined && peer.participantId !== participantId) continue;
      peer.ws.terminate();
      dropped++;
    }
    return dropped;
  }
}
