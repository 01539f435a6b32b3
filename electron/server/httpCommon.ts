/**
 * What both HTTP servers share (browser mode's, electron/server/httpServer.ts, and the participant
 * server): limits, the page's CSP, constant-time token checks, the Host/Origin allow-list, JSON
 * answers, bounded bodies and the renderer's static files.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { ErrorCode, Result } from '../../shared/errors';
import { maxRequestBytes } from '../../shared/limits';

/** Every document the limits allow fits (shared/limits.ts derives it from them); a bigger body is refused with 413. */
export const MAX_REQUEST_BYTES = maxRequestBytes();
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * The page may talk only to this server; everything else is shut. Matches electron/ CSP, plus a
 * sandbox without allow-popups: in a plain browser tab, page script cannot open a window at all.
 * allow-modals lets print() open the print dialog, which is how browser mode makes a PDF (without
 * it Chromium ignores the call); it opens no window and navigates nowhere.
 */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
  'sandbox allow-scripts allow-same-origin allow-forms allow-downloads allow-modals';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  gate_closed: 409,
  limit_exceeded: 413,
  rate_limited: 429,
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

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison: hashing first makes both sides the same length. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(expected), digest(given));
}

/**
 * DNS rebinding defence: the Host header must name this server, and a browser's Origin (when sent)
 * must be this server too. `allowed` holds "host:port" forms in lower case.
 */
export function hostAllowed(req: http.IncomingMessage, allowed: ReadonlySet<string>): boolean {
  return allowed.has((req.headers.host ?? '').toLowerCase());
}

export function originAllowed(req: http.IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser cross-origin request
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && allowed.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

/** Headers on every answer: no sniffing, no Referer (the page URL carries a token in its fragment), no caching. */
export function setBaseHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

export function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent) return;
  const bytes = Buffer.from(JSON.stringify(body)); // encoded once: its length, then its bytes (10,000 meetings' list: 3 MB)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(bytes);
}

export function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
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

/** Longest URL path either server maps to a file; the renderer's own paths are far shorter. */
const MAX_PATH_CHARS = 1024;

/**
 * The decoded path of a request, or null when it cannot be decoded or mapped safely: a malformed or
 * overlong UTF-8 escape (decodeURIComponent throws), a NUL or other control character (fs throws on
 * NUL, synchronously: `GET /index.html%00.js` ended the process), a backslash, or a path too long.
 */
export function decodePath(pathname: string): string | null {
  if (pathname.length > MAX_PATH_CHARS) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(decoded) || !decoded.startsWith('/')) return null;
  return decoded;
}

export function serveStatic(res: http.ServerResponse, pathname: string, staticDir: string | undefined): void {
  if (!staticDir) return sendJson(res, 404, failure('not_found', 'Nothing here.'));
  const root = path.resolve(staticDir);
  const relative = decodePath(pathname);
  if (relative === null) return sendJson(res, 400, failure('invalid_input', 'Bad path.'));
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

/** A request's URL, or null when even that cannot be read (an absolute form naming port 99999, say). */
export function requestUrl(req: http.IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://placeholder');
  } catch {
    return null;
  }
}

/** Logs a handler's unexpected error in one line, without headers or query (either may hold a token). */
function logHandlerError(where: string, req: http.IncomingMessage, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const pathname = String(req.url).split(/[?#]/)[0]!.slice(0, 200);
  console.error(`Empty Chair: ${where} failed on ${String(req.method).slice(0, 16)} ${pathname}: ${detail}`);
}

/**
 * Wraps a request handler so nothing it throws (synchronously or in the promise it returns) can end
 * the process: the error is logged and answered 500, or the socket is ended if the answer had begun.
 */
export function guardRequests(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => unknown,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const fail = (error: unknown) => {
      logHandlerError('a request', req, error);
      if (res.headersSent) res.destroy();
      else
        sendJson(
          res,
          500,
          failure('internal', 'Something went wrong inside Empty Chair; nothing was changed. Details are in the log.'),
          true,
        );
    };
    try {
      const outcome = handler(req, res);
      if (outcome instanceof Promise) outcome.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

/** The same for an upgrade handler: a thrown error ends that socket with a 500, never the process. */
export function guardUpgrades(
  handler: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void,
): (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      handler(req, socket, head);
    } catch (error) {
      logHandlerError('a WebSocket upgrade', req, error);
      if (!socket.destroyed) socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  };
}

/** Runs a callback of a socket or timer; a throw is logged, never let through to end the process. */
export function guarded(where: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    console.error(`Empty Chair: ${where} failed:`, error);
  }
}

/** How long a client may take: the headers of a request, a whole request, and an idle keep-alive. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

export interface HttpTimeouts {
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/**
 * Options for http.createServer shared by both servers: a half-sent request is dropped after the
 * headers timeout (checked every second, not Node's default 30 s), a slow body after the request timeout.
 */
export function serverOptions(timeouts: HttpTimeouts = {}): http.ServerOptions {
  const headersTimeout = timeouts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  return {
    headersTimeout,
    requestTimeout: Math.max(headersTimeout, timeouts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  };
}

/**
 * A malformed request (the parser refuses it) is answered 400 and the socket closed, as Node would;
 * a socket already gone is only destroyed. Either way nothing is thrown.
 */
export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
  });
}
