import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  answerClientErrors,
  failure,
  guarded,
  guardRequests,
  guardUpgrades,
  hostAllowed as hostIn,
  MAX_FRAME_BYTES,
  MAX_REQUEST_BYTES,
  originAllowed as originIn,
  readBody,
  requestUrl,
  sendJson,
  serverOptions,
  serveStatic,
  setBaseHeaders,
  STATUS_BY_CODE,
  tokenMatches,
} from './httpCommon';
import { namesAPath, PATH_FROM_WINDOW_MESSAGE } from '../../shared/evidence/picking';
import { REQUEST_ID_HEADER } from '../../shared/requestIds';
import { START_INFO_PATH, type StartInfo } from '../../shared/startInfo';
import { normalAddress } from './connectionGate';
import { dispatch } from '../service/dispatch';
import type { MeetingService } from '../service/meetingService';

export { MAX_FRAME_BYTES, MAX_REQUEST_BYTES, tokenMatches, WEB_CSP } from './httpCommon';

export interface ServerOptions {
  service: MeetingService;
  /** Browser mode binds loopback only. */
  host?: string;
  port?: number;
  /** The built renderer (dist/renderer); without it only the API is served. */
  staticDir?: string;
  /**
   * The data folder, told without the token (GET /api/start-info) to loopback clients only, so a tab
   * without the link can say where Empty Chair keeps its data. Omitted: not told at all.
   */
  dataDir?: string;
  /** Fixed token for tests; a random 256-bit one otherwise. */
  token?: string;
  /** Header and request timeouts (tests shorten them); production defaults in httpCommon.ts. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Told once an API answer has been handed to the network (browser mode waits for the first list). */
  onAnswered?: (method: string) => void;
}

export interface RunningServer {
  url: string;
  /** The URL that opens the app, token included (in the fragment, so it is never sent or logged). */
  appUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode's transport of the API: POST /api/<method> with a JSON body, events over a
 * WebSocket at /api/events, the renderer's files for everything else. Every API request needs
 * the token; the Host and Origin headers must name this server (no DNS rebinding).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  let allowedHosts = new Set<string>();

  const hostAllowed = (req: http.IncomingMessage) => hostIn(req, allowedHosts);
  const originAllowed = (req: http.IncomingMessage) => originIn(req, allowedHosts);

  const server = http.createServer(
    serverOptions(options),
    guardRequests((req, res) => {
      setBaseHeaders(res);
      if (!hostAllowed(req)) return sendJson(res, 403, failure('forbidden', 'This server answers only on its own address.'));
      const url = requestUrl(req);
      if (!url) return sendJson(res, 400, failure('invalid_input', 'Bad request target.'));
      if (url.pathname.startsWith('/api/')) {
        if (!originAllowed(req)) return sendJson(res, 403, failure('forbidden', 'Requests from other sites are refused.'));
        if (url.pathname === START_INFO_PATH) return answerStartInfo(req, res, options.dataDir);
        if (options.onAnswered) res.once('finish', () => options.onAnswered!(url.pathname.slice('/api/'.length)));
        return answerApi(options.service, token, req, res, url);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, failure('invalid_input', 'Method not allowed.'));
      return serveStatic(res, url.pathname, options.staticDir);
    }),
  );
  answerClientErrors(server);

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on(
    'upgrade',
    guardUpgrades((req, socket, head) => {
      const url = requestUrl(req);
      const refuse = (status: number, text: string) => {
        socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      if (url?.pathname !== '/api/events') return refuse(404, 'Not Found');
      if (!hostAllowed(req) || !originAllowed(req)) return refuse(403, 'Forbidden');
      if (!tokenMatches(token, url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
      sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
    }),
  );
  // Clients only listen; anything they send is ignored (frames over the cap close the socket).
  sockets.on('connection', (ws: WebSocket) => ws.on('error', () => ws.terminate()));
  const unsubscribe = options.service.events.subscribe((event) => {
    guarded('pushing an event', () => {
      const frame = JSON.stringify(event);
      for (const ws of sockets.clients) if (ws.readyState === ws.OPEN) ws.send(frame);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`${hostForUrl}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
  const url = `http://${hostForUrl}:${port}`;

  return {
    url,
    appUrl: `${url}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** 127.0.0.0/8 and ::1 (and their IPv4-mapped forms): the machine itself. */
export function isLoopbackAddress(address: string | undefined): boolean {
  const normal = normalAddress(address);
  return normal === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normal);
}

/** The one path answered without the token: where the data is and how to get a link, never any data. */
function answerStartInfo(req: http.IncomingMessage, res: http.ServerResponse, dataDir: string | undefined): void {
  if (req.method !== 'GET') return sendJson(res, 405, failure('invalid_input', 'start-info is read with GET.'));
  // Browser mode listens on loopback only; the check stays in case a host option ever widens that.
  if (!isLoopbackAddress(req.socket.remoteAddress)) return sendJson(res, 403, failure('forbidden', 'Only this computer may ask.'));
  const info: StartInfo = { dataDir: dataDir ?? null, command: 'npm start' };
  sendJson(res, 200, { ok: true, value: info });
}

/** POST /api/<method> with the token (Origin already checked): the body, parsed, through the one dispatcher. */
async function answerApi(
  service: MeetingService,
  token: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<void> {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!tokenMatches(token, bearer)) {
    return sendJson(res, 401, failure('unauthorized', 'A valid token is required. Open the link Empty Chair printed.'));
  }
  if (req.method !== 'POST') return sendJson(res, 405, failure('invalid_input', 'API methods are called with POST.'));
  let method: string;
  try {
    method = decodeURIComponent(url.pathname.slice('/api/'.length));
  } catch {
    // A malformed escape ("%E0%A4%A") threw here, outside any handler, and stopped the process.
    return sendJson(res, 400, failure('invalid_input', 'Bad method name.'));
  }
  let body: string;
  try {
    body = await readBody(req, MAX_REQUEST_BYTES);
  } catch {
    return sendJson(
      res,
      413,
      failure(
        'limit_exceeded',
        `Requests are limited to ${MAX_REQUEST_BYTES.toLocaleString('en')} bytes (the largest import the limits allow).`,
      ),
      true,
    );
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    return sendJson(res, 400, failure('invalid_input', 'The request body is not valid JSON.'));
  }
  // A page sends the files it imports (evidence.uploadStart / uploadChunk); it never names a path on this machine.
  if (namesAPath(method, input)) return sendJson(res, 403, failure('forbidden', PATH_FROM_WINDOW_MESSAGE));
  const result = dispatch(service, method, input, req.headers[REQUEST_ID_HEADER]);
  sendJson(res, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
}
