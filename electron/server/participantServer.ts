/**
 * The participant server (issue #5): started by "Invite participants" on the one address the lead
 * picked, stopped by "Stop sharing" or the end of the meeting. It serves the renderer at `/` (the
 * page takes the participant role from `#join=<token>`), the participant API at POST /p/api/<method>
 * (participantCalls.ts) and its events at WS /p/events (participantSockets.ts). It authenticates and
 * rate-limits; everything else is the service's participant hub (electron/service/participants.ts).
 * Nothing of the lead's API is here.
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
import { JOIN_FRAGMENT_KEY, PARTICIPANT_API_PREFIX } from '../../shared/sharing';
import type { ParticipantHub, ShareStartOptions } from '../service/participants';
import { isLoopback } from '../service/networkAddresses';
import { ConnectionGate, DEFAULT_GATE_LIMITS, type GateLimits } from './connectionGate';
import {
  answerClientErrors,
  failure,
  guarded,
  guardRequests,
  guardUpgrades,
  hostAllowed,
  requestUrl,
  sendJson,
  serverOptions,
  serveStatic,
  setBaseHeaders,
  type HttpTimeouts,
} from './httpCommon';
import { participantApiHandler } from './participantCalls';
import { AUTH_TIMEOUT_MS, JOIN_TIMEOUT_MS, ParticipantSockets } from './participantSockets';
import { RateBook, type RateLimit } from './rateLimits';

export { TokenBucket, type RateLimit } from './rateLimits';
export { PARTICIPANT_BODY_BYTES } from './participantCalls';
export { DEFAULT_GATE_LIMITS } from './connectionGate';

/** Per participant (per address before joining): 20 requests or messages a second, bursts of 40 (a fast typist tagging is far below). */
export const DEFAULT_RATE = { perSecond: 20, burst: 40 } as const;
/** Joins per address: a person joins once (a lost answer: a few resends); a script minting names does not get far. */
export const JOIN_RATE = { perSecond: 0.2, burst: 10 } as const;
/** Event sockets that have authenticated; 100 participants with a phone and a laptop each fit. */
export const DEFAULT_MAX_CONNECTIONS = 256;
const PING_INTERVAL_MS = 15_000;
export {
  AUTH_TIMEOUT_MS,
  CLOSE_POLICY,
  CLOSE_SHARING_STOPPED,
  CLOSE_UNAUTHORIZED,
  JOIN_TIMEOUT_MS,
  MAX_SOCKETS_PER_PARTICIPANT,
  MAX_UNJOINED_PER_ADDRESS,
  PARTICIPANT_FRAME_BYTES,
} from './participantSockets';

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

/** Pings the participants' sockets and forgets idle rate records, every `ms`, never keeping the process up. */
function startPinging(tick: () => void, ms: number): NodeJS.Timeout {
  const pinger = setInterval(() => guarded('pinging participants', tick), ms);
  pinger.unref();
  return pinger;
}

/** Resolves once the server listens; rejects (and stops trying) if it cannot bind. */
function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startParticipantServer(options: ParticipantServerOptions): Promise<RunningParticipantServer> {
  const { hub, shareId, token } = options;
  const rate = options.rate ?? DEFAULT_RATE;
  let allowed = new Set<string>();
  const calls = new RateBook(rate);
  const joins = new RateBook(options.joinRate ?? JOIN_RATE);
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

  const sockets = new ParticipantSockets({
    hub,
    shareId,
    token,
    gate,
    calls,
    joins,
    rate,
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    authTimeoutMs: options.authTimeoutMs ?? AUTH_TIMEOUT_MS,
    joinTimeoutMs: options.joinTimeoutMs ?? JOIN_TIMEOUT_MS,
    allowed: () => allowed,
  });
  server.on(
    'upgrade',
    guardUpgrades((req, socket, head) => sockets.upgrade(req, socket, head)),
  );
  const unsubscribe = hub.onMeetingChanged(shareId, () => sockets.meetingChanged());
  const pinger = startPinging(() => {
    sockets.ping();
    calls.prune();
    joins.prune();
  }, options.pingIntervalMs ?? PING_INTERVAL_MS);

  try {
    await listen(server, options.host, options.port);
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
        sockets.endAll(reason);
        server.close(() => resolve());
        server.closeAllConnections();
      })),
    disconnect: (participantId) => sockets.disconnect(participantId),
    dropSockets: (participantId) => sockets.drop(participantId),
  };
}
