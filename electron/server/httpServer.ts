import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ErrorCode, Result } from '../../shared/errors';
import { dispatch } from '../service/dispatch';
import type { MeetingService } from '../service/meetingService';

export const MAX_REQUEST_BYTES = 1024 * 1024;
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * The page may talk only to this server; everything else is shut. Matches electron/ CSP, plus a
 * sandbox without allow-popups: in a plain browser tab, page script cannot open a window at all.
 */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
  'sandbox allow-scripts allow-same-origin allow-forms allow-downloads';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  gate_closed: 409,
  limit_exceeded: 413,
  unknown_method: 404,
  unauthorized: 401,
  forbidden: 403,
  storage_error: 500,
  internal: 500,
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface ServerOptions {
  service: MeetingService;
  /** Browser mode binds loopback only. */
  host?: string;
  port?: number;
  /** The built renderer (dist/renderer); without it only the API is served. */
  staticDir?: string;
  /** Fixed token for tests; a random 256-bit one otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  /** The URL that opens the app, token included (in the fragment, so it is never sent or logged). */
  appUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison: hashing first makes both sides the same length. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(expected), digest(given));
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

  const hostAllowed = (req: http.IncomingMessage) => allowedHosts.has((req.headers.host ?? '').toLowerCase());
  const originAllowed = (req: http.IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true; // not a browser cross-origin request
    try {
      const url = new URL(origin);
      return url.protocol === 'http:' && allowedHosts.has(url.host.toLowerCase());
    } catch {
      return false;
    }
  };

  const server = http.createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!hostAllowed(req)) return sendJson(res, 403, failure('forbidden', 'This server answers only on its own address.'));
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, failure('invalid_input', 'Method not allowed.'));
    return serveStatic(res, url.pathname, options.staticDir);
  });

  const handleApi = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (!originAllowed(req)) return sendJson(res, 403, failure('forbidden', 'Requests from other sites are refused.'));
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!tokenMatches(token, bearer)) {
      return sendJson(res, 401, failure('unauthorized', 'A valid token is required. Open the link Empty Chair printed.'));
    }
    if (req.method !== 'POST') return sendJson(res, 405, failure('invalid_input', 'API methods are called with POST.'));
    const method = decodeURIComponent(url.pathname.slice('/api/'.length));
    readBody(req, MAX_REQUEST_BYTES).then(
      (body) => {
        let input: unknown;
        try {
          input = body.length === 0 ? {} : JSON.parse(body);
        } catch {
          return sendJson(res, 400, failure('invalid_input', 'The request body is not valid JSON.'));
        }
        const result = dispatch(options.service, method, input);
        sendJson(res, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
      },
      () => {
        sendJson(res, 413, failure('limit_exceeded', `Requests are limited to ${MAX_REQUEST_BYTES} bytes.`), true);
      },
    );
  };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/api/events') return refuse(404, 'Not Found');
    if (!hostAllowed(req) || !originAllowed(req)) return refuse(403, 'Forbidden');
    if (!tokenMatches(token, url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  // Clients only listen; anything they send is ignored (frames over the cap close the socket).
  sockets.on('connection', (ws: WebSocket) => ws.on('error', () => ws.terminate()));
  const unsubscribe = options.service.events.subscribe((event) => {
    const frame = JSON.stringify(event);
    for (const ws of sockets.clients) if (ws.readyState === ws.OPEN) ws.send(frame);
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

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveStatic(res: http.ServerResponse, pathname: string, staticDir: string | undefined): void {
  if (!staticDir) return sendJson(res, 404, failure('not_found', 'Nothing here.'));
  const root = path.resolve(staticDir);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return sendJson(res, 400, failure('invalid_input', 'Bad path.'));
  }
  let file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return sendJson(res, 404, failure('not_found', 'Nothing here.'));
  if (relative.endsWith('/') || !path.extname(file)) file = path.join(root, 'index.html');
  fs.readFile(file, (error, data) => {
    if (error) return sendJson(res, 404, failure('not_found', 'Nothing here.'));
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const headers: http.OutgoingHttpHeaders = { 'content-type': type, 'content-length': data.length };
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = WEB_CSP;
      headers['cross-origin-opener-policy'] = 'same-origin';
    }
    res.writeHead(200, headers);
    res.end(data);
  });
}
